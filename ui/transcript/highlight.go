package transcript

import (
	"strings"
	"unicode"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// occurrences returns the rune offsets of non-overlapping case-insensitive
// matches of q in plain.
func occurrences(plain string, q []rune) []int {
	if len(q) == 0 || len(plain) < len(q) {
		return nil
	}
	rs := []rune(plain)
	var out []int
	for i := 0; i+len(q) <= len(rs); {
		ok := true
		for k, qc := range q {
			if unicode.ToLower(rs[i+k]) != qc {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
			i += len(q)
			continue
		}
		i++
	}
	return out
}

// highlight styles the matches of q in a rendered line; the occurrence
// numbered current (counting from first, which is the number of matches in
// the item's earlier lines) gets the current-match style. It returns the
// line and how many matches it holds.
func highlight(line string, q []rune, first, current int, match, cur lipgloss.Style) (string, int) {
	plain := ansi.Strip(line)
	occ := occurrences(plain, q)
	if len(occ) == 0 {
		return line, 0
	}
	rs := []rune(plain)
	var b strings.Builder
	cell := 0
	for k, o := range occ {
		start := ansi.StringWidth(string(rs[:o]))
		seg := string(rs[o : o+len(q)])
		end := start + ansi.StringWidth(seg)
		b.WriteString(ansi.Cut(line, cell, start))
		st := match
		if first+k == current {
			st = cur
		}
		b.WriteString(st.Render(seg))
		cell = end
	}
	b.WriteString(ansi.Cut(line, cell, ansi.StringWidth(plain)))
	return b.String(), len(occ)
}
