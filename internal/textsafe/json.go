package textsafe

import (
	"fmt"
	"unicode/utf8"
)

// JSON rewrites JSON text so that no byte of it can act on a terminal:
// every C0 control other than the whitespace between tokens, DEL, every C1
// control, the bidi controls and U+2028/U+2029 become \uXXXX escapes, and
// bytes that are not UTF-8 become \ufffd (what any JSON decoder reads them
// as). Go's encoder, and json.Compact on text kept as the server sent it,
// leave C1 controls raw, and U+009B is CSI to a terminal that reads UTF-8.
// These characters can only stand inside strings in valid JSON, where an
// escape means the same character, so the result decodes to exactly what
// b decodes to. Valid input comes back unchanged and unallocated when there
// is nothing to escape.
func JSON(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		c := b[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if !jsonEscaped(r, size) {
			i += size
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+16)
		}
		out = append(out, b[last:i]...)
		if r == utf8.RuneError {
			out = append(out, `\ufffd`...)
		} else {
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		i += size
		last = i
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// jsonEscaped reports whether JSON writes r (size bytes long) as an escape.
func jsonEscaped(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return true
	case r == '\t' || r == '\n' || r == '\r':
		return false // whitespace between tokens; never raw inside a string
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return isBidiControl(r)
}
