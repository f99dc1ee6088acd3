package api

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
// removed, control characters (C0, DEL, C1, which would let a server drive
// the terminal) and format characters (bidi overrides, which reorder what is
// shown) dropped, whitespace collapsed, and length bounded.
func safeText(s, key string) string {
	if s == "" {
		return ""
	}
	s = redactKey(s, key)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	n := 0
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		if n >= maxTextRunes {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
