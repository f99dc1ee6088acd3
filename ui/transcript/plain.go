package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	glamouransi "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Most of glamour's time on a reply that is plain prose goes to parsing
// markdown there is none of and to its writers passing every byte through
// an escape-sequence parser several times to pad lines that are trimmed
// again afterwards. For such text glamour does only this: the text of each
// paragraph is cut into runs as goldmark cuts it (see runs), each run is
// written in the text style (a line break as a space at the end of its
// run), the runs are wrapped at spaces with lipgloss.Wrap at the wrap width,
// and paragraphs are one blank line apart. plainStyle does the same
// directly, with lipgloss.Wrap itself, so the lines are byte for byte
// glamour's once trimmed.

// plainStyle is how a theme's markdown style writes plain text at one
// width: the escape sequences opening a run of text and a run of bold
// ("" when unstyled); a styled run ends with a reset.
type plainStyle struct {
	open, strong, strike string
	// item is what starts a list item (the bullet, styled); lists is
	// false where lists must go through glamour.
	item  string
	lists bool
}

// plainBlock is a paragraph, or a bullet list of one line per item (the
// lines without their "- ").
type plainBlock struct {
	lines []string
	list  bool
}

// plainParagraphs splits src into blocks of lines if it is plain prose
// that glamour would only wrap, and says whether it is: paragraphs and
// tight "-" lists whose items are one line each (a list may interrupt a
// paragraph). The test is conservative:
// anything markdown could read as syntax, anything glamour would unescape
// or turn into a link, and any whitespace other than spaces and newlines
// sends the text through glamour. Lines keep their trailing spaces: they
// decide where goldmark cuts its runs.
func plainParagraphs(src string) ([]plainBlock, bool) {
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

// render is what glamour renders for blocks at width, before trimming.
// A list's items follow its bullet, one a line, and are wrapped as one
// block at spaces and at ',', '.', ';', '-', '+' and '|', as glamour wraps
// lists.
func (p plainStyle) render(blocks []plainBlock, width int) string {
	var out, blk strings.Builder
	for i, b := range blocks {
		if i > 0 {
			out.WriteString("\n\n")
		}
		blk.Reset()
		for j, l := range b.lines {
			if b.list {
				if j > 0 {
					blk.WriteByte('\n')
				}
				blk.WriteString(p.item)
			}
			for _, r := range runs(l, b.list || j == len(b.lines)-1) {
				p.write(&blk, r)
			}
		}
		breaks := ""
		if b.list {
			breaks = " ,.;-+|"
		}
		flow := lipgloss.Wrap(blk.String(), width, breaks)
		if p.open == "" && (p.strong != "" || p.strike != "" || strings.IndexByte(p.item, 0x1b) >= 0) {
			flow = padUnstyled(flow, width)
		}
		out.WriteString(flow)
	}
	return out.String()
}

// padUnstyled gives each line of flow narrower than width the space of
// padding glamour would put after it, where it matters: on a line with bold
// that ends in unstyled text, trimming the padding adds a reset.
func padUnstyled(flow string, width int) string {
	lines := strings.Split(flow, "\n")
	for i, l := range lines {
		if strings.IndexByte(l, 0x1b) >= 0 && ansi.StringWidth(l) < width {
			lines[i] += " "
		}
	}
	return strings.Join(lines, "\n")
}

// write writes one run in its style; glamour writes nothing for an empty
// one.
func (p plainStyle) write(sb *strings.Builder, r textRun) {
	if r.text == "" {
		return
	}
	open := p.open
	switch r.kind {
	case '*':
		open = p.strong
	case '~':
		open = p.strike
	}
	sb.WriteString(open)
	sb.WriteString(r.text)
	if open != "" {
		sb.WriteString(ansi.ResetStyle)
	}
}

// textRun is a text node of a paragraph: its text, and the delimiter of
// its span ('*' bold, '~' struck through, 0 neither).
type textRun struct {
	text string
	kind byte
}

// runs is how goldmark cuts one line of a plain paragraph into text nodes
// (glamour styles each node on its own, so the cut shows in the escape
// sequences). Each "**" and "~~" ends a node. After the last one (or from the
// start), goldmark looks for inline syntax at every space and at each '('
// and '!' (linkify and images) but at the first character: finding none,
// it joins what it passed into one node, and the rest of the line, from
// the last such place, is a last node whose trailing spaces are dropped.
// Two trailing spaces of a line mark a hard break and are left out of the
// scan; the paragraph's last line has no trailing spaces and no break. A
// break becomes a space at the end of the last node.
func runs(line string, last bool) []textRun {
	scanned := line
	switch {
	case last:
		scanned = strings.TrimRight(line, " ")
	case strings.HasSuffix(line, "  "):
		scanned = line[:len(line)-2]
	}
	ds, _ := spanDelims(scanned)
	var out []textRun
	start := 0
	for k, d := range ds {
		r := textRun{text: scanned[start:d.pos]}
		if k%2 == 1 {
			r.kind = d.kind
		}
		out = append(out, r)
		start = d.pos + 2
	}
	rest := scanned[start:]
	cut := 0
	for i := len(rest) - 1; i > 0; i-- {
		if c := rest[i]; c == ' ' || c == '(' || c == '!' {
			cut = i
			break
		}
	}
	b := strings.TrimRight(rest[cut:], " ")
	if !last {
		b += " "
	}
	return append(out, textRun{text: rest[:cut]}, textRun{text: b})
}

// plainStyleFor finds how md writes plain text, and whether the fast path
// may be used with it at all: only when nothing around a paragraph's text
// (margins, indents, prefixes, formats, case changes) would add to or
// change what is written. The text colour comes from rendering a probe, so
// it is glamour's own cascade of document, paragraph and text styles.
func plainStyleFor(md glamouransi.StyleConfig, probe func(string) (string, bool)) (plainStyle, bool) {
	for _, b := range []glamouransi.StyleBlock{md.Document, md.Paragraph} {
		if b.Indent != nil && *b.Indent != 0 || b.Margin != nil && *b.Margin != 0 || !plainPrimitive(b.StylePrimitive) {
			return plainStyle{}, false
		}
	}
	if !plainPrimitive(md.Text) || !plainPrimitive(md.Strong) || !plainPrimitive(md.Strikethrough) {
		return plainStyle{}, false
	}
	var p plainStyle
	for _, s := range []struct {
		src  string
		open *string
	}{{"a", &p.open}, {"**a**", &p.strong}, {"~~a~~", &p.strike}} {
		open, ok := probeOpen(probe, s.src)
		if !ok {
			return plainStyle{}, false
		}
		*s.open = open
	}
	// An item is its bullet, then its runs in the paragraph styles.
	item, ok1 := probeOpen(probe, "- a")
	bold, ok2 := probeOpen(probe, "- **a**")
	p.item, _ = strings.CutSuffix(item, p.open)
	bullet := md.Item
	bullet.BlockPrefix = "" // the bullet itself, found above
	p.lists = ok1 && ok2 && plainPrimitive(md.List.StylePrimitive) && plainPrimitive(bullet) &&
		strings.HasSuffix(item, p.open) && bold == p.item+p.strong
	return p, true
}

// probeOpen renders src, whose text is "a", and returns what comes before
// the "a" on the first line that is not blank, if that is only escape
// sequences and the bullet of a list.
func probeOpen(probe func(string) (string, bool), src string) (string, bool) {
	out, ok := probe(src)
	if !ok {
		return "", false
	}
	for line := range strings.SplitSeq(out, "\n") {
		if strings.Trim(ansi.Strip(line), " ") == "" {
			continue // blank lines before a block, padded
		}
		open, _, found := strings.Cut(line, "a")
		if t := ansi.Strip(open); !found || t != "" && t != "• " {
			return "", false
		}
		return open, true
	}
	return "", false
}

// plainPrimitive says whether a style writes nothing of its own and leaves
// the text's letters as they are.
func plainPrimitive(s glamouransi.StylePrimitive) bool {
	set := func(b *bool) bool { return b != nil && *b }
	return s.BlockPrefix == "" && s.BlockSuffix == "" && s.Prefix == "" && s.Suffix == "" &&
		s.Format == "" && !set(s.Upper) && !set(s.Lower) && !set(s.Title)
}

// plainProbe is plain prose that wraps at every width, with a wide
// character, a soft line break and two paragraphs: what the fast path is
// checked against glamour on before it is used at a width.
const plainProbe = "Probe words 漢字 that **wrap, at** 4.5 or A+ too;\nthe next line.  \nMore **bold** ~~$5.99~~ & less\n\n**A second** paragraph!"

// listProbe is a list between paragraphs, with bold, wrapping at the
// list's break points: what lists are checked against glamour on.
const listProbe = "Intro:\n\n- **Kestrel TopLoad 11 Top-Load Washer** — $649.99 · 11 kg · White\n- Nordvik WM9 — 9 kg, A+ rated (really) at 4.5 stars; fine-done\n\nAfter **that**."

// A reply mixing plain paragraphs with other markdown (a list between an
// introduction and a closing question, say) has its plain paragraphs
// rendered the fast way and only the rest by glamour. Top-level blocks are
// laid out one after another, so what a run of other blocks renders to
// does not depend on the plain paragraphs around it, only the blank lines
// between them do: glamour renders each run between two sentinel
// paragraphs standing in for its neighbours, and what it writes between
// them is taken whole, blank lines included. Text where a block can
// reach across a blank line or depend on another block (HTML, link
// definitions, definition lists) is not split; a fenced code block is one
// block, blank lines and all.

// sentinel stands in for a plain paragraph next to a run of other
// blocks: a private-use character no text of the run may hold.
const sentinel = "\uE010"

// mixedUnit is a run of blocks between blank lines: plain paragraphs, or
// other markdown as written.
type mixedUnit struct {
	text  string
	plain bool
}

// mixedUnits splits src (protected) into runs of plain paragraphs and runs
// of other blocks, and says whether src may be rendered that way: it must
// hold both kinds and nothing a split could change.
func mixedUnits(src string) ([]mixedUnit, bool) {
	if strings.ContainsAny(src, "<"+sentinel) || strings.Contains(src, "]:") || strings.HasPrefix(src, ":") || strings.Contains(src, "\n:") {
		return nil, false
	}
	// What glamour's output loses (invalid UTF-8, controls, format
	// characters) can change how a run of blocks wraps next to its
	// neighbours: such text is rendered whole.
	if !utf8.ValidString(src) || strings.ContainsFunc(src, func(r rune) bool {
		return r != '\n' && (r < 0x20 || r >= 0x7f && r <= 0x9f || unicode.Is(unicode.Cf, r) && r != '\u200d')
	}) {
		return nil, false
	}
	// The blocks, as line ranges, and what each is.
	type span struct {
		from, to int
		// kind is what the block starts with, last what it ends with.
		kind, last int
	}
	const (
		other = iota
		para
		list
	)
	lines := strings.Split(src, "\n")
	var spans []span
	for i := 0; i < len(lines); {
		if lines[i] == "" {
			i++
			continue
		}
		j := i
		for j < len(lines) && lines[j] != "" {
			j = fenceEnd(lines, j)
		}
		sp := span{i, j, other, other}
		if bs, ok := plainParagraphs(strings.Join(lines[i:j], "\n")); ok {
			sp.kind, sp.last = para, para
			if bs[0].list {
				sp.kind = list
			}
			if bs[len(bs)-1].list {
				sp.last = list
			}
		}
		spans = append(spans, sp)
		i = j
	}
	// A list is taken only between paragraphs: what follows a list after
	// a blank line may still belong to its last item, and two lists are
	// one.
	for changed := true; changed; {
		changed = false
		for k, sp := range spans {
			if sp.kind == other {
				continue
			}
			if sp.kind == list && k > 0 && spans[k-1].last != para ||
				sp.last == list && k+1 < len(spans) && spans[k+1].kind != para {
				spans[k].kind, spans[k].last, changed = other, other, true
			}
		}
	}
	var units []mixedUnit
	var unitStart int // the first line of the last unit
	plains, others := 0, 0
	for _, sp := range spans {
		plain := sp.kind != other
		if plain {
			plains++
		} else {
			others++
		}
		// A unit is its lines as written, blank lines between its blocks
		// included.
		if n := len(units); n > 0 && units[n-1].plain == plain {
			units[n-1].text = strings.Join(lines[unitStart:sp.to], "\n")
		} else {
			unitStart = sp.from
			units = append(units, mixedUnit{text: strings.Join(lines[sp.from:sp.to], "\n"), plain: plain})
		}
	}
	return units, plains > 0 && others > 0
}

// fenceEnd is the index of the line after lines[i], or after the fenced
// code block lines[i] opens, blank lines and all (to the end of the text
// when it is not closed).
func fenceEnd(lines []string, i int) int {
	t := strings.TrimLeft(lines[i], " ")
	if len(lines[i])-len(t) > 3 || !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") {
		return i + 1
	}
	fence := t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
	for j := i + 1; j < len(lines); j++ {
		c := strings.TrimLeft(lines[j], " ")
		if len(lines[j])-len(c) <= 3 && strings.HasPrefix(c, fence) && strings.TrimRight(strings.TrimLeft(c, fence[:1]), " ") == "" {
			return j + 1
		}
	}
	return len(lines)
}

// takes says whether p can render blocks: lists only where they were
// found to match glamour.
func (p plainStyle) takes(blocks []plainBlock) bool {
	for _, b := range blocks {
		if b.list && !p.lists {
			return false
		}
	}
	return true
}
