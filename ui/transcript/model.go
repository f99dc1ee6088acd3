// Package transcript is the conversation pane's message list: a virtualised,
// cached, searchable list of entries.
//
// Each entry renders once into cached lines (keyed by width, theme, content
// version, and focus and find state for the decorated copy); only the
// entries that intersect the viewport are rendered, the heights of the rest
// are estimated, and the scroll position is anchored to an entry so resizes
// and late renders never make the view jump. All mutations render what they
// need; View only joins cached strings.
package transcript

import (
	"time"

	"aui-tui/theme"
)

// Model is the transcript component. Make one with New (the zero value
// works, with the dark theme and a private renderer).
type Model struct {
	st   *theme.Styles
	r    *Renderer
	keys KeyMap
	loc  *time.Location
	now  func() time.Time
	// clock changes when loc or now does, so cached headers re-render.
	clock uint64

	w, h    int
	focused bool

	items []item
	index map[string]int
	hidx  *heightIndex
	// hidxWidth is the content width the height index was estimated at.
	hidxWidth int

	top      anchor // the first visible line
	follow   bool   // at the bottom: new content keeps the tail in view
	newBelow bool   // content arrived below while the reader was elsewhere
	// pinKey is the newest agent reply that arrived while following: once
	// it is taller than the view its first line stays at the top (held),
	// as chat apps do, rather than the tail scrolling its start away.
	pinKey   string
	held     bool
	atBottom bool
	focusKey string // entry marked by [ ] { } navigation; "" means the last

	find findState
	raw  *rawView
	// details shows the focused message's cards in full.
	details *detailsView

	// frame is the joined output View returns.
	frame string
	// spacing is how many extra blank lines separate messages.
	spacing int
}

// SetSpacing sets how many extra blank lines separate messages (a
// presenter's screen breathes more); every message is drawn again.
func (m *Model) SetSpacing(n int) {
	if n != m.spacing {
		m.spacing = max(n, 0)
		m.clock++
	}
}

// New makes an empty transcript. A nil Renderer gets a private one; share
// one across the program so renderers are reused.
func New(st *theme.Styles, r *Renderer, km KeyMap) Model {
	m := Model{st: st, r: r, keys: km, follow: true, atBottom: true}
	m.find.reset()
	m.defaults()
	return m
}

// defaults fills what New would have, so a zero Model does not panic.
func (m *Model) defaults() {
	if m.st == nil {
		m.st = theme.New(true, false)
	}
	if m.r == nil {
		m.r = NewRenderer()
	}
	if m.hidx == nil {
		m.hidx = &heightIndex{}
	}
	if m.loc == nil {
		m.loc = time.Local
	}
	if m.now == nil {
		m.now = time.Now
	}
}

// SetClock sets the zone message times are shown in and the clock that
// decides whether a message is from today (tests pin both).
func (m *Model) SetClock(loc *time.Location, now func() time.Time) {
	if loc == nil {
		loc = time.Local
	}
	if now == nil {
		now = time.Now
	}
	m.loc, m.now = loc, now
	m.clock++
	m.sync()
}

// SetSize sets the pane's inner size. View returns exactly h lines, each at
// most w cells wide. Only what becomes visible is re-wrapped.
func (m *Model) SetSize(w, h int) {
	w, h = max(w, 0), max(h, 0)
	if w == m.w && h == m.h {
		return
	}
	idx, row, frac, ok := m.resizeAnchor()
	m.w, m.h = w, h
	if ok && !m.follow {
		m.restoreAnchor(idx, row, frac)
	}
	if m.raw != nil {
		m.raw.wrap(m.w)
	}
	if m.details != nil {
		m.details.build(m.w, m.st)
		m.details.scroll(0, rawRows(m.h))
	}
	m.sync()
}

// SetStyles switches the theme; every render is redone on demand.
func (m *Model) SetStyles(st *theme.Styles) {
	if st == nil || st == m.st {
		return
	}
	m.st = st
	m.sync()
}

// Entries returns a copy of the entries in order.
func (m Model) Entries() []Entry {
	out := make([]Entry, len(m.items))
	for i := range m.items {
		out[i] = m.items[i].e
	}
	return out
}

// Len is the number of entries.
func (m Model) Len() int { return len(m.items) }

// At is entry i, oldest first; it copies one entry where Entries copies
// them all.
func (m Model) At(i int) Entry { return m.items[i].e }

// FocusedEntry is the entry marked by [ ] { } navigation (the last one until
// the reader moves); false when the transcript is empty.
func (m Model) FocusedEntry() (Entry, bool) {
	i := m.focusIndex()
	if i < 0 {
		return Entry{}, false
	}
	return m.items[i].e, true
}

// Focus gives the transcript the keyboard.
func (m *Model) Focus() {
	m.focused = true
	m.sync()
}

// Blur takes the keyboard away; an open find prompt keeps what was typed as
// the active query.
func (m *Model) Blur() {
	m.focused = false
	if m.find.prompt {
		m.confirmFind()
	}
	m.sync()
}

// Focused reports whether the transcript has the keyboard.
func (m Model) Focused() bool { return m.focused }

// Capturing reports whether every key must come here: the find prompt is
// open (q, digits and ? are typed into it) or the raw JSON view is (it is
// modal: its keys scroll or close it, nothing else acts).
func (m Model) Capturing() bool {
	return m.focused && (m.find.prompt || m.raw != nil || m.details != nil)
}

// Typing reports whether the find prompt is open, so typed or pasted text
// belongs to it.
func (m Model) Typing() bool { return m.focused && m.find.prompt }

// CanDismiss reports whether esc would close something here (the raw view,
// the find prompt or an active find), so the root can leave esc to the
// transcript in that case.
func (m Model) CanDismiss() bool {
	return m.raw != nil || m.details != nil || m.find.prompt || m.find.query != ""
}

// RawOpen reports whether the raw JSON view replaces the transcript.
func (m Model) RawOpen() bool { return m.raw != nil }

// AtBottom reports whether the last line of the transcript is visible.
func (m Model) AtBottom() bool { return m.atBottom }

// AtTop reports whether the first line of the transcript is visible.
func (m Model) AtTop() bool { return m.top == (anchor{}) }

// ScrollPercent is how far down the transcript the view is, 0–100, from
// measured heights near the view and estimates elsewhere.
func (m Model) ScrollPercent() int {
	if m.atBottom || m.hidx == nil {
		return 100
	}
	total := m.hidx.total - m.contentHeight()
	if total <= 0 {
		return 100
	}
	pos := m.hidx.prefix(m.top.idx) + m.top.off
	return min(max(pos*100/total, 0), 99)
}

// Position is where the view is: the number (from 1) of the message at
// the top of the view, or of the last one when the view is at the bottom,
// the number of messages, and ScrollPercent. All zero when empty.
func (m Model) Position() (msg, total, percent int) {
	n := len(m.items)
	if n == 0 {
		return 0, 0, 0
	}
	msg = min(max(m.top.idx, 0), n-1) + 1
	if m.atBottom {
		msg = n
	}
	return msg, n, m.ScrollPercent()
}

// focusIndex is the index of the focused entry, -1 when empty.
func (m Model) focusIndex() int {
	if len(m.items) == 0 {
		return -1
	}
	if m.focusKey != "" {
		if m.index != nil {
			if i, ok := m.index[m.focusKey]; ok {
				return i
			}
		} else {
			for i := range m.items {
				if m.items[i].e.Key == m.focusKey {
					return i
				}
			}
		}
	}
	return len(m.items) - 1
}
