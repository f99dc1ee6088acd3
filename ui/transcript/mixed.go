package transcript

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

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
		if bs, ok := plainBlocks(strings.Join(lines[i:j], "\n")); ok {
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

// mixedPart renders a reply of plain paragraphs and other markdown with
// the plain paragraphs done the fast way (see mixedUnits), byte for byte
// as glamourPart does; ok is false where it cannot.
func (r *Renderer) mixedPart(st *theme.Styles, width int, src string) (lines []string, widths []int, ok bool) {
	protected, swapped := protectTokens(src)
	units, ok := mixedUnits(protected)
	if !ok {
		return nil, nil, false
	}
	r.mu.Lock()
	p, ok := r.plainStyle(st, width)
	r.mu.Unlock()
	if !ok {
		return nil, nil, false
	}
	restore := func(s string) string {
		if swapped {
			return restoreTokens(s)
		}
		return s
	}
	sent := p.open + sentinel
	if p.open != "" {
		sent += ansi.ResetStyle
	}
	for i, u := range units {
		if u.plain {
			blocks, ok := plainBlocks(u.text)
			if !ok || !p.takes(blocks) {
				return nil, nil, false
			}
			ls, ws, cut := splitCut(restore(p.render(blocks, width)), width)
			if cut {
				return nil, nil, false
			}
			lines, widths = append(lines, ls...), append(widths, ws...)
			continue
		}
		// The sentinels stand for the plain paragraphs before and after.
		before, after := i > 0, i < len(units)-1
		doc := u.text
		if before {
			doc = sentinel + "\n\n" + doc
		}
		if after {
			doc += "\n\n" + sentinel
		}
		r.mu.Lock()
		out, ok := r.render(st, width, plainFences(doc))
		r.mu.Unlock()
		if !ok {
			return nil, nil, false
		}
		ls, ws := splitRendered(restore(out), width)
		if before {
			if len(ls) == 0 || ls[0] != sent {
				return nil, nil, false
			}
			ls, ws = ls[1:], ws[1:]
		}
		if after {
			if len(ls) == 0 || ls[len(ls)-1] != sent {
				return nil, nil, false
			}
			ls, ws = ls[:len(ls)-1], ws[:len(ws)-1]
		}
		lines, widths = append(lines, ls...), append(widths, ws...)
	}
	r.mu.Lock()
	r.renders++
	r.mu.Unlock()
	return lines, widths, true
}
