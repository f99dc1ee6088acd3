package textsafe

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestCellsSameWidthEverywhere: after Cells, a string is as wide for a
// terminal that clusters graphemes as for one that counts code points.
func TestCellsSameWidthEverywhere(t *testing.T) {
	for _, s := range []string{
		"family 👨\u200d👩\u200d👧\u200d👦 here", "❤️ love", "👍🏽 ok", "🏳️\u200d🌈", "1️⃣", "☺️",
		"\x1b[1m日本語のテスト 🍕🔥 👨\u200d👩\u200d👧\u200d👦\x1b[m", "Größe ≥ 25 L — ¿tienen?",
	} {
		got := Cells(s)
		if g, w := ansi.GraphemeWidth.StringWidth(got), ansi.WcWidth.StringWidth(got); g != w {
			t.Errorf("Cells(%q) = %q: %d cells clustered, %d counted", s, got, g, w)
		}
	}
	for _, s := range []string{"plain ascii", "日本語 🍕🔥 Größe ≥ — ★ 4.6", "\x1b[38;2;1;2;3mstyled ✓\x1b[m"} {
		if got := Cells(s); got != s {
			t.Errorf("Cells changed %q to %q", s, got)
		}
	}
	if got := Cells("a 👨\u200d👩\u200d👧\u200d👦 b"); got != "a 👨👩👧👦 b" {
		t.Errorf("the family became %q, want its four emoji", got)
	}
}
