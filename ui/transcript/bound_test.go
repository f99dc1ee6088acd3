package transcript

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

// worstCases are the most expensive markdown inputs we could build, up to
// 1 MB: deep nesting of every kind, many code blocks, list items, tables,
// links, emphasis runs and long words.
func worstCases() map[string]string {
	indented := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	}
	return map[string]string{
		"quotes 100 deep":       strings.Repeat(">", 100) + " deep",
		"list 100 deep":         strings.Repeat("- ", 100) + "x",
		"list 400 deep":         strings.Repeat("- ", 400) + "x",
		"ordered 100 deep":      strings.Repeat("1. ", 100) + "x",
		"indented list 60 deep": indented(60),
		"8 deep, many lines":    strings.Repeat(strings.Repeat("- ", 8)+"x\n", 2000),
		"8 deep, lazy lines":    strings.Repeat("> ", 8) + "x\n" + strings.Repeat("more text\n", 5000),
		"code blocks":           strings.Repeat("```go\nfunc f() {}\n```\n", 2000),
		"list items":            strings.Repeat("- item\n", 20000),
		"table 20k rows":        "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", 20000),
		"wide table":            "|" + strings.Repeat("a|", 5000) + "\n|" + strings.Repeat("-|", 5000) + "\n",
		"links":                 strings.Repeat("[x](http://e.example/a) ", 40000),
		"emphasis":              strings.Repeat("*a **b _c ", 100000),
		"brackets":              strings.Repeat("[", 1<<20),
		"long word":             strings.Repeat("a", 1<<20),
		"paragraphs":            strings.Repeat("Some *text* and `code`.\n\n", 40000),
		"headings":              strings.Repeat("# head\n", 100000),
		"plain 1 MB":            strings.Repeat("word ", 200000),
		"html":                  strings.Repeat("<div><b>x</b></div>", 50000),
		"deep and shallow":      strings.Repeat(strings.Repeat("> ", 9)+"x\n\nshort\n\n", 30000),
		"code and deep":         strings.Repeat(strings.Repeat("> ", 9)+"x\n\n```\nc\n```\n\n", 30000),
	}
}

// TestDeepNestingIsPlain: 100 nested quotes took glamour minutes on the
// event loop; they are now shown as plain text with a note.
func TestDeepNestingIsPlain(t *testing.T) {
	st := theme.New(true, false)
	r := NewRenderer()
	for _, src := range []string{strings.Repeat(">", 100) + " deep", strings.Repeat("- ", 100) + "deep"} {
		ls, _ := r.markdown(st, 100, src)
		out := ansi.Strip(strings.Join(ls, "\n"))
		if !strings.Contains(out, "deep") || !strings.Contains(out, noteDeep) {
			t.Errorf("render of %.20q = %q, want its text as plain text and the note", src, out)
		}
		if r.renders != 0 {
			t.Errorf("glamour ran %d times on %.20q", r.renders, src)
		}
	}
}

// TestOrdinaryReplyIsOneMarkdownPart: the bounds change nothing for a
// normal reply.
func TestOrdinaryReplyIsOneMarkdownPart(t *testing.T) {
	src := "Here are three options:\n\n" +
		"1. **Bosch** — 25 l, *stainless*\n   - built-in\n   - $358\n2. Miele\n3. Samsung\n\n" +
		"> Tip: measure the niche first.\n\n| model | price |\n|---|---|\n| A | $1 |\n\n```\ncode\n```\n"
	parts := boundMarkdown(src)
	if len(parts) != 1 || parts[0].plain || parts[0].text != src {
		t.Fatalf("parts = %+v, want the whole reply as one markdown part", parts)
	}
}

// TestBoundsHoldForWorstCases checks, for each worst case, that what goes
// to glamour is within every bound and that nothing shown is dropped.
func TestBoundsHoldForWorstCases(t *testing.T) {
	for name, src := range worstCases() {
		t.Run(name, func(t *testing.T) { checkBounds(t, src) })
	}
}

func checkBounds(t *testing.T, src string) {
	t.Helper()
	parts := boundMarkdown(src)
	var got strings.Builder
	spent := 0
	for _, p := range parts {
		got.WriteString(p.text)
		if p.plain {
			continue
		}
		for line := range strings.Lines(p.text) {
			if len(line) > maxLineBytes {
				t.Fatalf("a %d-byte line goes to glamour", len(line))
			}
		}
		for rest := p.text; rest != ""; {
			var blk string
			blk, rest = nextBlock(rest)
			c, deep, _ := blockCost(blk)
			if deep {
				t.Fatalf("a block nested deeper than %d goes to glamour: %.40q", maxDepth, blk)
			}
			spent += c
		}
	}
	if spent > mdBudget {
		t.Fatalf("glamour gets work estimated at %d, over the budget of %d", spent, mdBudget)
	}
	want := src
	if n := shownLen(src); n < len(src) {
		want = src[:n]
		if last := parts[len(parts)-1]; last.note != noteShortcut {
			t.Fatalf("a %d-byte message is cut without saying so", len(src))
		}
	}
	if got.String() != want {
		t.Fatalf("the parts do not add up to the text shown (%d of %d bytes)", got.Len(), len(want))
	}
}

// TestBoundedRenderHasNoWideLines renders every worst case whole.
func TestBoundedRenderHasNoWideLines(t *testing.T) {
	if testing.Short() {
		t.Skip("renders a megabyte of markdown")
	}
	st := theme.New(true, false)
	r := NewRenderer()
	for name, src := range worstCases() {
		ls, ws := r.markdown(st, 120, src)
		for i, l := range ls {
			if w := ansi.StringWidth(l); w > 120 || w != ws[i] {
				t.Fatalf("%s: line %d is %d cells (recorded %d), window 120", name, i, w, ws[i])
			}
		}
	}
}

// FuzzBoundMarkdown: for any input, what reaches glamour is within bounds
// and the parts are the text, in order.
func FuzzBoundMarkdown(f *testing.F) {
	for _, src := range worstCases() {
		if len(src) < 4096 {
			f.Add(src)
		}
	}
	f.Add("a\n\n```\n> > > > > > > > > > x\n```\n\n- a\n  - b\n")
	f.Add("~~~~\ncode\n~~~\n~~~~\n")
	f.Fuzz(func(t *testing.T, src string) { checkBounds(t, src) })
}

// BenchmarkRenderWorst renders each worst case from scratch at 120 columns:
// the time the program is busy on a message. cpu-ms/op is the process's
// CPU time per render, which a loaded machine does not inflate as it does
// the wall time.
func BenchmarkRenderWorst(b *testing.B) {
	st := theme.New(true, false)
	for name, src := range worstCases() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			r := NewRenderer()
			r.markdown(st, 120, "warm up") // building the renderer is not the message's cost
			start := cpuTime()
			for b.Loop() {
				r.markdown(st, 120, src)
			}
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
