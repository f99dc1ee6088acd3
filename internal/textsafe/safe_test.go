package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ascii", "hello world", "hello world"},
		{"newline kept", "a\nb", "a\nb"},
		{"crlf to lf", "a\r\nb\r\n", "a\nb\n"},
		{"lone cr dropped", "safe\rEVIL", "safeEVIL"},
		{"cr overwrite trick", "rm -rf /\r# harmless  ", "rm -rf /# harmless  "},
		{"tab to spaces", "a\tb", "a    b"},
		{"csi clear screen", "x\x1b[2Jy", "xy"},
		{"csi cursor moves", "\x1b[10;20Hhi\x1b[3A\x1b[2K!", "hi!"},
		{"csi private mode", "\x1b[?1049hscreen\x1b[?25l", "screen"},
		{"csi sgr colour", "\x1b[31mred\x1b[0m", "red"},
		{"osc 0 title bel", "\x1b]0;pwned\x07text", "text"},
		{"osc 2 title st", "\x1b]2;pwned\x1b\\text", "text"},
		{"osc 52 clipboard", "a\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07b", "ab"},
		{"osc 8 link bel", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07", "click"},
		{"osc 8 link st", "\x1b]8;id=1;https://evil.example\x1b\\click\x1b]8;;\x1b\\ here", "click here"},
		{"osc unterminated eats rest", "ok\x1b]0;title never ends", "ok"},
		{"dcs", "a\x1bP1$r0m\x1b\\b", "ab"},
		{"apc pm sos", "a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"},
		{"two byte escapes", "\x1bcreset\x1b7save\x1b8", "resetsave"},
		{"escape with intermediate", "\x1b(Bascii\x1b#8", "ascii"},
		{"bare esc at end", "abc\x1b", "abc"},
		{"bare esc before unicode", "\x1bé", "é"},
		{"esc esc", "\x1b\x1b[2Jz", "z"},
		{"can aborts csi", "\x1b[12\x18text", "text"},
		{"c1 csi rune", "a\u009b2Jb", "ab"},
		{"c1 osc rune", "a\u009d0;title\u009cb", "ab"},
		{"c1 osc rune bel", "a\u009d52;c;eA==\u0007b", "ab"},
		{"c1 dcs rune", "a\u0090q\u009cb", "ab"},
		{"c1 controls dropped, APC eats the rest", "a\u0085b\u0084c\u0080d\u009fe", "abcd"},
		{"raw 0x9b byte", "a\x9b2Jb", "a2Jb"},
		{"invalid utf8", "a\xff\xfeb", "ab"},
		{"c0 controls dropped", "a\x00b\x07c\x08d\x0be\x0cf\x7fg", "abcdefg"},
		{"bidi override dropped", "abc\u202edcba\u202c", "abcdcba"},
		{"line separator", "a\u2028b", "a\nb"},
		{"emoji zwj kept", "family 👨\u200d👩\u200d👧 ok 👍🏽", "family 👨\u200d👩\u200d👧 ok 👍🏽"},
		{"cjk kept", "微波炉 電子レンジ 전자레인지", "微波炉 電子レンジ 전자레인지"},
		{"replacement char kept", "a\ufffdb", "a\ufffdb"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			assertSafe(t, got)
		})
	}
}

func TestTextC1Sequences(t *testing.T) {
	// U+009F (APC) consumes its string until ST (U+009C).
	if got := Text("x\u009fignored\u009cy"); got != "xy" {
		t.Errorf("APC as C1: got %q", got)
	}
}

