package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The text area lays out, wraps and draws its whole value on every key,
// which makes typing into a long draft (a paste near the 100,000-character
// limit) take a large fraction of a second per key. So it holds only a
// window of the draft around the cursor; the text before and after the
// window waits in the composer (pre, post) and is joined back for
// everything that reads the draft. Only five rows show at a time, so the
// window is never seen to end.
//
// A cursor closer than a quarter window to a cut edge moves the window; a
// cut looks a tenth of a window for a line break (else a space) to fall
// on, so the window's first row starts like a line.
const windowRunes = 4000

// windowSize is the window's size in runes: windowRunes unless a test
// makes it small.
func (c *composerModel) windowSize() int {
	if c.window > 0 {
		return c.window
	}
	return windowRunes
}

// composerRefresh makes the text area lay itself out again (and scroll
// to the cursor) after the window moved.
type composerRefresh struct{}

// text is the whole draft.
func (c *composerModel) text() string {
	if c.pre == "" && c.post == "" {
		return c.ta.Value()
	}
	return c.pre + c.ta.Value() + c.post
}

// setText replaces the draft, with the cursor at its end.
func (c *composerModel) setText(s string) {
	rs := []rune(s)
	c.place(rs, len(rs), -1, -1)
}

// place puts the draft rs into the text area with the cursor at rune pos,
// keeping only a window around it. from and to force the window's edges
// when not negative.
func (c *composerModel) place(rs []rune, pos, from, to int) {
	if from < 0 || to < 0 {
		from, to = windowAround(rs, pos, c.windowSize())
	}
	c.rev++
	c.pre, c.post = string(rs[:from]), string(rs[to:])
	c.outside = from + len(rs) - to
	c.ta.SetValue(string(rs[pos:to]))
	c.ta.MoveToBegin()
	c.ta.InsertString(string(rs[from:pos]))
	c.ta, _ = c.ta.Update(composerRefresh{})
	c.fitWidth()
}

// windowAround is the window [from, to) of rs around pos: all of it when
// short, else size runes cut at line breaks or spaces where near.
func windowAround(rs []rune, pos, size int) (from, to int) {
	if len(rs) <= size {
		return 0, len(rs)
	}
	from = max(0, pos-size/2)
	to = min(len(rs), from+size)
	from = max(0, to-size)
	if from > 0 {
		from = cutNear(rs, from, max(0, from-size/10), -1)
	}
	if to < len(rs) {
		to = cutNear(rs, to, min(len(rs), to+size/10), 1)
	}
	return from, to
}

// cutNear moves a cut at i towards limit (dir -1 back, 1 on) to just after
// a line break, else a space; it stays at i when there is neither.
func cutNear(rs []rune, i, limit, dir int) int {
	for _, r := range []rune{'\n', ' '} {
		for j := i; j != limit; j += dir {
			if rs[j-1] == r {
				return j
			}
			if dir > 0 && j+1 > len(rs) {
				break
			}
		}
	}
	return i
}

// length is the draft's length in characters (runes).
func (c *composerModel) length() int {
	return c.outside + utf8.RuneCountInString(c.ta.Value())
}

// overLimit reports whether k would type past the draft's limit. The text
// area's own CharLimit counts cells, so a wide script would be cut short
// of 100,000 characters (and a draft of them could not be typed into).
func (c *composerModel) overLimit(k tea.KeyPressMsg) bool {
	add := utf8.RuneCountInString(k.Text)
	if key.Matches(k, c.ta.KeyMap.InsertNewline) {
		add = 1
	}
	return add > 0 && c.length()+add > composerCharLimit
}

// cursor is the window's text and the cursor's rune offset in it.
func (c *composerModel) cursor() ([]rune, int) {
	v := c.ta.Value()
	off := 0
	for i, row := range strings.SplitN(v, "\n", c.ta.Line()+1) {
		if i == c.ta.Line() {
			break
		}
		off += len([]rune(row)) + 1
	}
	return []rune(v), off + c.ta.Column()
}

// beforeKey widens the window where a key acts beyond it: to the whole
// draft's start or end, or to the whole line the cursor is on.
func (c *composerModel) beforeKey(k tea.KeyPressMsg) {
	if c.pre == "" && c.post == "" {
		return
	}
	km := c.ta.KeyMap
	lineWide := key.Matches(k, km.LineStart, km.LineEnd, km.DeleteBeforeCursor, km.DeleteAfterCursor)
	if !lineWide && !key.Matches(k, km.InputBegin, km.InputEnd) {
		return
	}
	win, off := c.cursor()
	pre := []rune(c.pre)
	rs := slices.Concat(pre, win, []rune(c.post))
	pos := len(pre) + off
	switch {
	case key.Matches(k, km.InputBegin):
		c.place(rs, 0, -1, -1)
	case key.Matches(k, km.InputEnd):
		c.place(rs, len(rs), -1, -1)
	default:
		from, to := pos, pos
		for from > 0 && rs[from-1] != '\n' {
			from--
		}
		for to < len(rs) && rs[to] != '\n' {
			to++
		}
		// The line breaks around it too: at either end of the line these
		// keys join the neighbouring line.
		c.place(rs, pos, max(0, from-1), min(len(rs), to+1))
	}
}

// keepWindow moves the window after a key when the cursor came near a cut
// edge or the window grew (a paste) well past its size.
func (c *composerModel) keepWindow() {
	win, off := c.cursor()
	margin := c.windowSize() / 4
	near := (c.pre != "" && off < margin) || (c.post != "" && len(win)-off < margin)
	if !near && len(win) <= 2*c.windowSize() {
		return
	}
	pre := []rune(c.pre)
	c.place(slices.Concat(pre, win, []rune(c.post)), len(pre)+off, -1, -1)
}
