package textsafe

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Cells rewrites the few grapheme clusters whose width depends on how the
// terminal measures text, so every terminal gives s the same width. A
// terminal with grapheme clustering (mode 2027) draws a family emoji
// (👨‍👩‍👧‍👦, four emoji joined by U+200D) in 2 cells; tmux and most others
// draw each joined emoji, 8 cells; a layout measured one way and drawn the
// other pushes the pane's border off the row. Such a cluster loses its
// joiners, variation selectors and skin-tone modifiers (the family becomes
// four emoji side by side, 8 cells either way), and one that still differs
// becomes U+FFFD. Escape sequences (the styling of rendered lines) pass
// through untouched.
func Cells(s string) string {
	if !mayDiffer(s) {
		return s
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n := seqLen(s[i:])
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		cl, gw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if len(cl) == 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += len(cl)
		if len(cl) == 1 || gw == ansi.WcWidth.StringWidth(cl) {
			b.WriteString(cl)
			continue
		}
		changed = true
		plain := strings.Map(func(r rune) rune {
			switch {
			case r == '\u200d', r == '\ufe0f', r == '\ufe0e', r >= 0x1f3fb && r <= 0x1f3ff:
				return -1
			}
			return r
		}, cl)
		if plain == "" || ansi.GraphemeWidth.StringWidth(plain) != ansi.WcWidth.StringWidth(plain) {
			plain = "\ufffd"
		}
		b.WriteString(plain)
	}
	if !changed {
		return s
	}
	return b.String()
}

// mayDiffer is a fast check that s holds something whose width depends on
// the terminal: a joiner, a variation selector, a keycap, or a rune outside
// the Basic Multilingual Plane (emoji, modifiers, flags). Text with none of
// these (accents, CJK, "·", "★", "—") measures the same everywhere.
func mayDiffer(s string) bool {
	return strings.IndexByte(s, 0xf0) >= 0 || strings.Contains(s, "\u200d") ||
		strings.Contains(s, "\ufe0f") || strings.Contains(s, "\ufe0e") || strings.Contains(s, "\u20e3")
}
