package transcript

// FindAt shows the entry keyed key with query as the active find, as if
// typed and confirmed: the entry's first match is the current one, and
// n/N continue from it. Without a match in the entry (its text changed
// since), the entry is shown with the find still active. It reports false
// when no entry has the key.
func (m *Model) FindAt(key, query string) bool {
	idx, ok := m.lookup(key)
	if !ok {
		return false
	}
	f := &m.find
	f.reset()
	f.input = query
	f.setQuery(query)
	m.refreshMatches()
	m.focusKey = key
	if f.total > 0 && f.cum[idx+1] > f.cum[idx] {
		f.cur = f.cum[idx]
		m.showMatch()
	} else {
		m.placeLine(idx, 0)
	}
	m.sync()
	return true
}
