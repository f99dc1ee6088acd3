package api

import (
	"strings"
	"testing"
)

func TestRedaction(t *testing.T) {
	in := `Get "wss://h/api/v1/external/session?network_api_key=` + testKey + `&x=1": dial; x-network-api-key=abc`
	out := redactURL(in)
	if strings.Contains(out, testKey) || strings.Contains(out, "abc") || !strings.Contains(out, "network_api_key=REDACTED&x=1") {
		t.Errorf("redactURL: %q", out)
	}
	if got := redactKey("the key "+testKey+" is bad", testKey); got != "the key REDACTED is bad" {
		t.Errorf("redactKey: %q", got)
	}
	// The same sanitizer as every other one-line server text: whole
	// sequences go, not only their escape byte; a family emoji keeps its
	// joiners while a lone zero-width joiner between letters goes.
	cases := map[string]string{
		"a\x1b[2Jb\r\n\tc\u0085d\u009b2Je": "ab cde",
		"x\u202eevil\u202c y":              "xevil y",
		"👨\u200d👩\u200d👧 a\u200db":         "👨\u200d👩\u200d👧 ab",
	}
	for in, want := range cases {
		if got := safeText(in, ""); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("é", maxTextRunes+10)
	if got := safeText(long, ""); got != strings.Repeat("é", maxTextRunes)+"…" {
		t.Errorf("safeText did not bound %d runes to %d: %d", len(long), maxTextRunes, len([]rune(got)))
	}
}
