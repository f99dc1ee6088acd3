// Package cells sizes terminal lines in cells: the one place lines are cut
// or padded to a width, for the UI and its transcript alike.
package cells

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// spaces backs Pad so padding a line costs no allocation of its own.
var spaces = strings.Repeat(" ", 512)

// Pad is n spaces ("" when n <= 0).
func Pad(n int) string {
	switch {
	case n <= 0:
		return ""
	case n <= len(spaces):
		return spaces[:n]
	}
	return strings.Repeat(" ", n)
}

// Fit makes l exactly w cells wide: cut when wider (styles kept intact),
// padded with spaces when narrower; "" when w <= 0.
func Fit(l string, w int) string {
	if w <= 0 {
		return ""
	}
	lw := ansi.StringWidth(l)
	if lw > w {
		l = ansi.Truncate(l, w, "")
		lw = ansi.StringWidth(l)
	}
	return l + Pad(w-lw)
}

// Column is s as a column w cells wide: cut with "…" marking the cut when
// wider, padded with spaces when narrower. Wide characters count as the
// two cells they take, so the columns after it line up.
func Column(s string, w int) string {
	return Fit(ansi.Truncate(s, w, "…"), w)
}
