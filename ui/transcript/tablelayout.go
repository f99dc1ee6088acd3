package transcript

import (
	"strings"

	"aui-tui/internal/cells"
)

// Table geometry: columns are joined by colSep; a wrapped text column is
// never made narrower than wrapFloor cells (or its longest word), since a
// column of two-word lines reads worse than the list form.
const (
	colSep    = " │ "
	ruleSep   = "─┼─"
	wrapFloor = 10
	// maxCellLines is how many lines the longest cell of a text column
	// may wrap to before the table becomes a list.
	maxCellLines = 3
	listBullet   = "• "
	fieldSep     = " · "
)

// tableLayout is the chosen shape of a table: column widths, or the list
// of records when the columns cannot fit.
type tableLayout struct {
	widths []int
	list   bool
}

// tableMemo keeps each table's layout for one content width, so a table
// that streams in keeps its column widths as rows arrive, and the final
// render matches what was streamed.
type tableMemo struct {
	width   int
	layouts map[string]tableLayout
}

// forWidth returns the memo for content width w, emptied if it held
// layouts for another width.
func (tm *tableMemo) forWidth(w int) *tableMemo {
	if tm.layouts == nil || tm.width != w {
		tm.width, tm.layouts = w, map[string]tableLayout{}
	}
	return tm
}

// tableCells is a table with every cell parsed.
type tableCells struct {
	t      *mdTable
	header []cell
	rows   [][]cell
	nat    []int // widest cell of each column on one line
	min    []int // narrowest each column may be
	// words is each column's longest word: what a kept layout must fit
	// (it may wrap a short cell between words, but never split a word).
	words []int
}

