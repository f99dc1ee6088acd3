package transcript

import "strings"

// Glamour wraps list items and other margined blocks at spaces and also at
// '.', ',' and '+', so a narrow pane shows "★ 4." over "5", "$1,89" over
// "9.00" and "A+" over "+". Those characters are swapped for private-use
// stand-ins of the same width inside a token before glamour sees the text,
// and swapped back in what it renders, so a line can only break where a
// reader expects it to.
const (
	keepDot   = '\uE000'
	keepComma = '\uE001'
	keepPlus  = '\uE002'
)

// protectTokens returns src with the separators inside numbers ("4.5",
// "1,899.00") and the pluses of grades ("A++") replaced by stand-ins, and
// whether it changed anything. Markdown syntax is left alone: "1. item" and
// "+ item" have a space after the mark. Text that already holds a stand-in
// (a server may send anything) is not touched, so nothing it sent can be
// turned into something else.
func protectTokens(src string) (string, bool) {
	if !strings.ContainsAny(src, ".,+") || strings.ContainsAny(src, string([]rune{keepDot, keepComma, keepPlus})) {
		return src, false
	}
	rs := []rune(src)
	changed := false
	for i, r := range rs {
		prev, next := rune(0), rune(0)
		if i > 0 {
			prev = rs[i-1]
		}
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case (r == '.' || r == ',') && isDigit(prev) && isDigit(next):
			if r == '.' {
				rs[i] = keepDot
			} else {
				rs[i] = keepComma
			}
			changed = true
		case r == '+' && prev != 0 && prev != ' ' && prev != '\n' && prev != '\t':
			rs[i] = keepPlus
			changed = true
		}
	}
	if !changed {
		return src, false
	}
	return string(rs), true
}

// restoreTokens puts back what protectTokens replaced.
func restoreTokens(s string) string {
	return tokenRestorer.Replace(s)
}

var tokenRestorer = strings.NewReplacer(string(keepDot), ".", string(keepComma), ",", string(keepPlus), "+")

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
