package transcript

import "strings"

// Bounds on the markdown handed to glamour. Its cost is far from linear in
// the input: each level of quote or list nesting re-renders everything
// inside it, so a 105-byte message of 100 nested quotes takes minutes, and
// each fenced code block or list item costs milliseconds. A message is
// rendered on the event loop, so what one costs is how long the program
// stops answering keys. The estimates below are measured glamour costs at
// 120 columns on a slow machine, in microseconds, kept pessimistic; the
// budget keeps any message, whatever it holds, well under 50 ms.
const (
	// maxDepth is the deepest quote/list nesting formatted as markdown;
	// real replies stay under four.
	maxDepth = 8
	// maxLineBytes is the longest source line formatted as markdown.
	maxLineBytes = 4 << 10
	// mdBudget is the estimated glamour cost one message may spend.
	mdBudget = 20_000
	// plainMax and shownLines bound how much of a message is shown at
	// all: wrapping is cheap but not free, and nobody reads a megabyte in
	// a chat pane. The whole text stays in the message (copy, export and
	// the raw view have it).
	plainMax   = 64 << 10
	shownLines = 2000
	// maxParts bounds the switches between markdown and plain text: each
	// part is rendered on its own, with its own note.
	maxParts = 16

	costLine      = 40    // any line
	costPerByte   = 2     // inline parsing and wrapping, per source byte
	costBlock     = 150   // any block (paragraph, list, table…)
	costNest      = 150   // per line, times its nesting depth squared
	costCodeBlock = 5_000 // per fenced code block (highlighter set-up)
)

// Notes shown under a part that is not formatted as markdown.
const (
	noteDeep     = "(shown as plain text: nested too deeply to format)"
	noteLong     = "(shown as plain text: too long to format)"
	noteShortcut = "(the rest of this message is too long to show here: y copies it, E exports it)"
)

// part is a stretch of a message and how to show it.
type part struct {
	text  string
	plain bool
	note  string
}

// boundMarkdown splits src into parts: markdown within the bounds, then
// plain text for blocks nested too deeply or with too long lines, and for
// everything after the cost budget is spent. Blocks are split at blank lines
// outside code fences, so an ordinary reply stays one markdown part,
// rendered exactly as before.
func boundMarkdown(src string) []part {
	var parts []part
	shown := src
	cut := false
	if n := shownLen(shown); n < len(shown) {
		shown, cut = shown[:n], true
	}
	spent, pos := 0, 0
	add := func(n int, plain bool, note string) {
		// Parts are contiguous stretches of shown: extend the last one
		// when it is of the same kind.
		if k := len(parts); k > 0 && parts[k-1].plain == plain && parts[k-1].note == note {
			parts[k-1].text = shown[pos-len(parts[k-1].text) : pos+n]
		} else {
			parts = append(parts, part{text: shown[pos : pos+n], plain: plain, note: note})
		}
		pos += n
	}
	for pos < len(shown) {
		if len(parts) >= maxParts-1 {
			add(len(shown)-pos, true, noteLong)
			break
		}
		blk, _ := nextBlock(shown[pos:])
		cost, deep, long := blockCost(blk)
		switch {
		case deep:
			add(len(blk), true, noteDeep)
		case long:
			add(len(blk), true, noteLong)
		case spent+cost > mdBudget:
			// The budget is spent: the rest is plain text.
			add(len(shown)-pos, true, noteLong)
		default:
			spent += cost
			add(len(blk), false, "")
		}
	}
	if cut {
		parts = append(parts, part{plain: true, note: noteShortcut})
	}
	return parts
}

// shownLen is how much of s is shown: at most plainMax bytes and
// shownLines lines, not splitting a rune.
func shownLen(s string) int {
	n := min(len(s), plainMax)
	lines := 0
	for i := 0; i < n; i++ {
		if s[i] == '\n' {
			if lines++; lines == shownLines {
				n = i + 1
				break
			}
		}
	}
	for n > 0 && n < len(s) && s[n]&0xc0 == 0x80 {
		n--
	}
	return n
}

// nextBlock returns the first block of s (its lines up to and including the
// blank lines after them, a fenced code block kept whole) and the rest.
func nextBlock(s string) (blk, rest string) {
	fence := ""
	seenText := false
	i := 0
	for i < len(s) {
		end := strings.IndexByte(s[i:], '\n')
		next := len(s)
		if end >= 0 {
			next = i + end + 1
		}
		line := s[i:next]
		trim := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trim, fence) && strings.Trim(trim, fence[:1]) == "" {
				fence = ""
			}
		case trim == "":
			if seenText {
				// Swallow the run of blank lines, then stop.
				j := next
				for j < len(s) {
					e := strings.IndexByte(s[j:], '\n')
					if e < 0 || strings.TrimSpace(s[j:j+e]) != "" {
						break
					}
					j += e + 1
				}
				return s[:j], s[j:]
			}
		default:
			seenText = true
			if f := fenceOpen(trim); f != "" {
				fence = f
			}
		}
		i = next
	}
	return s, ""
}

// fenceOpen returns the fence a line opens ("```" or "~~~", at its length),
// or "".
func fenceOpen(trim string) string {
	if len(trim) < 3 || (trim[0] != '`' && trim[0] != '~') {
		return ""
	}
	n := 0
	for n < len(trim) && trim[n] == trim[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return trim[:n]
}

// blockCost estimates what glamour spends on blk, and reports whether it is
// nested deeper than maxDepth or has a line longer than maxLineBytes.
func blockCost(blk string) (cost int, deep, long bool) {
	cost = costBlock
	inFence := false
	// A line without markers may continue the quote or list above it, so
	// it is charged at the deepest nesting seen so far in the block.
	depth := 0
	for line := range strings.Lines(blk) {
		cost += costLine + costPerByte*len(line)
		if len(line) > maxLineBytes {
			long = true
		}
		trim := strings.TrimSpace(line)
		if fenceOpen(trim) != "" {
			if !inFence {
				cost += costCodeBlock
			}
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		depth = max(depth, nesting(line))
		if depth > maxDepth {
			deep = true
		}
		cost += costNest * depth * depth
	}
	return cost, deep, long
}

// nesting returns how deeply line is nested in quotes and lists, counting
// its markers and its indentation (a nested list is indented two or more
// columns per level).
func nesting(line string) (depth int) {
	col, i := 0, 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	depth = col / 2
	for i < len(line) {
		n := marker(line[i:])
		if n == 0 {
			break
		}
		depth++
		i += n
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	return depth
}

// marker returns the length of the quote or list marker at the start of s
// ("> ", "- ", "* ", "+ ", "12. ", "3) "), or 0.
func marker(s string) int {
	if s == "" {
		return 0
	}
	if s[0] == '>' {
		return 1
	}
	spaceAfter := func(j int) bool {
		return j == len(s) || s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'
	}
	if (s[0] == '-' || s[0] == '*' || s[0] == '+') && spaceAfter(1) {
		return 1
	}
	j := 0
	for j < len(s) && j < 9 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j > 0 && j < len(s) && (s[j] == '.' || s[j] == ')') && spaceAfter(j+1) {
		return j + 1
	}
	return 0
}
