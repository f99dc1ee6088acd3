package transcript

import (
	"slices"
	"strings"

	"aui-tui/theme"

	glamouransi "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// plainStyle is how a theme's markdown style writes plain blocks at one
// width: the escape sequences opening a run of text, of bold and of struck
// text ("" when unstyled; a styled run ends with a reset), and a list
// item's bullet.
type plainStyle struct {
	open, strong, strike string
	// item is what starts a list item (the bullet, styled); lists is
	// false where lists must go through glamour.
	item  string
	lists bool
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

// plainPart renders plain prose without glamour, byte for byte as
// glamourPart does; ok is false for anything else.
func (r *Renderer) plainPart(st *theme.Styles, width int, src string) (lines []string, widths []int, ok bool) {
	protected, swapped := protectTokens(src)
	blocks, ok := plainBlocks(protected)
	if !ok {
		return nil, nil, false
	}
	r.mu.Lock()
	p, ok := r.plainStyle(st, width)
	r.mu.Unlock()
	if !ok || !p.takes(blocks) {
		return nil, nil, false
	}
	out := p.render(blocks, width)
	if swapped {
		out = restoreTokens(out)
	}
	// A line wider than the wrap width (ansi.Wrap lets one overflow after
	// two spaces, or with a wide character in a very narrow pane) is
	// wrapped again by glamour's document block: leave such text to it.
	lines, widths, cut := splitCut(out, width)
	if cut {
		return nil, nil, false
	}
	r.mu.Lock()
	r.renders++
	r.mu.Unlock()
	return lines, widths, true
}

// plainStyle is the pooled renderer's plainStyle at st and width, found
// the first time from glamour itself and then checked against it on a
// probe paragraph; ok is false when it cannot be used. r.mu is held.
func (r *Renderer) plainStyle(st *theme.Styles, width int) (plainStyle, bool) {
	if width < 2 {
		return plainStyle{}, false
	}
	p := r.getPooled(st, width)
	if p == nil {
		return plainStyle{}, false
	}
	if !p.plainChecked {
		p.plainChecked = true
		p.plain, p.plainOK = plainStyleFor(st.Markdown, func(src string) (string, bool) {
			return r.render(st, width, src)
		})
		same := func(src string) bool {
			blocks, _ := plainBlocks(src)
			want, ok := r.render(st, width, src)
			gl, gw := splitRendered(want, width)
			fl, fw := splitRendered(p.plain.render(blocks, width), width)
			return ok && slices.Equal(fl, gl) && slices.Equal(fw, gw)
		}
		p.plainOK = p.plainOK && same(plainProbe)
		p.plain.lists = p.plain.lists && same(listProbe)
	}
	return p.plain, p.plainOK
}
