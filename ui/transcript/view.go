package transcript

import (
	"strings"

	"aui-tui/internal/cells"
)

const focusGlyph = "▌"

// View returns the pane: exactly h lines, each at most w cells. It only
// returns the frame the last mutation assembled from cached lines.
func (m Model) View() string { return m.frame }

// ctx is the render context at the current layout.
func (m *Model) ctx() renderCtx {
	return renderCtx{st: m.st, r: m.r, width: m.contentWidth(), loc: m.loc, now: m.now(), retry: m.keys.Retry.Help().Key,
		spacing: m.spacing}
}

// ensure brings item i's caches up to date for the current layout and
// state, rendering only what changed, and records its measured height.
func (m *Model) ensure(i int) *item {
	it := &m.items[i]
	it.need()
	bk := bodyKey{width: m.contentWidth(), theme: m.st.Name, version: it.version, clock: m.clock}
	if it.body == nil || it.bodyKey != bk {
		it.body, it.bodyW = renderBody(it, m.ctx())
		it.bodyKey = bk
	}
	dk := decoKey{
		body: bk, paneW: m.w, gutter: m.gutter(),
		focused: m.focused && i == m.focusIndex(),
		query:   m.find.query, current: m.find.currentIn(i),
	}
	if it.deco == nil || it.decoKey != dk {
		it.deco = m.decorate(it, dk)
		it.decoKey = dk
	}
	if !it.measured || it.height != len(it.deco) {
		it.height, it.measured = len(it.deco), true
		m.hidx.set(i, it.height)
	}
	return it
}

// decorate adds the gutter (with the focus bar), find highlights and
// padding to the pane width.
func (m *Model) decorate(it *item, dk decoKey) []string {
	gut := strings.Repeat(" ", dk.gutter)
	if dk.focused && dk.gutter > 0 {
		gut = m.st.Chat.FocusBar.Render(focusGlyph) + strings.Repeat(" ", dk.gutter-1)
	}
	blank := strings.Repeat(" ", dk.gutter)
	out := make([]string, len(it.body))
	seen := 0
	sep := len(it.body) - 1 - m.spacing // the separator lines carry no bar
	for j, l := range it.body {
		g := gut
		if j >= sep && it.bodyW[j] == 0 {
			g = blank
		}
		if dk.query != "" && j > 0 {
			var n int
			l, n = highlight(l, m.find.qr, seen, dk.current, m.st.Chat.Match, m.st.Chat.MatchCurrent)
			seen += n
		}
		out[j] = g + l + cells.Pad(m.w-dk.gutter-it.bodyW[j])
	}
	return out
}

// sync re-lays the view after any change: it renders what became visible,
// clamps or re-anchors the scroll position, and joins the frame.
func (m *Model) sync() {
	m.defaults()
	if cw := m.contentWidth(); m.hidxWidth != cw {
		m.reindex(cw)
	}
	m.refreshMatches()
	if m.raw != nil {
		m.frame = m.joinFrame(m.raw.view(m.w, m.h, m.st, m.keys.RawView.Close), false, "")
		return
	}
	if m.details != nil {
		m.frame = m.joinFrame(m.details.view(m.w, m.h, m.st, m.keys), false, "")
		return
	}
	status := m.statusRow()
	lines := m.collect(m.contentHeight())
	if m.statusRow() != status {
		// Reaching the bottom hides the marker row (or leaving it shows
		// it), which changes the room for entries: lay out once more.
		lines = m.collect(m.contentHeight())
	}
	var st string
	if m.statusRow() {
		st = m.statusLine()
	}
	m.frame = m.joinFrame(lines, true, st)
}

// collect gathers the visible lines from the anchor, re-anchoring to the
// bottom when following or when the content ends above the last row.
func (m *Model) collect(rows int) []string {
	if rows <= 0 || len(m.items) == 0 {
		m.atBottom = true
		if len(m.items) == 0 {
			m.top, m.follow, m.newBelow = anchor{}, true, false
		}
		return nil
	}
	if m.follow {
		m.anchorBottom(rows)
		m.holdPinned()
	} else {
		m.clampTop()
	}
	lines, end := m.gather(rows)
	if end && len(lines) < rows && m.top != (anchor{}) {
		m.anchorBottom(rows)
		lines, end = m.gather(rows)
	}
	m.atBottom = end
	if end {
		m.follow, m.newBelow, m.held = true, false, false
	} else {
		m.follow = false
	}
	return lines
}

// gather takes up to rows lines starting at the anchor; end reports that
// the transcript's last line is among them.
func (m *Model) gather(rows int) (lines []string, end bool) {
	lines = make([]string, 0, rows)
	off := m.top.off
	for i := m.top.idx; i < len(m.items) && len(lines) < rows; i++ {
		d := m.ensure(i).deco
		if off < len(d) {
			take := min(len(d)-off, rows-len(lines))
			lines = append(lines, d[off:off+take]...)
			end = i == len(m.items)-1 && off+take == len(d)
		}
		off = 0
	}
	return lines, end
}

// joinFrame pads the content to the pane height, adds the status row and
// joins: exactly h lines. Decorated entry lines are already exactly w cells
// (fitted); other lines are measured and cut or padded.
func (m *Model) joinFrame(lines []string, fitted bool, status string) string {
	if m.h <= 0 {
		return ""
	}
	rows := m.h
	if status != "" {
		rows--
	}
	var b strings.Builder
	b.Grow((rows + 1) * (m.w + 16))
	for r := 0; r < m.h; r++ {
		if r > 0 {
			b.WriteByte('\n')
		}
		switch {
		case r < len(lines) && r < rows && fitted && m.w > 0:
			b.WriteString(lines[r])
		case r < len(lines) && r < rows:
			b.WriteString(cells.Fit(lines[r], m.w))
		case r == rows && status != "":
			b.WriteString(cells.Fit(status, m.w))
		default:
			b.WriteString(cells.Pad(m.w))
		}
	}
	return b.String()
}

// statusLine is the bottom row: find prompt or count, and the marker for
// messages that arrived below the view.
func (m Model) statusLine() string {
	var parts []string
	if m.find.prompt || m.find.query != "" {
		parts = append(parts, m.findLine())
	}
	switch {
	case m.held && !m.atBottom:
		parts = append(parts, m.st.Chat.Marker.Render("↓ more"))
	case m.newBelow && !m.atBottom:
		parts = append(parts, m.st.Chat.Marker.Render("↓ new messages"))
	}
	return strings.Join(parts, "  ")
}

// reindex re-estimates every entry's height for a new content width
// (keeping measured heights that are still valid) and rebuilds the index.
func (m *Model) reindex(cw int) {
	hs := make([]int, len(m.items))
	for i := range m.items {
		it := &m.items[i]
		if !(it.measured && it.rendered() != nil && it.bodyKey.width == cw) {
			it.height, it.measured = it.estimate(cw), false
		}
		hs[i] = it.height
	}
	m.hidx.reset(hs)
	m.hidxWidth = cw
}
