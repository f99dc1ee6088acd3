package transcript

import (
	"strings"
	"testing"

	"aui-tui/theme"
)

// TestEntitiesDecodedByMarkdownAreSanitized: the markdown renderer decodes
// HTML entities after the sanitizer ran, so "&#x202E;" reached the screen
// as a bidi override.
func TestEntitiesDecodedByMarkdownAreSanitized(t *testing.T) {
	st := theme.New(true, false)
	r := NewRenderer()
	for _, src := range []string{"a &#x202E;rtl", "a &#8238;rtl", "x &#x2066;y&#x2069;", "mark &#x200F;z", "c1 &#155;2J", "c1 &#x9d;0;t&#x9c;"} {
		ls, _ := r.markdown(st, 80, src)
		out := strings.Join(ls, "\n")
		for _, bad := range []string{"\u202e", "\u2066", "\u2069", "\u200f", "\u009b", "\u009d", "\u009c"} {
			if strings.Contains(out, bad) {
				t.Errorf("markdown %q rendered %q, holding %U", src, out, []rune(bad)[0])
			}
		}
	}
}
