package transcript

import "aui-tui/api"

// SetEntries replaces the transcript (a task was opened) and scrolls to the
// bottom so the latest messages are visible.
func (m *Model) SetEntries(es []Entry) {
	// One allocation for all items, and the key index built on first use:
	// opening a long transcript must cost little per entry.
	m.items = make([]item, len(es))
	for i, e := range es {
		m.items[i].init(e)
	}
	m.index = nil
	m.hidxWidth = -1
	m.top = anchor{}
	m.follow, m.newBelow = true, false
	m.focusKey = ""
	m.pinKey, m.held = "", false
	m.raw, m.details = nil, nil
	m.find.reset()
	m.sync()
}

// Upsert replaces the entry with e's key, or appends e. The view follows
// the new content only if it was at the bottom.
func (m *Model) Upsert(e Entry) {
	if i, ok := m.lookup(e.Key); ok {
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
	i, ok := m.lookup(oldKey)
	if !ok {
		m.Upsert(e)
		return
	}
	if m.focusKey == oldKey {
		m.focusKey = e.Key
	}
	if m.pinKey == oldKey {
		m.pinKey = e.Key
	}
	if m.raw != nil && m.raw.key == oldKey {
		m.raw.key = e.Key
	}
	if m.details != nil && m.details.key == oldKey {
		m.details.key = e.Key
	}
	if j, dup := m.lookup(e.Key); dup && j != i {
		// The new key already has an entry (it arrived by another path):
		// keep that one, drop the old.
		m.removeAt(i)
		i, _ = m.lookup(e.Key)
	}
	m.buildIndex()
	delete(m.index, oldKey)
	m.index[e.Key] = i
	m.items[i].set(e)
	m.changed(i)
	m.sync()
}

// Remove deletes the entry with key, if any.
func (m *Model) Remove(key string) {
	if i, ok := m.lookup(key); ok {
		m.removeAt(i)
		m.sync()
	}
}

// SetStreamText sets the text so far of a streaming agent reply, creating
// the entry if needed. Callers batch updates (about every 30 ms); only the
// unfinished tail is re-rendered. Text for an entry that is no longer
// streaming (its final message arrived first) is ignored.
func (m *Model) SetStreamText(key, text string) {
	if i, ok := m.lookup(key); ok {
		it := &m.items[i]
		if it.e.Status != StatusStreaming {
			return
		}
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

// appendItem adds an entry at the end.
func (m *Model) appendItem(e Entry) {
	m.buildIndex()
	m.items = append(m.items, item{})
	it := &m.items[len(m.items)-1]
	it.init(e)
	m.index[e.Key] = len(m.items) - 1
	it.height = it.estimate(m.contentWidth())
	m.hidx.append(it.height)
	switch {
	case !m.follow:
		m.newBelow = true
	case !e.fromUser() && !e.Welcome:
		m.pinKey, m.held = e.Key, false
	default:
		m.unpin() // a new turn: the last reply is no longer what is read
	}
}

// changed notes that item i's content changed: its estimate is refreshed,
// and content below the view raises the new-messages marker.
func (m *Model) changed(i int) {
	it := &m.items[i]
	it.height = it.estimate(m.contentWidth())
	m.hidx.set(i, it.height)
	// The held reply growing is what "↓ more" already says.
	if !m.follow && i >= m.lastVisible() && !(m.held && it.e.Key == m.pinKey) {
		m.newBelow = true
	}
}

// removeAt deletes item i and keeps the anchor on the same content.
func (m *Model) removeAt(i int) {
	key := m.items[i].e.Key
	m.items = append(m.items[:i], m.items[i+1:]...)
	m.index = nil
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
	if m.details != nil && m.details.key == key {
		m.details = nil
	}
}

// lookup finds an entry by key.
func (m *Model) lookup(key string) (int, bool) {
	m.buildIndex()
	i, ok := m.index[key]
	return i, ok
}

// buildIndex builds the key index if a change dropped it. It is built on
// first use rather than on open: opening a long transcript needs no key.
func (m *Model) buildIndex() {
	if m.index != nil {
		return
	}
	m.index = make(map[string]int, len(m.items))
	for j := range m.items {
		m.index[m.items[j].e.Key] = j
	}
}
