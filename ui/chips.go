package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/internal/textsafe"
	"aui-tui/theme"
)

// chipsModel shows the agent's follow-up suggestions as numbered chips. It
// never calls the API: choosing a chip returns its text and the root sends
// it like typed input.
type chipsModel struct {
	st      *theme.Styles
	km      ChipKeys
	items   []string
	index   int
	focused bool
	w       int
	maxRows int
	// rev changes with the suggestions, so drawn rows can be reused.
	rev     int
	intents chipsIntents
}

func newChips(st *theme.Styles, km ChipKeys) chipsModel {
	return chipsModel{st: st, km: km, maxRows: 2}
}

// set replaces the suggestions (sanitised once here, not per frame).
func (c *chipsModel) set(items []string) {
	c.rev++
	c.items = c.items[:0:0]
	for _, it := range items {
		if s := textsafe.Cells(textsafe.Line(it)); s != "" {
			c.items = append(c.items, s)
		}
		if len(c.items) == 9 {
			break
		}
	}
	c.index = min(c.index, max(0, len(c.items)-1))
}

func (c *chipsModel) setStyles(st *theme.Styles) { c.st = st }

// SetSize sets the width the chips wrap at and how many rows they may
// take.
func (c *chipsModel) SetSize(w, maxRows int) { c.w, c.maxRows = w, maxRows }

// Focus marks the chip row as having the keyboard: the chosen chip shows.
func (c *chipsModel) Focus() { c.focused = true }

// Blur marks it as not having it.
func (c *chipsModel) Blur() { c.focused = false }

// text returns suggestion n (1-based).
func (c *chipsModel) text(n int) (string, bool) {
	if n < 1 || n > len(c.items) {
		return "", false
	}
	return c.items[n-1], true
}

// chipsIntents is what the chip row asks of the rest of the program.
type chipsIntents struct {
	// send is the chosen suggestion, to send like typed text.
	send string
	// leave: focus should go back to the composer.
	leave bool
}

// Update handles the chip row's keys (ChipKeys).
func (c chipsModel) Update(msg tea.Msg) (chipsModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	if key.Matches(k, c.km.Leave) {
		c.intents.leave = true
		return c, nil
	}
	if len(c.items) == 0 {
		return c, nil
	}
	switch {
	case key.Matches(k, c.km.Left):
		c.index = (c.index + len(c.items) - 1) % len(c.items)
	case key.Matches(k, c.km.Right):
		c.index = (c.index + 1) % len(c.items)
	case key.Matches(k, c.km.Send):
		c.intents.send = c.items[c.index]
	}
	return c, nil
}

// takeIntents returns what the chip row asked for and forgets it.
func (c *chipsModel) takeIntents() chipsIntents {
	in := c.intents
	c.intents = chipsIntents{}
	return in
}

// View is the chip rows (none when there is nothing to show).
func (c chipsModel) View() string { return strings.Join(c.lines(), "\n") }

// ShortHelp is the help bar while the chip row has focus.
func (c chipsModel) ShortHelp() []key.Binding { return []key.Binding{c.km.Left, c.km.Send, c.km.Leave} }

// FullHelp is every binding of the chip row.
func (c chipsModel) FullHelp() [][]key.Binding { return [][]key.Binding{c.ShortHelp()} }

// lines lays the chips out in rows that fit w cells, at most maxRows rows;
// chips that do not fit are counted in a "+N" tail. When the chip row has
// focus and the chosen chip is among those hidden, the rows start at it.
func (c *chipsModel) lines() []string {
	if len(c.items) == 0 || c.w < 4 || c.maxRows <= 0 {
		return nil
	}
	rows, shown := c.layout(0, nil)
	if c.focused && c.index >= shown {
		rows, _ = c.layout(c.index, nil)
	}
	return rows
}

// chipHit is where chip n (1-based) is drawn: row, and cells [x0, x1).
type chipHit struct{ row, x0, x1, n int }

// chipAt is the number of the chip drawn at row, column x of the chip
// rows, 0 when there is none (a click between chips).
func (c *chipsModel) chipAt(row, x int) int {
	if len(c.items) == 0 || c.w < 4 || c.maxRows <= 0 {
		return 0
	}
	var hits []chipHit
	_, shown := c.layout(0, &hits)
	if c.focused && c.index >= shown {
		hits = hits[:0]
		c.layout(c.index, &hits)
	}
	for _, h := range hits {
		if h.row == row && x >= h.x0 && x < h.x1 {
			return h.n
		}
	}
	return 0
}

// chipsKey is everything the chip rows depend on.
type chipsKey struct {
	rev, index, w, maxRows int
	focused                bool
	st                     *theme.Styles
}

func (c *chipsModel) key() chipsKey {
	return chipsKey{rev: c.rev, index: c.index, w: c.w, maxRows: c.maxRows, focused: c.focused, st: c.st}
}

// layout places chips from first on; shown is the index of the first chip
// left out (len(items) when all fit). hits, when not nil, gets where each
// chip shown is drawn.
func (c *chipsModel) layout(first int, hits *[]chipHit) (rows []string, shown int) {
	var row strings.Builder
	rowW := 0
	if first > 0 {
		lead := c.st.Chips.Label.Render("…")
		row.WriteString(lead)
		rowW = ansi.StringWidth(lead)
	}
	for i := first; i < len(c.items); i++ {
		label := ansi.Truncate(fmt.Sprintf("%d %s", i+1, c.items[i]), max(3, c.w-2), "…")
		st := c.st.Chips.Chip
		if c.focused && i == c.index {
			st = c.st.Chips.Active
		}
		chip := st.Render(label)
		cw := ansi.StringWidth(chip)
		if rowW > 0 && rowW+1+cw > c.w {
			rows = append(rows, row.String())
			row.Reset()
			rowW = 0
			if len(rows) == c.maxRows {
				more := fmt.Sprintf("+%d", len(c.items)-i)
				last := rows[len(rows)-1]
				if ansi.StringWidth(last)+1+len(more) > c.w {
					last = ansi.Truncate(last, max(0, c.w-1-len(more)), "")
				}
				rows[len(rows)-1] = last + " " + c.st.Chips.Label.Render(more)
				return rows, i
			}
		}
		if rowW > 0 {
			row.WriteByte(' ')
			rowW++
		}
		if hits != nil {
			*hits = append(*hits, chipHit{row: len(rows), x0: rowW, x1: rowW + cw, n: i + 1})
		}
		row.WriteString(chip)
		rowW += cw
	}
	if rowW > 0 {
		rows = append(rows, row.String())
	}
	return rows, len(c.items)
}
