package transcript

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/theme"
)

// mixedCorpus is the demo's agent replies, plain and varied, and generated
// texts mixing plain paragraphs with every kind of block glamour renders:
// lists (loose, nested, ordered from any number), headings, quotes, rules,
// indented code, emphasis, code spans, links, and extra blank lines.
func mixedCorpus() []string {
	var out []string
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, ms := range [][]api.Message{demo.GenerateTranscript("t", "u", 200, start), demo.GenerateVariedTranscript("v", "u", 200, start)} {
		for _, m := range ms {
			if m.Sender.Type == api.ActorAgent {
				out = append(out, m.Text)
			}
		}
	}
	blocks := []string{
		"- one\n- two **bold**\n- three", "1. first\n2. second", "3) third\n4) fourth", "- a\n\n- loose b",
		"- outer\n  - inner\n  - inner 2", "# Heading", "## Sub heading\nwith a paragraph", "> quoted words\n> more",
		"---", "***", "    indented code\n\n    more code", "**My pick:** the **Nordvik** — 4.6★", "Some `code` here.",
		"A [link](https://example.com) and _emphasis_.", "Setext\n======", "Term with\n---", "~~struck~~ words",
		"| a | b |\n|---|---|\n| 1 | 2 |", "Line one  \nline two after a hard break", "* star item\n* another",
		"- [ ] task\n- [x] done", "+ plus item", "**Highlights**\n- Grill, 10 power levels\n- Child lock", "Intro line\nsecond line\n- item one\n- item **two**", "```\ncode line\n\nplain looking line\n```", "~~~~\nx\n~~~\n\nstill code\n~~~~",
		"```go\nfunc f() {}\n\nvar x = 1\n```", "Intro\n```\ncode\n\nmore\n```", "```\nnever closed\n\nplain looking", "Text with A+ and 1,899.00 and 4.5.",
	}
	rng := rand.New(rand.NewPCG(9, 13))
	plain := plainCorpus(40)
	for range 150 {
		var parts []string
		for range 2 + rng.IntN(5) {
			if rng.IntN(2) == 0 {
				parts = append(parts, strings.Trim(plain[rng.IntN(len(plain))], "\n"))
			} else {
				parts = append(parts, blocks[rng.IntN(len(blocks))])
			}
		}
		out = append(out, strings.Join(parts, strings.Repeat("\n", 2+rng.IntN(2))))
	}
	return out
}

// checkMixed compares mixedPart with glamour on src, when mixedPart takes
// src; it says whether it did.
func checkMixed(t *testing.T, r *Renderer, st *theme.Styles, width int, src string) bool {
	t.Helper()
	return checkPart(t, "the split render", r.mixedPart, r, st, width, src)
}

// checkPart compares a render that may decline (part) with glamour on
// src, when part takes src; it says whether it did.
func checkPart(t *testing.T, name string, part func(*theme.Styles, int, string) ([]string, []int, bool),
	r *Renderer, st *theme.Styles, width int, src string) bool {
	t.Helper()
	pl, pw, ok := part(st, width, src)
	if !ok {
		return false
	}
	gl, gw := r.glamourPart(st, width, src)
	if !slices.Equal(pl, gl) || !slices.Equal(pw, gw) {
		t.Errorf("%s at %d: %s differs from glamour on %q\n%s: %q %v\nglamour: %q %v", st.Name, width, name, src, name, pl, pw, gl, gw)
	}
	return true
}

// TestMixedRenderMatchesGlamour renders replies mixing plain paragraphs
// and other markdown both ways, at several widths and in every theme, and
// requires the same bytes and widths, with most of them split.
func TestMixedRenderMatchesGlamour(t *testing.T) {
	corpus := mixedCorpus()
	if testing.Short() {
		corpus = corpus[:100]
	}
	r := NewRenderer()
	for _, st := range plainThemes() {
		for _, w := range []int{23, 80} {
			taken := 0
			for _, src := range corpus {
				if checkMixed(t, r, st, w, src) {
					taken++
				}
			}
			if taken < len(corpus)/3 {
				t.Errorf("%s at %d: split %d of %d texts", st.Name, w, taken, len(corpus))
			}
		}
	}
}
