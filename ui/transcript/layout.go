package transcript

// anchor is a scroll position tied to content: line off of entry idx is the
// top row of the view. Because it names an entry rather than an absolute
// line number, re-rendering or re-estimating other entries cannot move what
// the reader sees.
type anchor struct {
	idx, off int
}

// gutterWidth is the left column holding the focus bar; very narrow panes
// give it up for text.
const gutterWidth = 2

func (m Model) gutter() int {
	if m.w < 8 {
		return 0
	}
	return gutterWidth
}

// contentWidth is the width entries render at.
func (m Model) contentWidth() int { return max(m.w-m.gutter(), 1) }

// contentHeight is the number of rows for entries, below which a status row
// (find prompt, match count, new-messages marker) may sit.
func (m Model) contentHeight() int {
	if m.statusRow() {
		return max(m.h-1, 0)
	}
	return m.h
}

// statusRow reports whether the bottom row is taken by the status line.
func (m Model) statusRow() bool {
	return m.h > 0 && (m.find.prompt || m.find.query != "" || ((m.newBelow || m.held) && !m.atBottom))
}

// holdPinned stops following at the pinned reply's first line once the
// bottom-anchored view would scroll it off the top.
func (m *Model) holdPinned() {
	if m.pinKey == "" {
		return
	}
	p, ok := m.lookup(m.pinKey)
	if !ok {
		m.pinKey = ""
		return
	}
	if m.top.idx > p || m.top.idx == p && m.top.off > 0 {
		m.top = anchor{p, 0}
		m.follow, m.held = false, true
	}
}

// unpin hands the scroll position back to the reader.
func (m *Model) unpin() {
	m.pinKey, m.held = "", false
}

// heightAt renders item i if needed and returns its height in rows.
func (m *Model) heightAt(i int) int {
	return len(m.ensure(i).deco)
}

// scrollBy moves the view n rows (negative: up), rendering the entries it
// passes over, as they become visible.
func (m *Model) scrollBy(n int) {
	if len(m.items) == 0 || n == 0 {
		return
	}
	m.follow = false
	m.clampTop()
	m.top.off += n
	for m.top.off < 0 && m.top.idx > 0 {
		m.top.idx--
		m.top.off += m.heightAt(m.top.idx)
	}
	if m.top.off < 0 {
		m.top.off = 0
	}
	for m.top.idx < len(m.items)-1 && m.top.off >= m.heightAt(m.top.idx) {
		m.top.off -= m.heightAt(m.top.idx)
		m.top.idx++
	}
	// Past the end is clamped by sync, which keeps the last page full.
}

// scrollTop shows the first line.
func (m *Model) scrollTop() {
	m.follow = false
	m.top = anchor{}
}

// scrollBottom shows the last line and follows new content.
func (m *Model) scrollBottom() {
	m.follow = true
	m.newBelow = false
	m.unpin()
}

// anchorBottom places the view so its last row is the transcript's last
// line, rendering entries from the end until the view is full.
func (m *Model) anchorBottom(rows int) {
	acc := 0
	for i := len(m.items) - 1; i >= 0; i-- {
		hh := m.heightAt(i)
		if acc+hh >= rows {
			m.top = anchor{i, acc + hh - rows}
			return
		}
		acc += hh
	}
	m.top = anchor{}
}

// clampTop keeps the anchor inside the transcript.
func (m *Model) clampTop() {
	if len(m.items) == 0 {
		m.top = anchor{}
		return
	}
	m.top.idx = min(max(m.top.idx, 0), len(m.items)-1)
	m.top.off = min(max(m.top.off, 0), max(m.heightAt(m.top.idx)-1, 0))
}

// rowOf returns the view row of the first line of entry i, and whether the
// entry intersects the view.
func (m *Model) rowOf(i int) (int, bool) {
	rows := m.contentHeight()
	if i < m.top.idx || len(m.items) == 0 {
		return 0, false
	}
	row := -m.top.off
	for j := m.top.idx; j < i; j++ {
		row += m.heightAt(j)
		if row >= rows {
			return row, false
		}
	}
	return row, row < rows && row+m.heightAt(i) > 0
}

// placeAt scrolls so that line 0 of entry i sits at view row row (clamped
// into the view), as far as the content allows.
func (m *Model) placeAt(i, row int) {
	if i < 0 || i >= len(m.items) {
		return
	}
	m.follow = false
	row = min(max(row, 0), max(m.contentHeight()-1, 0))
	m.top = anchor{i, 0}
	m.scrollBy(-row)
	m.follow = false
}

