package transcript

// Prewarm renders about a page of entries on each side of the view, so the
// next page of scrolling finds them ready instead of rendering markdown
// while the reader waits. The program calls it when it is idle, after a
// frame is drawn. It never moves the view: the scroll position is anchored
// to an entry, so heights settling above it change nothing on screen.
func (m *Model) Prewarm() {
	if len(m.items) == 0 || m.raw != nil || m.h <= 0 || m.w <= 0 {
		return
	}
	m.defaults()
	if cw := m.contentWidth(); m.hidxWidth != cw {
		return // the next sync re-indexes first; warm after that
	}
	page := m.contentHeight()
	lines := 0
	for i := m.lastVisible() + 1; i < len(m.items) && lines < page; i++ {
		lines += m.ensure(i).height
	}
	lines = 0
	for i := m.top.idx - 1; i >= 0 && lines < page; i-- {
		lines += m.ensure(i).height
	}
}
