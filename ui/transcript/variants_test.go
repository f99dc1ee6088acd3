package transcript

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/theme"
)

// TestVariantsWrapBetweenVariants: a narrow pane wraps the variants line
// only between variants, so "$418.08 · 32 L · Stainless steel" is never
// split into "· 32" and "L · Stainless steel".
func TestVariantsWrapBetweenVariants(t *testing.T) {
	v := func(vals ...string) api.Card {
		c := api.Card{}
		for _, s := range vals {
			c.Parameters = append(c.Parameters, api.Parameter{Title: "x", Value: api.StringValue(s)})
		}
		return c
	}
	vars := []api.Card{v("$358.08", "25 L", "Stainless steel"), v("$358.08", "25 L", "Black"), v("$418.08", "32 L", "Stainless steel")}
	items := variantItems(vars)
	for _, width := range []int{30, 45, 60, 80, 200} {
		lines := variantLines(vars, renderCtx{st: theme.New(true, false), width: width})
		text := ""
		for _, l := range lines {
			plain := ansi.Strip(l)
			if w := ansi.StringWidth(plain); w > width {
				t.Fatalf("width %d: line is %d wide: %q", width, w, plain)
			}
			text += plain + "\n"
		}
		for _, it := range items {
			if width < 10+ansi.StringWidth(it) {
				continue // too narrow for the item at all: cut with …, checked above
			}
			if !strings.Contains(text, it) {
				t.Errorf("width %d: variant %q was split or lost:\n%s", width, it, text)
			}
		}
		if !strings.HasPrefix(text, "Variants: ") {
			t.Errorf("width %d: no label:\n%s", width, text)
		}
	}
}
