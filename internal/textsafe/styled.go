package textsafe

import (
	"strings"
	"unicode/utf8"
)

// StyledOnly keeps the SGR (colour and attribute) sequences of s and removes
// every other control sequence, every control character except "\n", C1
// controls, bidi controls and invalid UTF-8.
//
// It is for the output of our own renderers, whose input was already passed
// through Text: the markdown renderer decodes HTML entities after Text ran,
// so "&#x202E;" or "&#155;" come out of it as the characters themselves, and
// it wraps links in OSC 8 hyperlinks whose target can differ from the text
// the reader sees; the transcript shows links as plain, visible text
// instead. Only whole runes and whole sequences are dropped, so nothing that
// remains can join up into a new control: StyledOnly(StyledOnly(s)) ==
// StyledOnly(s).
func StyledOnly(s string) string {
	if styledClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n := seqLen(s[i:])
			if isSGR(s[i : i+n]) {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !dropStyled(r, size) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// dropStyled reports whether StyledOnly drops the rune r of size bytes.
func dropStyled(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return true
	case r == '\n':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	}
	return isBidiControl(r)
}

// seqLen is the byte length of the escape sequence at the start of s (which
// begins with ESC); an unterminated sequence runs to the end of s.
func seqLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] > 0x7e {
				return j
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b {
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 2
				}
				return j
			}
		}
		return len(s)
	default:
		return 2
	}
}

// isSGR reports whether seq is "ESC [ params m" with numeric parameters only.
func isSGR(seq string) bool {
	if len(seq) < 3 || seq[1] != '[' || seq[len(seq)-1] != 'm' {
		return false
	}
	for j := 2; j < len(seq)-1; j++ {
		c := seq[j]
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// styledClean reports whether s has no control other than "\n" and SGR,
// and is valid UTF-8.
func styledClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n := seqLen(s[i:])
			if !isSGR(s[i : i+n]) {
				return false
			}
			i += n
		case c < utf8.RuneSelf:
			if dropStyled(rune(c), 1) {
				return false
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if dropStyled(r, size) {
				return false
			}
			i += size
		}
	}
	return true
}
