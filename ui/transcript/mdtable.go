package transcript

import "strings"

// Agent replies put products in markdown tables. glamour squeezes a table
// into the pane by shrinking every column alike, which splits prices and
// ratings across lines at common widths, and it recomputes the widths on
// every streamed batch, so the table jumps. Tables are therefore cut out of
// the markdown and laid out here (tablelayout.go); the rest goes to glamour.

// mdTable is one parsed GFM table.
type mdTable struct {
	key    string // the header row as written: names the table for the layout memo
	header []string
	align  []cellAlign
	rows   [][]string
}

type cellAlign int

const (
	alignLeft cellAlign = iota
	alignRight
	alignCenter
)

// mdPart is a run of markdown for glamour, or a table.
type mdPart struct {
	text  string
	table *mdTable
}

// splitTables cuts the tables out of src. With partial (the text of a
// reply still streaming), the last line may be unfinished: a table shows
// only its complete rows, and a trailing line that may yet become a table
// header is held back rather than flashed as a paragraph of pipes.
func splitTables(src string, partial bool) []mdPart {
	if !strings.Contains(src, "|") {
		return []mdPart{{text: src}}
	}
	lines := strings.Split(src, "\n")
	complete := len(lines)
	if partial && !strings.HasSuffix(src, "\n") {
		complete-- // the last line is still being written
	}
	var parts []mdPart
	var text []string
	flush := func() {
		if len(text) > 0 {
			parts = append(parts, mdPart{text: strings.Join(text, "\n")})
			text = nil
		}
	}
	var fence fenceState
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if fence.open || isFenceLine(l) {
			fence.feed(l)
			text = append(text, l)
			continue
		}
		if !maybeRow(l) {
			text = append(text, l)
			continue
		}
		if i+1 < complete && isDelimiterRow(lines[i+1]) {
			head := splitRow(l)
			align := parseAlign(lines[i+1])
			if len(align) == len(head) {
				t := &mdTable{key: strings.TrimSpace(l), header: head, align: align}
				j := i + 2
				for ; j < complete && maybeRow(lines[j]); j++ {
					t.rows = append(t.rows, fitRow(splitRow(lines[j]), len(head)))
				}
				if j < len(lines) && j >= complete && maybeRow(lines[j]) {
					j++ // an unfinished row: shown once complete
				}
				if partial && len(t.rows) == 0 && strings.TrimSpace(strings.Join(lines[j:], "")) == "" {
					break // no row yet: columns sized by the header alone would move
				}
				flush()
				parts = append(parts, mdPart{table: t})
				i = j - 1
				continue
			}
		}
		if partial && heldBack(i, complete) {
			break
		}
		text = append(text, l)
	}
	flush()
	return parts
}

// heldBack reports whether line i (a row-like line with no delimiter row
// under it yet) and what follows could still become a table: it is the last
// complete line, or the unfinished one.
func heldBack(i, complete int) bool { return i >= complete-1 }

// maybeRow reports whether l can be a table row: pipes, and indented less
// than a code block.
func maybeRow(l string) bool {
	t := strings.TrimLeft(l, " ")
	return len(l)-len(t) < 4 && strings.Contains(t, "|") && strings.TrimSpace(t) != ""
}

// isDelimiterRow reports whether l is a table's delimiter row (|---|:--:|).
func isDelimiterRow(l string) bool {
	t := strings.TrimSpace(l)
	if !strings.Contains(t, "-") || !strings.ContainsAny(t, "|") && !strings.HasPrefix(t, "-") {
		return false
	}
	for _, c := range splitRow(l) {
		c = strings.TrimSpace(c)
		c = strings.TrimPrefix(strings.TrimSuffix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
}

func parseAlign(l string) []cellAlign {
	cells := splitRow(l)
	out := make([]cellAlign, len(cells))
	for i, c := range cells {
		c = strings.TrimSpace(c)
		left, right := strings.HasPrefix(c, ":"), strings.HasSuffix(c, ":")
		switch {
		case left && right:
			out[i] = alignCenter
		case right:
			out[i] = alignRight
		}
	}
	return out
}

// splitRow splits a row at its unescaped pipes outside code spans, dropping
// the optional outer pipes; cells are trimmed and "\|" becomes "|".
func splitRow(l string) []string {
	t := strings.TrimSpace(l)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, "\\|") {
		t = t[:len(t)-1]
	}
	var cells []string
	var cur strings.Builder
	code := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '\\' && i+1 < len(t) && t[i+1] == '|':
			cur.WriteByte('|')
			i++
		case c == '`':
			code = !code
			cur.WriteByte(c)
		case c == '|' && !code:
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

// fitRow pads or cuts a row to n cells, as GFM does.
func fitRow(cells []string, n int) []string {
	for len(cells) < n {
		cells = append(cells, "")
	}
	return cells[:n]
}

// renderMarkdown renders src (already sanitised): tables here, the rest
// with glamour, blocks separated by a blank line as glamour separates them.
// partial marks the text of a reply still streaming.
func renderMarkdown(c renderCtx, src string, partial bool) ([]string, []int) {
	parts := splitTables(src, partial)
	if len(parts) == 1 && parts[0].table == nil {
		return c.r.markdown(c.st, c.width, parts[0].text)
	}
	var lines []string
	var widths []int
	for _, p := range parts {
		var ls []string
		var ws []int
		switch {
		case p.table != nil:
			ls, ws = renderTable(p.table, c, partial)
		case strings.TrimSpace(p.text) != "":
			ls, ws = c.r.markdown(c.st, c.width, p.text)
		}
		lines, widths = appendBlock(lines, widths, ls, ws)
	}
	return lines, widths
}
