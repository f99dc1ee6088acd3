package cells

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestColumnCountsCellsNotRunes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Fridge", "Fridge    "},
		{"A very long task title", "A very lo…"},
		{"冷蔵庫の比較", "冷蔵庫の… "}, // six wide runes are twelve cells
		{"", "          "},
	} {
		got := Column(c.in, 10)
		if got != c.want || ansi.StringWidth(got) != 10 {
			t.Errorf("Column(%q, 10) = %q (%d cells), want %q", c.in, got, ansi.StringWidth(got), c.want)
		}
	}
}
