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

	"aui-tui/api"
	"aui-tui/theme"
)

// Model is the transcript component. The zero value is not usable; call New.
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

	items []*item
	index map[string]int
	hidx  *heightIndex
	// hidxWidth is the content width the height index was estimated at.
	hidxWidth int

	top      anchor // the first visible line
	follow   bool   // at the bottom: new content keeps the tail in view
	newBelow bool   // content arrived below while the reader was elsewhere
	atBottom bool
	focusKey string // entry marked by [ ] { } navigation; "" means the last

	find findState
	raw  *rawView

	// frame is the joined output View returns.
	frame string
}

// New makes an empty transcript. A nil Renderer gets a private one; share
// one across the program so renderers are reused.
func New(st *theme.Styles, r *Renderer, km KeyMap) Model {
	if r == nil {
		r = NewRenderer()
	}
	if st == nil {
		st = theme.New(true, false)
	}
	return Model{
		st: st, r: r, keys: km,
		loc: time.Local, now: time.Now,
		index:  map[string]int{},
		hidx:   &heightIndex{},
		follow: true, atBottom: true,
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
	m.sync()
}

// SetStyles switches the theme; every render is redone on demand.
func (m *Model) SetStyles(st *theme.Styles) {
	if st == nil || st == m.st {
		return
	}
	m.st = st
	if m.raw != nil {
		m.raw.wrap(m.w)
	}
	m.sync()
}

// SetEntries replaces the transcript (a task was opened) and scrolls to the
// bottom so the latest messages are visible.
func (m *Model) SetEntries(es []Entry) {
	m.items = make([]*item, len(es))
	m.index = make(map[string]int, len(es))
	for i, e := range es {
		m.items[i] = newItem(e)
		m.index[e.Key] = i
	}
	m.hidxWidth = -1
	m.top = anchor{}
	m.follow, m.newBelow = true, false
	m.focusKey = ""
	m.raw = nil
	m.find.reset()
	m.sync()
}

// Upsert replaces the entry with e's key, or appends e. The view follows
// the new content only if it was at the bottom.
func (m *Model) Upsert(e Entry) {
	if i, ok := m.index[e.Key]; ok {
		m.items[i].set(e)
		m.changed(i)
	} else {
		m.appendItem(e)
	}
	m.sync()
}

// ReplaceKey replaces the entry oldKey with e (a pending user message
// becoming the stored one, a streaming reply becoming the final message),
// keeping its place. Without oldKey it behaves as Upsert.
func (m *Model) ReplaceKey(oldKey string, e Entry) {
	i, ok := m.index[oldKey]
	if !ok {
		m.Upsert(e)
		return
	}
	if j, dup := m.index[e.Key]; dup && j != i {
		// The new key already has an entry (it arrived by another path):
		// keep that one, drop the old.
		m.removeAt(i)
		i = m.index[e.Key]
	}
	if m.focusKey == oldKey {
		m.focusKey = e.Key
	}
	if m.raw != nil && m.raw.key == oldKey {
		m.raw.key = e.Key
	}
	delete(m.index, oldKey)
	m.index[e.Key] = i
	m.items[i].set(e)
	m.changed(i)
	m.sync()
}

// Remove deletes the entry with key, if any.
func (m *Model) Remove(key string) {
	if i, ok := m.index[key]; ok {
		m.removeAt(i)
		m.sync()
	}
}

// SetStreamText sets the text so far of a streaming agent reply, creating
// the entry if needed. Callers batch updates (about every 30 ms); only the
// unfinished tail is re-rendered.
func (m *Model) SetStreamText(key, text string) {
	if i, ok := m.index[key]; ok {
		it := m.items[i]
		e := it.e
		e.Msg.Text, e.Status = text, StatusStreaming
		it.set(e)
		m.changed(i)
	} else {
		m.appendItem(Entry{
			Key:    key,
			Status: StatusStreaming,
			Msg: api.Message{
				ID: key, Text: text, CreatedAt: api.NewTimestamp(m.now()),
				Sender: api.Party{Type: api.ActorAgent},
			},
		})
	}
	m.sync()
}

// Entries returns a copy of the entries in order.
func (m Model) Entries() []Entry {
	out := make([]Entry, len(m.items))
	for i, it := range m.items {
		out[i] = it.e
	}
	return out
}

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

// Capturing reports whether the find prompt is open: the root must then
// route every key here (q, digits and ? are typed into the prompt).
func (m Model) Capturing() bool { return m.focused && m.find.prompt }

// AtBottom reports whether the last line of the transcript is visible.
func (m Model) AtBottom() bool { return m.atBottom }

// ScrollPercent is how far down the transcript the view is, 0–100, from
// measured heights near the view and estimates elsewhere.
func (m Model) ScrollPercent() int {
	if m.atBottom {
		return 100
	}
	total := m.hidx.total - m.contentHeight()
	if total <= 0 {
		return 100
	}
	pos := m.hidx.prefix(m.top.idx) + m.top.off
	return min(max(pos*100/total, 0), 99)
}

// focusIndex is the index of the focused entry, -1 when empty.
func (m Model) focusIndex() int {
	if len(m.items) == 0 {
		return -1
	}
	if i, ok := m.index[m.focusKey]; ok && m.focusKey != "" {
		return i
	}
	return len(m.items) - 1
}

// appendItem adds an entry at the end.
func (m *Model) appendItem(e Entry) {
	it := newItem(e)
	m.items = append(m.items, it)
	m.index[e.Key] = len(m.items) - 1
	it.height = it.estimate(m.contentWidth())
	m.hidx.append(it.height)
	if !m.follow {
		m.newBelow = true
	}
}

// changed notes that item i's content changed: its estimate is refreshed,
// and content below the view raises the new-messages marker.
func (m *Model) changed(i int) {
	it := m.items[i]
	it.height = it.estimate(m.contentWidth())
	m.hidx.set(i, it.height)
	if !m.follow && i >= m.lastVisible() {
		m.newBelow = true
	}
}

// removeAt deletes item i and keeps the anchor on the same content.
func (m *Model) removeAt(i int) {
	key := m.items[i].e.Key
	m.items = append(m.items[:i], m.items[i+1:]...)
	m.index = make(map[string]int, len(m.items))
	for j, it := range m.items {
		m.index[it.e.Key] = j
	}
	m.hidxWidth = -1
	switch {
	case i < m.top.idx:
		m.top.idx--
	case i == m.top.idx:
		m.top.off = 0
	}
	if m.focusKey == key {
		m.focusKey = ""
	}
	if m.raw != nil && m.raw.key == key {
		m.raw = nil
	}
}
