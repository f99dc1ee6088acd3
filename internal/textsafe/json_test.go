package textsafe

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

func TestJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"a":"plain"}`, `{"a":"plain"}`},
		{"{\n  \"a\": 1\n}", "{\n  \"a\": 1\n}"},
		{"[\"x\u009b2Jy\"]", `["x\u009b2Jy"]`},
		{"[\"\u009d0;t\u009c\"]", `["\u009d0;t\u009c"]`},
		{"[\"del\x7f\"]", `["del\u007f"]`},
		{"[\"\u202eevil\u2066\"]", `["\u202eevil\u2066"]`},
		{"[\"a\u2028b\"]", `["a\u2028b"]`},
		{"[\"raw\x9bbyte\"]", `["raw\ufffdbyte"]`},
		{"[\"ünï 🙂\"]", "[\"ünï 🙂\"]"},
	}
	for _, tt := range tests {
		got := string(JSON([]byte(tt.in)))
		if got != tt.want {
			t.Errorf("JSON(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzJSON: whatever a server put in a string, the escaped JSON holds no
// raw control, C1, bidi or invalid byte and decodes to the same value.
func FuzzJSON(f *testing.F) {
	for _, s := range []string{"plain", "\u009b2J", "\x1b]0;t\x07", "\x7f", "\u202e", "\xc2\x9b", "\xff", "\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc, err := json.Marshal(map[string]string{"text": s})
		if err != nil {
			t.Fatal(err)
		}
		// Put the server's bytes back raw, as json.Compact keeps them.
		raw := bytes.Replace(enc, []byte(`\u2028`), []byte("\u2028"), -1)
		out := JSON(raw)
		if !utf8.Valid(out) {
			t.Fatalf("invalid UTF-8 in %q", out)
		}
		for _, r := range string(out) {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) || r == 0x2028 {
				t.Fatalf("raw %U in %q", r, out)
			}
		}
		var a, b any
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatalf("escaped JSON %q does not decode: %v", out, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("escaped JSON means %q, the original %q", b, a)
		}
	})
}
