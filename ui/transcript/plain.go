package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Most of glamour's time on a reply goes to its writers passing every byte
// through an escape-sequence parser several times, to pad lines that are
// trimmed again afterwards, and to parsing markdown that is mostly prose.
// For paragraphs of prose, bold and struck-through text and for bullet
// lists of one-line items glamour does only this: each line is cut into
// runs as goldmark cuts it into text nodes (see runs), each run is written
// in its style (a line break as a space at the end of its run), a list's
// items follow their bullet, the block is wrapped with lipgloss.Wrap at
// the wrap width, and blocks are one blank line apart. This file says which
// text is that simple; plainrender.go writes it the same way directly, with
// lipgloss.Wrap itself, so the lines are byte for byte glamour's once
// trimmed, and mixed.go does the same for the plain blocks of a reply with
// other markdown.

// plainBlock is a paragraph, or a bullet list of one line per item (the
// lines without their "- ").
type plainBlock struct {
	lines []string
	list  bool
}

// plainBlocks splits src into blocks of lines if it is plain prose
// that glamour would only wrap, and says whether it is: paragraphs and
// tight "-" lists whose items are one line each (a list may interrupt a
// paragraph). The test is conservative:
// anything markdown could read as syntax, anything glamour would unescape
// or turn into a link, and any whitespace other than spaces and newlines
// sends the text through glamour. Lines keep their trailing spaces: they
// decide where goldmark cuts its runs.
func plainBlocks(src string) ([]plainBlock, bool) {
	var blocks []plainBlock
	var cur []string
	end := func() bool {
		if cur == nil {
			return true
		}
		bs, ok := plainBlockOf(cur)
		// Two lists one blank line apart are one loose list.
		if !ok || bs[0].list && len(blocks) > 0 && blocks[len(blocks)-1].list {
			return false
		}
		blocks, cur = append(blocks, bs...), nil
		return true
	}
	for line := range strings.SplitSeq(src, "\n") {
		if line == "" {
			if !end() {
				return nil, false
			}
			continue
		}
		if strings.TrimRight(line, " ") == "" {
			return nil, false
		}
		cur = append(cur, line)
	}
	if !end() {
		return nil, false
	}
	return blocks, len(blocks) > 0
}

// plainBlockOf reads the lines of one block: a paragraph, a list if every
// line is an item, or a paragraph and then a list that interrupts it.
func plainBlockOf(lines []string) ([]plainBlock, bool) {
	first := len(lines) // the first item of the list at the end
	for first > 0 {
		item, ok := strings.CutPrefix(lines[first-1], "- ")
		if !ok || item == "" || item[0] == ' ' || strings.TrimRight(item, " ") == "" {
			break
		}
		first--
	}
	var out []plainBlock
	if first > 0 {
		out = append(out, plainBlock{lines: lines[:first]})
	}
	if first < len(lines) {
		items := make([]string, 0, len(lines)-first)
		for _, l := range lines[first:] {
			items = append(items, l[len("- "):])
		}
		out = append(out, plainBlock{lines: items, list: true})
	}
	for _, b := range out {
		for _, l := range b.lines {
			if !plainLine(l) {
				return nil, false
			}
		}
	}
	return out, true
}

// plainLine says whether one line, not blank, is plain prose.
func plainLine(line string) bool {
	if _, ok := spanDelims(line); !ok {
		return false
	}
	// What can start a block: indented code, lists, headings, quotes,
	// thematic breaks, setext underlines, definitions, HTML, fences. A
	// line may begin with bold ("**Note** …"): spanDelims checked it.
	switch c := line[0]; {
	case c == ' ', c == '-', c == '+', c == '=', c == ':':
		return false
	case c >= '0' && c <= '9':
		i := 0
		for i < len(line) && line[i] >= '0' && line[i] <= '9' {
			i++
		}
		if i < len(line) && (line[i] == '.' || line[i] == ')') {
			return false
		}
	}
	if strings.Contains(strings.ToLower(line), "www.") {
		return false // linkify
	}
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			switch {
			case c < 0x20, c == 0x7f:
				return false
			case strings.IndexByte("_`[]#>|<\\@{}", c) >= 0:
				return false
			case c == '&' && i+1 < len(line) && line[i+1] != ' ':
				return false // an entity, unescaped by glamour
			case c == ':' && i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '*':
				return false // schemes (http://, mailto:) and the like
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(line[i:])
		// Format characters (the bidi controls among them, which
		// textsafe.StyledOnly drops from glamour's output) are left to
		// glamour, but for the joiner that builds emoji.
		if r == utf8.RuneError || unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			return false
		}
		i += n
	}
	return true
}

// delim is a "**" (bold) or "~~" (struck through) at pos in a line.
type delim struct {
	pos  int
	kind byte
}

// spanDelims finds the "**" and "~~" that open and close bold and struck
// text in line, in order, and says whether line holds only such spans as
// markdown reads them without doubt: every '*' and '~' is in a pair on this
// line, an opening one at the start or after a space and before a letter
// or sign, a closing one of the same kind after one and before the end, a
// space or a closing sign (after a letter when a sign follows), spans one
// after another. Anything else (italics, "***", nesting, spans across
// lines) is left to glamour.
func spanDelims(line string) ([]delim, bool) {
	if strings.IndexAny(line, "*~") < 0 {
		return nil, true
	}
	var ds []delim
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '*' && c != '~' {
			continue
		}
		if i+1 >= len(line) || line[i+1] != c || i+2 < len(line) && line[i+2] == c {
			return nil, false
		}
		prev, next := byte(' '), byte(0)
		if i > 0 {
			prev = line[i-1]
		}
		if i+2 < len(line) {
			next = line[i+2]
		}
		if len(ds)%2 == 0 {
			if prev != ' ' || next == 0 || next == ' ' {
				return nil, false
			}
		} else {
			sign := next != 0 && strings.IndexByte(".,;:!?)", next) >= 0
			if ds[len(ds)-1].kind != c || prev == ' ' || next != 0 && next != ' ' && !sign ||
				sign && prev < utf8.RuneSelf && unicode.IsPunct(rune(prev)) {
				return nil, false
			}
		}
		ds = append(ds, delim{i, c})
		i++
	}
	return ds, len(ds)%2 == 0
}
