package cells

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFit(t *testing.T) {
	for _, c := range []struct {
		in   string
		w    int
		want string
	}{
		{"abc", 5, "abc  "},
		{"abcdef", 3, "abc"},
		{"\x1b[1mbold\x1b[m", 2, "\x1b[1mbo\x1b[m"},
		{"日本", 3, "日 "},
		{"abc", 0, ""},
		{"", 600, Pad(600)},
	} {
		got := Fit(c.in, c.w)
		if got != c.want {
			t.Errorf("Fit(%q, %d) = %q, want %q", c.in, c.w, got, c.want)
		}
		if c.w > 0 && ansi.StringWidth(got) != c.w {
			t.Errorf("Fit(%q, %d) is %d cells wide", c.in, c.w, ansi.StringWidth(got))
		}
	}
	if Pad(-1) != "" || len(Pad(700)) != 700 {
		t.Fatal("Pad sizes")
	}
}