func parseTable(t *mdTable) tableCells {
	n := len(t.header)
	tc := tableCells{t: t, nat: make([]int, n), min: make([]int, n), words: make([]int, n)}
	tc.header = make([]cell, len(t.header))
	for i, h := range t.header {
		tc.header[i] = parseCell(h)
		// A header wraps between words but is never cut to "…".
		tc.nat[i], tc.min[i] = tc.header[i].nat, 0
		for _, w := range tc.header[i].words {
			tc.min[i] = max(tc.min[i], w.w)
		}
	}
	for _, r := range t.rows {
		row := make([]cell, len(r))
		for i, s := range r {
			row[i] = parseCell(s)
			tc.nat[i] = max(tc.nat[i], row[i].nat)
			tc.min[i] = max(tc.min[i], row[i].min)
			for _, w := range row[i].words {
				tc.words[i] = max(tc.words[i], w.w)
			}
		}
		tc.rows = append(tc.rows, row)
	}
	for i := range tc.min {
		// A text column wraps its longest cell onto at most maxCellLines
		// lines (two cells of slack for word breaks): a product name over
		// four lines reads worse than the list form.
		floor := max(wrapFloor, (tc.nat[i]+maxCellLines-1)/maxCellLines+2)
		tc.min[i] = max(tc.min[i], min(tc.nat[i], floor))
		tc.words[i] = max(tc.words[i], tc.header[i].min)
	}
	return tc
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func chrome(n int) int { return len([]rune(colSep)) * max(n-1, 0) }

// streamHeadroom is the spare room given to a column of short cells when a
// table is laid out before all its rows have arrived: the next price may
// be a digit or two longer, and widening the column would move the others.
const streamHeadroom = 3

// layout chooses column widths for avail cells: every column at its
// natural width when that fits; else the widest columns give way first
// (the long text ones, which wrap) down to their minimum; else the list
// form. A previous layout (prev) is kept while every word still fits in
// it, and only widened where a new row's word does not. partial says more
// rows may come.
func (tc tableCells) layout(avail int, prev *tableLayout, partial bool) tableLayout {
	n := len(tc.nat)
	if prev != nil && !prev.list && len(prev.widths) == n {
		ws := append([]int(nil), prev.widths...)
		for i := range ws {
			ws[i] = max(ws[i], tc.words[i])
		}
		// Room for a widened column comes from the widest columns that can
		// still wrap (short cells too, between their words, if need be).
		shrink(ws, tc.min, sum(ws)+chrome(n)-avail)
		shrink(ws, tc.words, sum(ws)+chrome(n)-avail)
		if sum(ws)+chrome(n) <= avail {
			return tableLayout{widths: ws}
		}
	}
	if n == 0 || sum(tc.min)+chrome(n) > avail {
		return tableLayout{list: true}
	}
	ws := append([]int(nil), tc.nat...)
	if !shrink(ws, tc.min, sum(ws)+chrome(n)-avail) {
		return tableLayout{list: true}
	}
	if partial {
		// Spare room, if any, goes to the columns of short cells first.
		spare := avail - sum(ws) - chrome(n)
		for i := range ws {
			if add := min(streamHeadroom, spare); tc.min[i] == tc.nat[i] && add > 0 {
				ws[i] += add
				spare -= add
			}
		}
	}
	return tableLayout{widths: ws}
}

// shrink takes excess cells from ws, one at a time from the widest column
// still above its floor; false when the floors leave too little.
func shrink(ws, floor []int, excess int) bool {
	for ; excess > 0; excess-- {
		widest := -1
		for i := range ws {
			if ws[i] > floor[i] && (widest < 0 || ws[i] > ws[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return false
		}
		ws[widest]--
	}
	return true
}

// renderTable lays out and draws a table at the context's width, using and
// updating the item's layout memo when there is one.
func renderTable(t *mdTable, c renderCtx, partial bool) ([]string, []int) {
	tc := parseTable(t)
	var prev *tableLayout
	if c.tables != nil {
		if l, ok := c.tables.layouts[t.key]; ok {
			prev = &l
		}
	}
	var l tableLayout
	if prev != nil && prev.list {
		l = *prev // a table shown as a list stays one while it streams
	} else {
		l = tc.layout(c.width, prev, partial)
	}
	if c.tables != nil && len(t.rows) > 0 {
		// Widths chosen from the header alone would be too narrow for
		// the rows: the layout is kept once a row has arrived.
		c.tables.layouts[t.key] = l
	}
	cs := cellStyles{text: c.st.Card.Value, head: c.st.Card.Title, rule: c.st.Card.Key}
	if l.list {
		return tc.records(c.width, cs)
	}
	return tc.grid(l.widths, cs)
}

// grid draws the table as columns: the header, a rule, and each row with
// its cells wrapped to the column widths and aligned as the table says.
func (tc tableCells) grid(ws []int, cs cellStyles) ([]string, []int) {
	var b lineBuf
	sep := cs.rule.Render(colSep)
	row := func(rc []cell, head bool) {
		wrapped := make([][][]word, len(rc))
		height := 1
		for i, c := range rc {
			wrapped[i] = wrapWords(c.words, ws[i])
			height = max(height, len(wrapped[i]))
		}
		for ln := range height {
			var sb strings.Builder
			for i := range rc {
				if i > 0 {
					sb.WriteString(sep)
				}
				var s string
				var w int
				if ln < len(wrapped[i]) {
					s, w = renderWords(wrapped[i][ln], ws[i], cs, head)
				}
				left, right := alignPad(tc.t.align[i], ws[i]-w)
				if head {
					left, right = 0, ws[i]-w
				}
				sb.WriteString(cells.Pad(left) + s + cells.Pad(right))
			}
			b.add(trimRight(sb.String()))
		}
	}
	row(tc.header, true)
	rule := make([]string, len(ws))
	for i, w := range ws {
		rule[i] = strings.Repeat("─", w)
	}
	b.add(cs.rule.Render(strings.Join(rule, ruleSep)))
	for _, r := range tc.rows {
		row(r, false)
	}
	return b.lines, b.widths
}

func alignPad(a cellAlign, room int) (left, right int) {
	room = max(room, 0)
	switch a {
	case alignRight:
		return room, 0
	case alignCenter:
		return room / 2, room - room/2
	}
	return 0, room
}

// records draws the table as a list, one record per row: "• Product:
// Kestrel CM23 · Price: $119.99 · …", wrapping between fields (and within
// a field only when it is wider than a line). A column without a header
// shows its value alone, in bold, as the record's name.
func (tc tableCells) records(width int, cs cellStyles) ([]string, []int) {
	var b lineBuf
	indent, bullet := len([]rune(listBullet)), cs.rule.Render(listBullet)
	if width < 2*indent {
		indent, bullet = 0, "" // no room for the bullet
	}
	inner := max(width-indent, 1)
	for _, r := range tc.rows {
		var fields [][]word
		for i, c := range r {
			if len(c.words) == 0 {
				continue
			}
			var f []word
			if len(tc.header[i].words) == 0 {
				for _, w := range c.words {
					f = append(f, boldWord(w))
				}
			} else {
				hs := tc.header[i].words
				for j, w := range hs {
					if j == len(hs)-1 {
						w = withColon(w)
					}
					f = append(f, keyWord(w))
				}
				f = append(f, c.words...)
			}
			fields = append(fields, f)
		}
		lines := packFields(fields, inner)
		for j, ln := range lines {
			lead := cells.Pad(indent)
			if j == 0 {
				lead = bullet
			}
			s, _ := renderWords(ln, inner, cs, false)
			b.add(lead + s)
		}
	}
	return b.lines, b.widths
}

// fieldMark separates fields inside a packed line.
var fieldMark = word{ps: []piece{{s: strings.TrimSpace(fieldSep), f: fKey}}, w: 1}

// packFields fills lines with whole fields joined by " · ", starting a new
// line for a field that does not fit the rest of the current one and
// word-wrapping a field only when it is wider than a whole line.
func packFields(fields [][]word, width int) [][]word {
	var lines [][]word
	var cur []word
	curW := 0
	for _, f := range fields {
		fw := wordsWidth(f)
		if len(cur) > 0 && curW+3+fw > width {
			lines = append(lines, cur)
			cur, curW = nil, 0
		}
		if len(cur) > 0 {
			cur = append(cur, fieldMark)
			curW += 3 // " · "
		}
		if curW+fw <= width {
			cur = append(cur, f...)
			curW += fw
			continue
		}
		// Wider than a whole line (cur is empty here): wrap it by words,
		// the next field going on after its last line.
		wrapped := wrapWords(f, width)
		lines = append(lines, wrapped[:len(wrapped)-1]...)
		cur = wrapped[len(wrapped)-1]
		curW = wordsWidth(cur)
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// keyWord is w drawn as a field name.
func keyWord(w word) word {
	out := word{w: w.w}
	for _, p := range w.ps {
		out.ps = append(out.ps, piece{p.s, fKey})
	}
	return out
}

// boldWord is w in bold: a record's name.
func boldWord(w word) word {
	out := word{w: w.w}
	for _, p := range w.ps {
		out.ps = append(out.ps, piece{p.s, p.f | fBold})
	}
	return out
}

// withColon is w followed by ":", the end of a field name.
func withColon(w word) word {
	return word{ps: append(append([]piece(nil), w.ps...), piece{s: ":", f: fKey}), w: w.w + 1}
}

// wordsWidth is the width of words joined by single spaces.
func wordsWidth(ws []word) int {
	n := max(len(ws)-1, 0)
	for _, w := range ws {
		n += w.w
	}
	return n
}
