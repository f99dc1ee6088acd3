package cells

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrapNeverOverflows holds the cases ansi.Wrap lets run past the width.
func TestWrapNeverOverflows(t *testing.T) {
	for _, c := range []struct {
		in string
		w  int
	}{
		{"✗ The server had a problem (500 - a - b - c) · ctrl+r to retry", 31},
		{"✗ The server had a problem (500 - a - b - c) · ctrl+r to retry", 36},
		{"a - b - c - d - e - f", 3},
		{"漢字漢字", 1},
		{"two  spaces  between  words", 5},
		{"\x1b[1mstyled - text - with - hyphens\x1b[m", 8},
	} {
		for _, l := range WrapLines(c.in, c.w) {
			if lw := ansi.StringWidth(l); lw > c.w {
				t.Errorf("Wrap(%q, %d) has a %d-cell line %q", c.in, c.w, lw, l)
			}
		}
	}
}

// TestWrapKeepsText checks that re-breaking a long line loses no
// characters (only the spaces at breaks may go).
func TestWrapKeepsText(t *testing.T) {
	in := "✗ The server had a problem (500 - a - b - c) · ctrl+r to retry"
	for w := 2; w <= 70; w++ {
		got := strings.Join(strings.Fields(strings.ReplaceAll(Wrap(in, w), "\n", " ")), "")
		if want := strings.Join(strings.Fields(in), ""); got != want {
			t.Errorf("width %d: Wrap kept %q, want %q", w, got, want)
		}
	}
}

// TestWrapLeavesFittingTextAlone checks that text ansi.Wrap already fits
// comes back exactly as ansi.Wrap gives it.
func TestWrapLeavesFittingTextAlone(t *testing.T) {
	in := "a short line that wraps at spaces only"
	if got, want := Wrap(in, 12), ansi.Wrap(in, 12, ""); got != want {
		t.Errorf("Wrap = %q, want %q", got, want)
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("✗ The server had a problem (500 - a - b - c)", 31)
	f.Add("漢字 - wide", 1)
	f.Fuzz(func(t *testing.T, s string, w int) {
		w = 1 + (w%200+200)%200
		for _, l := range WrapLines(s, w) {
			if lw := ansi.StringWidth(l); lw > w {
				t.Fatalf("Wrap(%q, %d) has a %d-cell line %q", s, w, lw, l)
			}
		}
	})
}
