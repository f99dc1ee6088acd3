package search

import "unicode/utf8"

// Snippet cuts the hit's text to about width runes around its match: the
// text before the match, the match, and the text after it. A cut is
// marked with "…".
func (h Hit) Snippet(width int) (before, match, after string) {
	before, match, after = h.Text[:h.Match[0]], h.Text[h.Match[0]:h.Match[1]], h.Text[h.Match[1]:]
	width = max(width, 10)
	lead := width / 4
	if n := utf8.RuneCountInString(before); n > lead {
		before = "…" + before[runeOffset(before, n-lead+1):]
	}
	room := width - utf8.RuneCountInString(before) - utf8.RuneCountInString(match)
	if room < 1 {
		after = ""
		if n := utf8.RuneCountInString(match); n > width {
			match = match[:runeOffset(match, width-1)] + "…"
		}
		return before, match, after
	}
	if utf8.RuneCountInString(after) > room {
		after = after[:runeOffset(after, room-1)] + "…"
	}
	return before, match, after
}
