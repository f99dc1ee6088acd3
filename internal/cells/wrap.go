package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Wrap word-wraps s to lines of at most w cells (at least 1). ansi.Wrap
// alone lets a line run past w: it keeps a hyphen it breaks after ("(500
// -" at 31 cells is 33), and a wide character in a very narrow width. Such
// a line is broken again at w cells, and a character wider than w itself
// is cut, so no line of the result is ever wider than w.
func Wrap(s string, w int) string {
	w = max(w, 1)
	out := ansi.Wrap(s, w, "")
	lines := strings.Split(out, "\n")
	fixed := false
	for i, l := range lines {
		if ansi.StringWidth(l) <= w {
			continue
		}
		fixed = true
		pieces := strings.Split(ansi.Hardwrap(l, w, true), "\n")
		for j, p := range pieces {
			if ansi.StringWidth(p) > w {
				pieces[j] = ansi.Truncate(p, w, "")
			}
		}
		lines[i] = strings.Join(pieces, "\n")
	}
	if !fixed {
		return out
	}
	return strings.Join(lines, "\n")
}

// WrapLines is Wrap split into its lines.
func WrapLines(s string, w int) []string {
	return strings.Split(Wrap(s, w), "\n")
}
