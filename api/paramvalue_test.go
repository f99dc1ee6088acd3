package api

import (
	"encoding/json"
	"testing"
)

// String reads plain JSON strings without decoding them; it must give what
// decoding gives, whatever the string holds.
func TestParamValueStringMatchesDecoding(t *testing.T) {
	for _, raw := range []string{
		`"$1,899.00"`, `""`, `"café — ★ 4.6"`, `"日本語"`, ` "padded" `,
		`"tab\there"`, `"quote \" inside"`, `"caf\u00e9"`, `"back\\slash"`, `"\ud83d\ude00"`,
		"\"raw\ttab\"", "\"raw\nnewline\"", "\"bad \xff utf-8\"", "\"cut \xe2\x82\"",
	} {
		v := ParamValue{raw: raw}
		var want string
		if err := json.Unmarshal([]byte(raw), &want); err != nil {
			// Not a valid JSON string, so not one to read as a string.
			if s, ok := plainString(raw); ok {
				t.Errorf("%q: read as the string %q, but it is not valid JSON", raw, s)
			}
			continue
		}
		if got := v.String(); got != want {
			t.Errorf("%q: String() = %q, decoding gives %q", raw, got, want)
		}
	}
}
