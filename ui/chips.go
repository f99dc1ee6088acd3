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
	// typed: the key types text, which belongs in the composer; the root
	// focuses it and hands it the key, so nothing typed here is lost.
	typed bool
}

// Update handles the chip row's keys (ChipKeys).
func (c chipsModel) Update(msg tea.Msg) (chipsModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return c, nil
	}
	switch {
	case key.Matches(k, c.km.Leave):
		c.intents.leave = true
	case len(c.items) == 0:
	case key.Matches(k, c.km.Left):
		c.index = (c.index + len(c.items) - 1) % len(c.items)
	case key.Matches(k, c.km.Right):
		c.index = (c.index + 1) % len(c.items)
	case key.Matches(k, c.km.Send):
		c.intents.send = c.items[c.index]
	default:
		c.intents.typed = typesText(k)
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

// lines lays the chips out in rows that fit w cells, at most maxRows rows.
// When they do not all fit, "…" leads a row with chips before it and "+N"
// counts the chips after the last row; the rows shown start so that the
// chosen chip is among them. Focus changes the highlight, never the rows.
func (c *chipsModel) lines() []string { return c.draw(nil) }

// draw lays the chips out (see lines); hits, when not nil, gets where each
// chip shown is drawn.
func (c *chipsModel) draw(hits *[]chipHit) []string {
	if len(c.items) == 0 || c.w < 4 || c.maxRows <= 0 {
		return nil
	}
	w := c.w
	rows := c.pack(w)
	if len(rows) > c.maxRows {
		// Room for both markers on every row, so scrolling to the chosen
		// chip never reflows the chips.
		w = max(4, c.w-5) // "… " and " +9"
		rows = c.pack(w)
	}
	first := 0
	if c.focused {
		for r, row := range rows {
			if c.index >= row[0] && c.index < row[1] {
				first = max(0, r-c.maxRows+1)
			}
		}
	}
	last := min(len(rows), first+c.maxRows)
	out := make([]string, 0, last-first)
	for r := first; r < last; r++ {
		var sb strings.Builder
		x := 0
		if r == first && first > 0 {
			sb.WriteString(c.st.Chips.Label.Render("…") + " ")
			x = 2
		}
		for i := rows[r][0]; i < rows[r][1]; i++ {
			if i > rows[r][0] {
				sb.WriteByte(' ')
				x++
			}
			st := c.st.Chips.Chip
			if c.focused && i == c.index {
				st = c.st.Chips.Active
			}
			chip := st.Render(c.label(i, w))
			cw := ansi.StringWidth(chip)
			if hits != nil {
				*hits = append(*hits, chipHit{row: r - first, x0: x, x1: x + cw, n: i + 1})
			}
			sb.WriteString(chip)
			x += cw
		}
		if r == last-1 && last < len(rows) {
			sb.WriteString(" " + c.st.Chips.Label.Render(fmt.Sprintf("+%d", len(c.items)-rows[r][1])))
		}
		out = append(out, sb.String())
	}
	return out
}

// chipHit is where chip n (1-based) is drawn: row, and cells [x0, x1).
type chipHit struct{ row, x0, x1, n int }

// chipAt is the number of the chip drawn at row, column x of the chip
// rows, 0 when there is none (a click between chips).
func (c *chipsModel) chipAt(row, x int) int {
	var hits []chipHit
	c.draw(&hits)
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

// label is chip i's text, numbered, cut at a word to fit a row of w
// cells with the chip's padding.
func (c *chipsModel) label(i, w int) string {
	return truncateWords(fmt.Sprintf("%d %s", i+1, c.items[i]), max(3, w-2))
}

// pack places the chips greedily in rows of w cells; each row is the
// range [from, to) of chip indices.
func (c *chipsModel) pack(w int) [][2]int {
	var rows [][2]int
	rowW, from := 0, 0
	for i := range c.items {
		cw := ansi.StringWidth(c.label(i, w)) + 2
		if rowW > 0 && rowW+1+cw > w {
			rows = append(rows, [2]int{from, i})
			rowW, from = 0, i
		}
		if rowW > 0 {
			rowW++
		}
		rowW += cw
	}
	return append(rows, [2]int{from, len(c.items)})
}

// truncateWords cuts s to w cells at the last word that fits, marking the
// cut with "…"; a single word longer than w is cut inside.
func truncateWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	cut := ansi.Truncate(s, max(0, w-1), "")
	if sp := strings.LastIndexByte(cut, ' '); sp > 0 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

// typesText reports whether k writes text (a letter, a space, a symbol)
// rather than being a command key.
func typesText(k tea.KeyPressMsg) bool {
	return k.Text != "" && k.Mod&^tea.ModShift == 0
}
