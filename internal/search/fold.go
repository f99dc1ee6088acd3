// Package search finds messages across every cached transcript: a query of
// words and quoted phrases, matched case- and accent-insensitively against
// task titles, message text, product names and card fields, newest first.
//
// Each transcript is kept as one small index file beside the cache, holding
// its messages' searchable text already folded, newest first, so a search
// reads and scans plain bytes without decoding any JSON.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold lowers s and strips its accents, rune for rune: the folded text has
// as many runes as s, so a match found in it maps back to the same runes of
// s for highlighting. Line breaks and tabs become spaces.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// foldRune maps one rune to its base letter in lower case.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		}
		return r
	}
	r = unicode.ToLower(r)
	switch r {
	// Letters with a stroke have no decomposition, yet readers type them
	// without it.
	case 'ø':
		return 'o'
	case 'ł':
		return 'l'
	case 'đ':
		return 'd'
	case 'ı':
		return 'i'
	case utf8.RuneError:
		return r
	}
	d := norm.NFD.String(string(r))
	base, n := utf8.DecodeRuneInString(d)
	for _, m := range d[n:] {
		if !unicode.Is(unicode.Mn, m) {
			return r // not a letter plus accents: keep it whole
		}
	}
	return base
}

// runeOffset is the byte offset in s of its n-th rune.
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}
