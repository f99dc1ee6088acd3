package transcript

// RefreshEntries replaces the entries with a newer copy of the same
// conversation (the server's after the cached one, a refresh) without
// moving the reader: a reader at the bottom stays there and sees what is
// new; one scrolled up keeps the same entry at the same line, the focused
// entry and an open find, as long as those entries are still there.
func (m *Model) RefreshEntries(es []Entry) {
	if m.follow || len(m.items) == 0 {
		m.SetEntries(es)
		return
	}
	m.clampTop()
	topKey, off := m.items[m.top.idx].e.Key, m.top.off
	focus, newBelow := m.focusKey, m.newBelow
	oldLen := len(m.items)
	query, input := m.find.query, m.find.input
	m.SetEntries(es)
	i, ok := m.lookup(topKey)
	if !ok {
		return // the entry read is gone: the bottom is the honest place
	}
	m.follow = false
	m.top = anchor{i, off}
	if _, ok := m.lookup(focus); ok {
		m.focusKey = focus
	}
	// More entries than before are news below the reader.
	m.newBelow = newBelow || len(m.items) > oldLen
	if query != "" {
		m.find.input = input
		m.find.setQuery(query)
	}
	m.sync()
}
