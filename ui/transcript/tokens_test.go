package transcript

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"aui-tui/theme"
)

// Agent bullet lists carry prices, ratings and energy grades; at no pane
// width may one of them be split over two lines.
func TestListItemsKeepNumbersAndGradesWhole(t *testing.T) {
	src := "I found six fridges. Here are the four best matches:\n\n" +
		"- **Aurelia Integra 300 Built-in Fridge** — $1,249.00 · 300 L (10.6 cu ft) · Panel-ready · energy A++ · ★ 4.5\n" +
		"- **Nordvik FD560 French Door Refrigerator** — $1,899.00 · 560 L (19.8 cu ft) · Stainless steel · energy A++ · ★ 4.6\n" +
		"- **Kestrel BF340** — $699.00 · 3,911 reviews · energy A+ · ★ 4.7\n\n" +
		"1. First step\n+ a plus bullet\n"
	tokens := []string{"$1,249.00", "$1,899.00", "$699.00", "3,911", "4.5", "4.6", "4.7", "10.6", "19.8", "A++", "A+"}
	st := theme.New(true, false)
	r := NewRenderer()
	for w := 24; w <= 120; w++ {
		lines, _ := r.markdown(st, w, src)
		text := make([]string, len(lines))
		for i, l := range lines {
			text[i] = ansi.Strip(l)
		}
		joined := strings.Join(text, "\n")
		for _, tok := range tokens {
			if !strings.Contains(joined, tok) {
				t.Errorf("width %d: %q is split:\n%s", w, tok, joined)
			}
		}
		if strings.ContainsAny(joined, string([]rune{keepDot, keepComma, keepPlus})) {
			t.Fatalf("width %d: a stand-in reached the screen:\n%s", w, joined)
		}
		if !strings.Contains(joined, "First step") || !strings.Contains(joined, "a plus bullet") {
			t.Fatalf("width %d: list syntax was changed:\n%s", w, joined)
		}
	}
}

// Server text that already holds a stand-in is rendered as sent, never
// turned into other characters.
func TestProtectTokensLeavesStandInsFromTheServerAlone(t *testing.T) {
	in := "price 4.5 and \uE000 already"
	if out, changed := protectTokens(in); changed || out != in {
		t.Errorf("protectTokens(%q) = %q, %v", in, out, changed)
	}
	if out, _ := protectTokens("1. item\n+ item\nA++ 4.5 1,000"); out != "1. item\n+ item\nA\uE002\uE002 4\uE0005 1\uE001000" {
		t.Errorf("got %q", out)
	}
}