func TestTextCleanInputUnchanged(t *testing.T) {
	in := "Hello — *markdown* with `code`\nand ünïcödé 🙂"
	got := Text(in)
	if got != in {
		t.Fatalf("clean input changed: %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Text(in) }); n != 0 {
		t.Errorf("clean input allocates %v times", n)
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Microwave\nsearch\t ", "Microwave search"},
		{"a\r\n\r\nb", "a b"},
		{"\x1b]0;x\x07Title\x1b[2J", "Title"},
		{"", ""},
		{"\n\t ", ""},
		{"Sale\u202e\u200b\ufeffnow\u2060!", "Salenow!"},
		{"pay\u200c pal \u200d", "pay pal"},
		{"family 👨\u200d👩\u200d👧", "family 👨\u200d👩\u200d👧"},
		{"a\u200db", "ab"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStyledOnly(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1b[38;5;252mhi\x1b[m", "\x1b[38;5;252mhi\x1b[m"},
		{"\x1b]8;id=1;https://x.y\x07\x1b[1mlink\x1b[m\x1b]8;;\x07", "\x1b[1mlink\x1b[m"},
		{"a\x1b]8;;u\x1b\\b\x1b]8;;\x1b\\c", "abc"},
		{"\x1b[2Jx\x1b[Hy", "xy"},
		{"a\rb\x07c\n", "abc\n"},
		{"a\u009bb", "ab"},
		{"\x1b[38:2::1:2:3mrgb\x1b[0m", "\x1b[38:2::1:2:3mrgb\x1b[0m"},
		{"unterminated \x1b[38;5", "unterminated "},
		// Dropping C0 bytes between invalid ones used to join them into a C1 CSI.
		{"\xc2\x07\x9b2J", "2J"},
		{"\xc2\x00\x80", ""},
		// Decoded by the markdown renderer from "&#x202E;" and "&#155;".
		{"a\u202eb\u2066c\u200fd", "abcd"},
		{"\x1b[1ma\u009b2Jb\x1b[m", "\x1b[1ma2Jb\x1b[m"},
		{"emoji 👨\u200d👩 ok", "emoji 👨\u200d👩 ok"},
	}
	for _, tt := range tests {
		if got := StyledOnly(tt.in); got != tt.want {
			t.Errorf("StyledOnly(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// assertSafe fails when s holds ESC, a C1 control, DEL, a C0 control other
// than "\n", a bidi control, or invalid UTF-8.
func assertSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output is not valid UTF-8: %q", s)
	}
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f:
			t.Fatalf("output holds control %U: %q", r, s)
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("output holds C1 %U: %q", r, s)
		case isBidiControl(r):
			t.Fatalf("output holds bidi control %U: %q", r, s)
		}
	}
	if strings.ContainsRune(s, '\x1b') {
		t.Fatalf("output holds ESC: %q", s)
	}
}

// FuzzStyledOnly: the output keeps only SGR sequences, holds no control,
// C1 or bidi character and no invalid UTF-8, and a second pass changes
// nothing.
func FuzzStyledOnly(f *testing.F) {
	for _, s := range []string{
		"\x1b[1mbold\x1b[m", "\xc2\x07\x9b2J", "\xc2\x00\x80", "\x1b]8;;u\x07l\x1b]8;;\x07",
		"\u202e", "\x1b[38;5", "\x1b\xc2\x9b", "a\x1b[1\x07m", "\xe2\x80\x07\xae",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := StyledOnly(in)
		if again := StyledOnly(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		var plain strings.Builder
		for i := 0; i < len(out); i++ {
			if out[i] == 0x1b {
				n := seqLen(out[i:])
				if !isSGR(out[i : i+n]) {
					t.Fatalf("kept a non-SGR sequence %q in %q", out[i:i+n], out)
				}
				i += n - 1
				continue
			}
			plain.WriteByte(out[i])
		}
		assertSafe(t, plain.String())
	})
}

func FuzzText(f *testing.F) {
	seeds := []string{
		"plain", "\x1b[2J", "\x1b]52;c;eA==\x07", "\x1b]8;;http://x\x1b\\a\x1b]8;;\x1b\\",
		"\x1bP1$r\x1b\\", "\u009b31m", "\u009d0;t\u009c", "a\r\nb\rc\td", "\x1b", "\xc2\x9b",
		"👨\u200d👩\u200d👧", "中文", "\x1b[\u00e9", "\x1b(\x1b", "\x9b\x9d",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Text(in)
		assertSafe(t, out)
		if strings.ContainsRune(out, '\t') {
			t.Fatalf("tab survived: %q", out)
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent: %q -> %q", out, Text(out))
		}
		line := Line(in)
		assertSafe(t, line)
		if strings.ContainsRune(line, '\n') {
			t.Fatalf("Line kept a newline: %q", line)
		}
		styled := StyledOnly(in)
		for i := 0; i < len(styled); i++ {
			if styled[i] == 0x1b {
				n := seqLen(styled[i:])
				if !isSGR(styled[i : i+n]) {
					t.Fatalf("StyledOnly kept a non-SGR sequence %q in %q", styled[i:i+n], styled)
				}
				i += n - 1
			}
		}
	})
}
