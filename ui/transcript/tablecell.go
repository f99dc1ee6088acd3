package transcript

import (
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// cellFlags is the inline emphasis a piece of a table cell carries.
type cellFlags uint8

const (
	fBold cellFlags = 1 << iota
	fItalic
	fStrike
	fCode
	fLink
	fKey // a record's field name
)

// piece is a run of text with one emphasis.
type piece struct {
	s string
	f cellFlags
}

// word is what wrapping never splits: text between spaces, possibly mixing
// emphasis (**$1**.00).
type word struct {
	ps []piece
	w  int
}

// cell is a parsed table cell.
type cell struct {
	words []word
	// nat is the width on one line; min the narrowest it may be wrapped to.
	nat, min int
}

// Short cells stay on one line: a price, a rating, a count with its unit
// ("$1,899.00", "★ 4.6", "71 L (2.5 cu ft)") split over two lines misreads.
const (
	shortCell       = 10
	shortNumberCell = 16
)

func parseCell(s string) cell {
	c := cell{words: parseInline(s)}
	for i, w := range c.words {
		if i > 0 {
			c.nat++
		}
		c.nat += w.w
		c.min = max(c.min, w.w)
	}
	if c.nat <= shortCell || c.nat <= shortNumberCell && strings.IndexFunc(s, unicode.IsDigit) >= 0 {
		c.min = c.nat
	}
	return c
}

// parseInline splits cell markdown into words, keeping bold, italics,
// strikethrough, code spans and link texts (a link's target is not shown
// in a cell). An opening marker with no closing one is literal text.
func parseInline(s string) []word {
	var words []word
	var cur word
	var buf strings.Builder
	var f cellFlags
	emit := func() {
		if buf.Len() > 0 {
			t := buf.String()
			cur.ps = append(cur.ps, piece{t, f})
			cur.w += ansi.StringWidth(t)
			buf.Reset()
		}
	}
	endWord := func() {
		emit()
		if len(cur.ps) > 0 {
			words = append(words, cur)
		}
		cur = word{}
	}
	toggle := func(flag cellFlags, marker string, rest string) bool {
		if f&flag == 0 && !strings.Contains(rest, marker) {
			return false
		}
		emit()
		f ^= flag
		return true
	}
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case f&fCode != 0 && rest[0] != '`':
			if rest[0] == ' ' {
				endWord()
			} else {
				buf.WriteByte(rest[0])
			}
			i++
			continue
		case rest[0] == '\\' && len(rest) > 1 && strings.IndexByte("\\`*_~[]()#+-.!|", rest[1]) >= 0:
			buf.WriteByte(rest[1])
			i += 2
			continue
		case strings.HasPrefix(rest, "**") || strings.HasPrefix(rest, "__"):
			if toggle(fBold, rest[:2], rest[2:]) {
				i += 2
				continue
			}
		case strings.HasPrefix(rest, "~~"):
			if toggle(fStrike, "~~", rest[2:]) {
				i += 2
				continue
			}
		case rest[0] == '*':
			if toggle(fItalic, "*", rest[1:]) {
				i++
				continue
			}
		case rest[0] == '`':
			if toggle(fCode, "`", rest[1:]) {
				i++
				continue
			}
		case rest[0] == '[':
			if end := strings.Index(rest, "]("); end > 0 && strings.IndexByte(rest[end:], ')') > 0 {
				close := end + strings.IndexByte(rest[end:], ')')
				emit()
				f |= fLink
				for _, part := range strings.Split(rest[1:end], " ") {
					if part == "" {
						continue
					}
					if buf.Len() > 0 || len(cur.ps) > 0 {
						endWord()
					}
					buf.WriteString(part)
				}
				emit()
				f &^= fLink
				i += close + 1
				continue
			}
		case rest[0] == ' ':
			endWord()
			i++
			continue
		}
		buf.WriteByte(rest[0])
		i++
	}
	endWord()
	return words
}

// cellStyles are the styles a table is drawn with.
type cellStyles struct {
	text, head, rule lipgloss.Style
}

func (cs cellStyles) piece(p piece, head bool) string {
	st := cs.text
	if head {
		st = cs.head
	}
	if p.f == 0 {
		return st.Render(p.s)
	}
	if p.f&fKey != 0 {
		return cs.rule.Render(p.s)
	}
	if p.f&fBold != 0 {
		st = st.Bold(true)
	}
	if p.f&fItalic != 0 {
		st = st.Italic(true)
	}
	if p.f&fStrike != 0 {
		st = st.Strikethrough(true)
	}
	if p.f&fLink != 0 {
		st = st.Underline(true)
	}
	return st.Render(p.s)
}

// wrapWords breaks words into lines of at most width cells (a word wider
// than width is cut at width, which the layout avoids), returning each
// line's words.
func wrapWords(ws []word, width int) [][]word {
	var lines [][]word
	var cur []word
	curW := 0
	for _, w := range ws {
		if len(cur) > 0 && curW+1+w.w > width {
			lines = append(lines, cur)
			cur, curW = nil, 0
		}
		if len(cur) > 0 {
			curW++
		}
		cur = append(cur, w)
		curW += w.w
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// renderWords draws words separated by single spaces, and returns the
// string and its width; anything past width is cut.
func renderWords(ws []word, width int, cs cellStyles, head bool) (string, int) {
	var b strings.Builder
	n := 0
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
			n++
		}
		for _, p := range w.ps {
			b.WriteString(cs.piece(p, head))
		}
		n += w.w
	}
	s := b.String()
	if n > width {
		s = ansi.Truncate(s, width, "…")
		n = ansi.StringWidth(s)
	}
	return s, n
}
