// Package safe makes untrusted text harmless to print on a terminal.
//
// Everything a server sends (message text, titles, widget values,
// suggestions, error messages) passes through Text or Line before it is
// styled, so no byte of it can move the cursor, clear the screen, set the
// window title, write the clipboard (OSC 52) or plant a hyperlink (OSC 8).
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// tabSpaces replaces a tab: a tab's width depends on the column it lands in,
// which would make width arithmetic (wrapping, boxes) wrong.
const tabSpaces = "    "

// parser states, following the ECMA-48 / VT500 parser closely enough that
// whatever a terminal would treat as part of a control sequence is dropped.
type state int

const (
	ground   state = iota
	escape         // after ESC
	escInter       // ESC followed by intermediate bytes, waiting for the final byte
	csi            // control sequence: parameters, intermediates, final byte
	str            // OSC, DCS, SOS, PM, APC: runs until ST (or BEL)
)

// Text removes every terminal control sequence from s: ESC and all
// sequences it introduces (CSI, OSC including OSC 8 and OSC 52, DCS, SOS, PM,
// APC, two-byte escapes), C1 controls (U+0080–U+009F) and the sequences the
// 8-bit ones introduce, C0 controls other than newline and tab, DEL, invalid
// UTF-8 and the Unicode bidirectional overrides (they reorder what is shown).
// "\r\n" becomes "\n", a lone "\r" is dropped, a tab becomes four spaces, and
// U+2028/U+2029 become "\n". Printable Unicode (CJK, emoji with joiners) is
// kept as is.
func Text(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	st := ground
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			// Invalid byte: a raw 0x9b would be CSI to an 8-bit terminal.
			continue
		}
		var again bool
		switch st {
		case escape:
			st, again = escapeRune(r)
		case escInter:
			st, again = escInterRune(r)
		case csi:
			st, again = csiRune(r)
		case str:
			st = strRune(r)
		default:
			again = true
		}
		if again {
			st = groundRune(&b, r)
		}
	}
	return b.String()
}

// groundRune handles one rune outside any sequence and returns the next state.
func groundRune(b *strings.Builder, r rune) state {
	switch {
	case r == 0x1b:
		return escape
	case r == '\n':
		b.WriteByte('\n')
	case r == '\t':
		b.WriteString(tabSpaces)
	case r < 0x20 || r == 0x7f:
		// Includes '\r': "\r\n" keeps its newline through the '\n', and a
		// lone '\r' would let later text overwrite what the reader saw.
	case r == 0x9b: // 8-bit CSI
		return csi
	case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // OSC, DCS, SOS, PM, APC
		return str
	case r >= 0x80 && r <= 0x9f:
	case r == 0x2028 || r == 0x2029:
		b.WriteByte('\n')
	case isBidiControl(r):
	default:
		b.WriteRune(r)
	}
	return ground
}

// The sequence states return the next state and whether r ended the
// sequence without belonging to it, so it must be handled as ground text.

func escapeRune(r rune) (state, bool) {
	switch {
	case r == '[':
		return csi, false
	case r == ']' || r == 'P' || r == 'X' || r == '^' || r == '_':
		return str, false
	case r == 0x1b:
		return escape, false
	case r == 0x18 || r == 0x1a: // CAN, SUB abort
		return ground, false
	case r < 0x20:
		return escape, false // a terminal executes it inside the sequence; dropped here
	case r <= 0x2f:
		return escInter, false
	case r <= 0x7e:
		return ground, false // two-byte escape such as ESC c (reset) or ESC 7
	default:
		// A bare ESC in front of other text: the ESC goes, the text stays.
		return ground, true
	}
}

func escInterRune(r rune) (state, bool) {
	switch {
	case r == 0x1b:
		return escape, false
	case r == 0x18 || r == 0x1a:
		return ground, false
	case r <= 0x2f:
		return escInter, false
	case r <= 0x7e:
		return ground, false
	default:
		return ground, true
	}
}

func csiRune(r rune) (state, bool) {
	switch {
	case r == 0x1b:
		return escape, false
	case r == 0x18 || r == 0x1a:
		return ground, false
	case r <= 0x3f: // C0 (dropped), parameters and intermediates
		return csi, false
	case r <= 0x7e: // final byte
		return ground, false
	default:
		// Malformed: the sequence ends here and the rune is ordinary text.
		return ground, true
	}
}

func strRune(r rune) state {
	switch r {
	case 0x07, 0x9c: // BEL (xterm's OSC terminator), ST
		return ground
	case 0x1b: // ESC \ is ST; any other ESC aborts the string and starts a sequence
		return escape
	case 0x18, 0x1a:
		return ground
	}
	return str
}

// clean reports whether s needs no change: the common case, kept
// allocation-free.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return false
		}
		if (r >= 0x80 && r <= 0x9f) || r == 0x2028 || r == 0x2029 || isBidiControl(r) {
			return false
		}
		i += size
	}
	return true
}

// isBidiControl reports the explicit directional embeddings, overrides and
// isolates and the directional marks: they can make text display in a
// different order than it reads (the "Trojan Source" trick), and a terminal
// grid has no use for them.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

// isZeroWidth reports the invisible format characters that can hide text
// or make two different names look the same: zero-width space and
// non-joiner, word joiner, the byte order mark and the joiner itself.
func isZeroWidth(r rune) bool {
	return r == 0x200b || r == 0x200c || r == 0x200d || r == 0x2060 || r == 0xfeff
}

// Line is Text for one-line places (titles, chips, card fields, status
// notices): runs of whitespace, newlines and tabs included, become one
// space, the ends are trimmed, and zero-width characters are dropped, except
// a joiner between two pictographs (it builds emoji such as families).
func Line(s string) string {
	s = strings.Join(strings.Fields(Text(s)), " ")
	if !strings.ContainsFunc(s, isZeroWidth) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for i, r := range s {
		if isZeroWidth(r) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if r != 0x200d || !isPictograph(prev) || !isPictograph(next) {
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// isPictograph roughly reports the emoji and symbol ranges a joiner may
// bind.
func isPictograph(r rune) bool {
	return r >= 0x2600 && r != 0xfeff && !isZeroWidth(r)
}
