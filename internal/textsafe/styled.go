package textsafe

import "strings"

// StyledOnly keeps the SGR (colour and attribute) sequences of s and removes
// every other control sequence and control character except "\n".
//
// It is for the output of our own renderers, whose input was already passed
// through Text: the markdown renderer wraps links in OSC 8 hyperlinks, and a
// hyperlink's target can differ from the text the reader sees, so the
// transcript shows links as plain, visible text instead.
func StyledOnly(s string) string {
	if styledClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if isC1At(s, i) {
			i += 2
			continue
		}
		if c != 0x1b {
			if (c >= 0x20 && c != 0x7f) || c == '\n' {
				b.WriteByte(c)
			}
			i++
			continue
		}
		n := seqLen(s[i:])
		if isSGR(s[i : i+n]) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
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

// isC1At reports a C1 control encoded as UTF-8 (0xC2 0x80–0x9F) at s[i].
func isC1At(s string, i int) bool {
	return s[i] == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f
}

// styledClean reports whether s has no control other than "\n" and SGR.
func styledClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			n := seqLen(s[i:])
			if !isSGR(s[i : i+n]) {
				return false
			}
			i += n - 1
		case (c < 0x20 && c != '\n') || c == 0x7f || isC1At(s, i):
			return false
		}
	}
	return true
}
