package api

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"aui-tui/internal/textsafe"
)

// redacted replaces a secret wherever one would have appeared.
const redacted = "REDACTED"

// keyParam matches the value of the WebSocket's key query parameter (and the
// header-style name older SDKs used as a query parameter), in a raw or
// quoted URL.
var keyParam = regexp.MustCompile(`(?i)((?:x-)?network[_-]api[_-]key=)[^&#\s"'<>]*`)

// redactURL hides the API key in any URL found in s. url.Error and the
// WebSocket dialer print the full URL, and the session URL carries the key
// as a query parameter.
func redactURL(s string) string {
	return keyParam.ReplaceAllString(s, "${1}"+redacted)
}

// redactKey removes the key itself and any key-bearing URL from s. A key
// shorter than 4 bytes is not searched for, to avoid mangling ordinary text.
func redactKey(s, key string) string {
	s = redactURL(s)
	if len(key) >= 4 {
		s = strings.ReplaceAll(s, key, redacted)
	}
	return s
}

// maxTextRunes bounds any server-supplied text placed in an error string.
const maxTextRunes = 300

// safeText prepares untrusted server text for an error string: secrets
// removed, then the program's one sanitizer for one-line text (control
// sequences, C0/C1 controls, bidi overrides and stray zero-width characters
// dropped, whitespace collapsed), then length bounded.
func safeText(s, key string) string {
	if s == "" {
		return ""
	}
	s = textsafe.Line(redactKey(s, key))
	if utf8.RuneCountInString(s) <= maxTextRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxTextRunes {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
