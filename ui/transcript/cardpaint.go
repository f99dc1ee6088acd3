package transcript

import (
	"strings"

	"aui-tui/theme"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// A long transcript draws thousands of cards, and lipgloss works out each
// style afresh on every Render: its properties, the text's width, wrapping,
// padding, borders, then the joining of boxes into rows. A card's styles
// are fixed per theme and its frame per width, so they are worked out once,
// by lipgloss itself, and then written directly. Each is checked on probes
// against lipgloss before it is used; whatever does not match, and any
// text these shortcuts are not checked for, goes through lipgloss as
// before. TestCardBytes holds the result to the byte.

// paint is a text style reduced to the sequences lipgloss writes before and
// after a line of text.
type paint struct {
	style       lipgloss.Style
	open, close string
	ok          bool
}

// paintProbes are the texts a paint is checked on: empty, spaces at either
// end and inside, wide characters, existing styling.
var paintProbes = []string{"", " ", "a b", "  lead", "trail  ", "漢字 😀", "\x1b[1mx\x1b[m y"}

func newPaint(s lipgloss.Style) paint {
	open, closing, found := strings.Cut(s.Render("x"), "x")
	p := paint{style: s, open: open, close: closing, ok: found}
	for _, pr := range paintProbes {
		p.ok = p.ok && s.Render(pr) == open+pr+closing
	}
	return p
}

// render is p.style.Render(s) for one line of text.
func (p paint) render(s string) string {
	if !p.ok || strings.ContainsAny(s, "\t\r\n") {
		return p.style.Render(s)
	}
	return p.open + s + p.close
}

// cardFrame is a card's box at one width as lipgloss draws it: the top and
// bottom lines, and what comes before and after each content line, which
// is padded with spaces to inner cells.
type cardFrame struct {
	top, bottom, left, right string
	inner                    int
	ok                       bool
}

func newCardFrame(box lipgloss.Style, width int) cardFrame {
	f := cardFrame{inner: width - cardChrome}
	if f.inner < 2 {
		return f
	}
	fill := strings.Repeat("x", f.inner)
	probe := []string{fill}
	for _, l := range []string{"", "a", "漢字", "\x1b[1mb\x1b[m  c", " d "} {
		if ansi.StringWidth(l) <= f.inner {
			probe = append(probe, l)
		}
	}
	rows := strings.Split(box.Width(width).Render(strings.Join(probe, "\n")), "\n")
	if len(rows) != len(probe)+2 {
		return f
	}
	i := strings.Index(rows[1], fill)
	if i < 0 {
		return f
	}
	f.top, f.bottom = rows[0], rows[len(rows)-1]
	f.left, f.right = rows[1][:i], rows[1][i+len(fill):]
	f.ok = true
	for j, l := range probe {
		f.ok = f.ok && rows[j+1] == f.line(l, ansi.StringWidth(l))
	}
	return f
}

// line is one content line of w cells inside the frame.
func (f cardFrame) line(l string, w int) string {
	return f.left + l + strings.Repeat(" ", max(f.inner-w, 0)) + f.right
}

// cardPaint is one theme's card styles as paints, and its frames by width.
type cardPaint struct {
	title, badge, key, value, variant paint
	box, recommended                  lipgloss.Style
	frames                            map[frameKey]cardFrame
}

type frameKey struct {
	recommended bool
	width       int
}

func newCardPaint(st *theme.Styles) *cardPaint {
	return &cardPaint{
		title: newPaint(st.Card.Title), badge: newPaint(st.Card.Badge), key: newPaint(st.Card.Key),
		value: newPaint(st.Card.Value), variant: newPaint(st.Card.Variant),
		box: st.Card.Box, recommended: st.Card.Recommended,
		frames: map[frameKey]cardFrame{},
	}
}

// frame is the frame of a card at width, made on first use.
func (p *cardPaint) frame(recommended bool, width int) cardFrame {
	k := frameKey{recommended, width}
	if f, ok := p.frames[k]; ok {
		return f
	}
	box := p.box
	if recommended {
		box = p.recommended
	}
	f := newCardFrame(box, width)
	p.frames[k] = f
	return f
}

// cardPaintMax bounds the themes a Renderer keeps card paints for.
const cardPaintMax = 4

// cardPaint is the Renderer's cardPaint for st, made on first use; without
// a Renderer, a fresh one.
func (c renderCtx) cardPaint() *cardPaint {
	if c.r == nil {
		return newCardPaint(c.st)
	}
	c.r.mu.Lock()
	defer c.r.mu.Unlock()
	if p, ok := c.r.cards[c.st]; ok {
		return p
	}
	if c.r.cards == nil || len(c.r.cards) >= cardPaintMax {
		c.r.cards = map[*theme.Styles]*cardPaint{}
	}
	p := newCardPaint(c.st)
	c.r.cards[c.st] = p
	return p
}

// frame is c's card frame, with the Renderer's lock held when there is one
// (frames are made on first use).
func (c renderCtx) frame(p *cardPaint, recommended bool, width int) cardFrame {
	if c.r != nil {
		c.r.mu.Lock()
		defer c.r.mu.Unlock()
	}
	return p.frame(recommended, width)
}
