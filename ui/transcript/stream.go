package transcript

import "strings"

// stream caches the render of a streaming reply's finished prefix, so each
// update renders only the tail since the last safe boundary instead of the
// whole reply (which makes streaming quadratic). The final message renders
// once in full, fixing anything the split render got slightly different.
type stream struct {
	src          string // text the caches were built from
	done         int    // bytes of src rendered into doneL
	doneL, tailL []string
	doneW, tailW []int
	tailFor      string // source of tailL
	tailOK       bool
	width        int
	theme        string
}

// render returns the lines of text, reusing the finished prefix's render
// when text extends what was seen before at the same width and theme.
func (s *stream) render(text string, c renderCtx) ([]string, []int) {
	if s.width != c.width || s.theme != c.st.Name || s.done > len(text) || text[:s.done] != s.src[:s.done] {
		*s = stream{width: c.width, theme: c.st.Name}
	}
	s.src = text
	if b := lastBoundary(text, s.done); b > s.done {
		ls, ws := renderMarkdown(c, text[s.done:b], false)
		s.doneL, s.doneW = appendBlock(s.doneL, s.doneW, ls, ws)
		s.done = b
	}
	tail := text[s.done:]
	if !s.tailOK || tail != s.tailFor {
		s.tailL, s.tailW = nil, nil
		if strings.TrimSpace(tail) != "" {
			s.tailL, s.tailW = renderMarkdown(c, closeFence(tail), true)
		}
		s.tailFor, s.tailOK = tail, true
	}
	lines := make([]string, 0, len(s.doneL)+len(s.tailL)+1)
	widths := make([]int, 0, cap(lines))
	lines, widths = append(lines, s.doneL...), append(widths, s.doneW...)
	return appendBlock(lines, widths, s.tailL, s.tailW)
}

// appendBlock appends a rendered block, separated by a blank line as
// glamour separates blocks.
func appendBlock(lines []string, widths []int, ls []string, ws []int) ([]string, []int) {
	if len(ls) == 0 {
		return lines, widths
	}
	if len(lines) > 0 {
		lines, widths = append(lines, ""), append(widths, 0)
	}
	return append(lines, ls...), append(widths, ws...)
}

// lineKind classifies a markdown line for boundary detection.
type lineKind int

const (
	kindNone lineKind = iota
	kindPara
	kindList
	kindTable
	kindIndented
	kindFence
)

// lastBoundary returns the last position after from where the text before
// it can be rendered on its own: the start of a line that follows a blank
// line, outside a code fence, and neither continuing a list or table nor
// indented (a list item's continuation). from must itself be such a
// position (or 0). It returns from when there is none.
func lastBoundary(text string, from int) int {
	best := from
	var fence fenceState
	prevBlank, prevKind := false, kindNone
	for pos := from; pos < len(text); {
		line, next, complete := lineAt(text, pos)
		switch {
		case fence.open:
			fence.feed(line)
			prevKind, prevBlank = kindFence, false
		case strings.TrimSpace(line) == "":
			prevBlank = true
		default:
			kind := classify(line)
			// A line too short to classify may still become a list marker.
			known := complete || len(line) >= 4
			if prevBlank && pos > from && known && kind != kindIndented &&
				(kind != kindList || prevKind != kindList) && (kind != kindTable || prevKind != kindTable) {
				best = pos
			}
			fence.feed(line)
			if kind != kindIndented {
				prevKind = kind
			}
			prevBlank = false
		}
		pos = next
	}
	return best
}

// lineAt returns the line starting at pos, the start of the next one and
// whether the line is terminated.
func lineAt(text string, pos int) (string, int, bool) {
	if nl := strings.IndexByte(text[pos:], '\n'); nl >= 0 {
		return text[pos : pos+nl], pos + nl + 1, true
	}
	return text[pos:], len(text), false
}

func classify(line string) lineKind {
	if line[0] == ' ' || line[0] == '\t' {
		if len(line)-len(strings.TrimLeft(line, " ")) >= 4 || line[0] == '\t' {
			return kindIndented
		}
		line = strings.TrimLeft(line, " ")
		if line == "" {
			return kindNone
		}
		if !isListMarker(line) {
			return kindIndented
		}
	}
	switch {
	case isListMarker(line):
		return kindList
	case line[0] == '|':
		return kindTable
	case isFenceLine(line):
		return kindFence
	}
	return kindPara
}

func isListMarker(l string) bool {
	if len(l) >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t') {
		return true
	}
	i := 0
	for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(l) && (l[i] == '.' || l[i] == ')') && l[i+1] == ' '
}

func isFenceLine(l string) bool {
	l = strings.TrimLeft(l, " ")
	return strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~")
}

// fenceState tracks whether a fenced code block is open.
type fenceState struct {
	open bool
	char byte
	n    int
}

func (f *fenceState) feed(line string) {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return
	}
	switch {
	case !f.open:
		f.open, f.char, f.n = true, t[0], n
	case t[0] == f.char && n >= f.n && strings.TrimSpace(t[n:]) == "":
		f.open = false
	}
}

// closeFence closes a code fence left open at the end of a partial reply,
// so the code renders as code while it streams.
func closeFence(text string) string {
	var f fenceState
	for pos := 0; pos < len(text); {
		line, next, _ := lineAt(text, pos)
		f.feed(line)
		pos = next
	}
	if !f.open {
		return text
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return text + strings.Repeat(string(f.char), f.n)
}
