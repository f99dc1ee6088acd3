package transcript

import (
	"fmt"
	"strings"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

// detailsView shows every field of a message's cards, nothing cut (links
// whole), with one card selected: o opens its link.
type detailsView struct {
	key    string
	cards  []api.Card
	sel    int
	lines  []string
	starts []int // first line of each card
	off    int
	width  int
}

func newDetailsView(e Entry, width int, st *theme.Styles) *detailsView {
	v := &detailsView{key: e.Key, cards: entryCards(e)}
	for i, c := range v.cards {
		if c.IsRecommended {
			v.sel = i
			break
		}
	}
	v.build(width, st)
	return v
}

// build lays the cards out at width, marking the selected one.
func (v *detailsView) build(width int, st *theme.Styles) {
	v.width = max(width, 1)
	v.lines, v.starts = nil, nil
	inner := max(v.width-2, 1)
	for i, c := range v.cards {
		if i > 0 {
			v.lines = append(v.lines, "")
		}
		v.starts = append(v.starts, len(v.lines))
		lead := "  "
		if i == v.sel {
			lead = st.Chat.FocusBar.Render(focusGlyph) + " "
		}
		var body []string
		name := textsafe.Cells(textsafe.Line(c.Name))
		if name == "" {
			name = "Product"
		}
		body = append(body, wrapStyled(st.Card.Title, name, inner)...)
		if c.IsRecommended {
			body = append(body, st.Card.Badge.Render(badge))
		}
		body = append(body, paramLines(c.Parameters, inner, st)...)
		for _, s := range c.SubEntities {
			for j, it := range s.Items {
				label := textsafe.Line(s.Name)
				if label == "" {
					label = "Variant"
				}
				body = append(body, wrapStyled(st.Card.Key, fmt.Sprintf("%s %d", label, j+1), inner)...)
				body = append(body, indent(paramLines(it.Parameters, max(inner-2, 1), st), "  ")...)
			}
		}
		for _, l := range body {
			v.lines = append(v.lines, lead+l)
		}
	}
}

// paramLines shows each parameter as "Title: value", wrapped, links whole
// (and clickable).
func paramLines(ps []api.Parameter, width int, st *theme.Styles) []string {
	var out []string
	for _, p := range ps {
		k, val := textsafe.Line(p.Title), textsafe.Cells(textsafe.Line(p.Value.String()))
		if val == "" {
			continue
		}
		if _, isLink := linkURL(val); !isLink && ansi.StringWidth(k+": "+val) <= width {
			out = append(out, st.Card.Key.Render(k+":")+" "+st.Card.Value.Render(val))
			continue
		}
		out = append(out, wrapStyled(st.Card.Key, k+":", width)...)
		if u, ok := linkURL(val); ok {
			// Cut into pieces of the width, each its own hyperlink, so no
			// link sequence spans a line break.
			for _, piece := range strings.Split(ansi.Hardwrap(u, max(width-2, 1), false), "\n") {
				out = append(out, "  "+hyperlink(u, st.Card.Value.Underline(true).Render(piece)))
			}
			continue
		}
		out = append(out, indent(wrapStyled(st.Card.Value, val, max(width-2, 1)), "  ")...)
	}
	return out
}

func wrapStyled(style interface{ Render(...string) string }, s string, width int) []string {
	var out []string
	for _, l := range cells.WrapLines(s, width) {
		out = append(out, style.Render(strings.TrimRight(l, " ")))
	}
	return out
}

func indent(ls []string, pre string) []string {
	for i := range ls {
		ls[i] = pre + ls[i]
	}
	return ls
}

// selectCard moves the selection by d cards and scrolls it into view.
func (v *detailsView) selectCard(d, rows int, st *theme.Styles) {
	if len(v.cards) == 0 {
		return
	}
	v.sel = min(max(v.sel+d, 0), len(v.cards)-1)
	v.build(v.width, st)
	start, end := v.starts[v.sel], len(v.lines)
	if v.sel+1 < len(v.starts) {
		end = v.starts[v.sel+1] - 1
	}
	switch {
	case start < v.off || end-start > rows:
		v.off = start
	case end > v.off+rows:
		v.off = end - rows
	}
	v.scroll(0, rows)
}

// link is the selected card's first link, "" when it has none.
func (v *detailsView) link() string {
	if v.sel < len(v.cards) {
		if ls := cardLinks(v.cards[v.sel]); len(ls) > 0 {
			return ls[0]
		}
	}
	return ""
}

// text is the selected card as plain text, for copying.
func (v *detailsView) text() string {
	start, end := 0, len(v.lines)
	if len(v.starts) > 0 {
		start = v.starts[v.sel]
		if v.sel+1 < len(v.starts) {
			end = v.starts[v.sel+1] - 1
		}
	}
	var b strings.Builder
	for _, l := range v.lines[start:end] {
		b.WriteString(strings.TrimRight(ansi.TruncateLeft(ansi.Strip(l), 2, ""), " ") + "\n")
	}
	return b.String()
}

func (v *detailsView) scroll(n, rows int) {
	v.off = min(max(v.off+n, 0), max(len(v.lines)-rows, 0))
}

// view is the title row and the visible lines, h rows of width w.
func (v *detailsView) view(w, h int, st *theme.Styles, km KeyMap) []string {
	if h <= 0 {
		return nil
	}
	title := st.Chat.Marker.Render(fmt.Sprintf("card %d/%d", v.sel+1, len(v.cards))) +
		st.Chat.Notice.Render(" · "+km.Cards.Prev.Help().Key+" card · "+km.OpenLink.Help().Key+" open link · "+km.Cards.Close.Help().Key+" close")
	out := []string{ansi.Truncate(title, w, "…")}
	for i := v.off; i < len(v.lines) && len(out) < h; i++ {
		out = append(out, v.lines[i])
	}
	return out
}