// placeLine scrolls so line `line` of entry i is visible: left alone if it
// already is, else put a third of the way down the view.
func (m *Model) placeLine(i, line int) {
	if row, ok := m.rowOf(i); ok {
		if r := row + line; r >= 0 && r < m.contentHeight() {
			return
		}
	}
	m.follow = false
	m.top = anchor{i, line}
	m.scrollBy(-m.contentHeight() / 3)
	m.follow = false
}

// reveal scrolls entry i into view: all of it when it fits, else its
// first line at the top. An entry already wholly visible stays put.
func (m *Model) reveal(i int) {
	// The separator line under the entry need not be shown.
	rows, h := m.contentHeight(), max(m.heightAt(i)-1, 1)
	row, ok := m.rowOf(i)
	if ok && row >= 0 && row+h <= rows {
		return
	}
	m.follow = false
	if !ok || row < 0 || h >= rows {
		m.top = anchor{i, 0}
		return
	}
	// Below the view's bottom edge: scroll just enough to show its end.
	m.scrollBy(row + h - rows)
	m.follow = false
}

// resizeAnchor picks what must stay put across a resize: the focused entry
// when the reader moved focus and it is in view (it keeps its view row),
// else the top entry (a partly scrolled-off one keeps the same fraction
// hidden).
func (m *Model) resizeAnchor() (idx, row int, frac float64, ok bool) {
	if len(m.items) == 0 || m.h == 0 {
		return 0, 0, 0, false
	}
	if i, found := m.lookup(m.focusKey); found && m.focusKey != "" {
		if r, vis := m.rowOf(i); vis && r >= 0 {
			return i, r, 0, true
		}
	}
	m.clampTop()
	if n := len(m.items[m.top.idx].rendered()); m.top.off > 0 && n > 0 {
		frac = float64(m.top.off) / float64(n)
	}
	return m.top.idx, 0, frac, true
}

// restoreAnchor applies what resizeAnchor picked, at the new size.
func (m *Model) restoreAnchor(idx, row int, frac float64) {
	if frac > 0 {
		m.top = anchor{idx, int(frac * float64(m.heightAt(idx)))}
		return
	}
	m.placeAt(idx, row)
}

// lastVisible is the index of the last entry the current frame shows
// (assuming the anchor is valid), or -1.
func (m *Model) lastVisible() int {
	if len(m.items) == 0 {
		return -1
	}
	rows := m.contentHeight() + m.top.off
	i := m.top.idx
	for ; i < len(m.items); i++ {
		d := m.items[i].rendered()
		if d == nil {
			return i
		}
		rows -= len(d)
		if rows <= 0 {
			return i
		}
	}
	return len(m.items) - 1
}

// heightIndex is a Fenwick tree over entry heights (measured or estimated):
// prefix sums in O(log n), for the scroll percentage.
type heightIndex struct {
	h     []int
	tree  []int
	total int
}

func (x *heightIndex) reset(hs []int) {
	x.h = hs
	x.tree = make([]int, len(hs)+1)
	x.total = 0
	for i, v := range hs {
		x.total += v
		j := i + 1
		x.tree[j] += v
		if p := j + j&-j; p < len(x.tree) {
			x.tree[p] += x.tree[j]
		}
	}
}

func (x *heightIndex) set(i, v int) {
	if i < 0 || i >= len(x.h) {
		return
	}
	d := v - x.h[i]
	if d == 0 {
		return
	}
	x.h[i] = v
	x.total += d
	for j := i + 1; j < len(x.tree); j += j & -j {
		x.tree[j] += d
	}
}

func (x *heightIndex) append(v int) {
	if len(x.tree) == 0 {
		x.tree = []int{0}
	}
	n := len(x.h) + 1
	x.h = append(x.h, v)
	// tree[n] covers (n - lowbit(n), n].
	x.tree = append(x.tree, v+x.prefix(n-1)-x.prefix(n-(n&-n)))
	x.total += v
}

// prefix is the sum of the first i heights.
func (x *heightIndex) prefix(i int) int {
	s := 0
	for i = min(i, len(x.h)); i > 0; i -= i & -i {
		s += x.tree[i]
	}
	return s
}

// ScrollPage moves the view a page up (dir < 0) or down, as the reader's
// page keys do, even while another pane has the keyboard.
func (m *Model) ScrollPage(dir int) {
	if len(m.items) == 0 || dir == 0 {
		return
	}
	m.unpin()
	page := max(m.contentHeight(), 1)
	if dir < 0 {
		page = -page
	}
	m.scrollBy(page)
	m.sync()
}

// ScrollToBottom shows the newest entries and follows new content again,
// as after sending a message.
func (m *Model) ScrollToBottom() {
	if len(m.items) == 0 {
		return
	}
	m.scrollBottom()
	m.sync()
}
