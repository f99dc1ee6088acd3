package transcript

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestTablesGolden renders the demo agent's tables in the pane at 60, 80
// and 120 columns.
func TestTablesGolden(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		for _, tb := range agentTables {
			t.Run(fmt.Sprintf("%s_%d", tb.name, w), func(t *testing.T) {
				m := newModel(t, w, 40, true, []Entry{agentEntry("a", tb.text, testStart.Add(time.Minute))})
				m = press(m, "g")
				checkFrame(t, m, w, 40)
				golden.RequireEqual(t, ansi.Strip(m.View()))
			})
		}
	}
}

// shortToken matches what must never be split across lines: prices,
// counts with thousands separators, ratings and energy classes.
var shortToken = regexp.MustCompile(`\$[\d,]+\.\d\d|\d{1,3}(,\d{3})+|★ \d(\.\d)?|\bA\+*`)

// TestTablesKeepShortTokensWhole checks every price, count, rating and
// energy class of the demo's tables appears whole on one row, at every
// width down to the 54-column pane of an 80x24 terminal.
func TestTablesKeepShortTokensWhole(t *testing.T) {
	for _, w := range []int{40, 54, 60, 80, 82, 120} {
		for _, tb := range agentTables {
			m := newModel(t, w, 400, true, []Entry{agentEntry("a", tb.text, testStart)})
			view := strings.Join(plainLines(m.View()), "\n")
			for _, tok := range shortToken.FindAllString(tb.text, -1) {
				if !strings.Contains(view, tok) {
					t.Errorf("%s at %d columns: %q is split or missing:\n%s", tb.name, w, tok, view)
				}
			}
			for _, h := range []string{"…"} {
				if strings.Contains(view, h) {
					t.Errorf("%s at %d columns: something was cut to %q:\n%s", tb.name, w, h, view)
				}
			}
		}
	}
}

// ruleLines are the table rules (the lines under table headers) of item i.
func ruleLines(m *Model, i int) []string {
	var out []string
	for _, l := range m.ensure(i).body {
		if p := ansi.Strip(l); strings.Contains(p, "┼") {
			out = append(out, strings.TrimSuffix(p, " "+typingGlyph))
		}
	}
	return out
}

// TestStreamingTableKeepsItsWidths streams each demo table a few bytes at
// a time: once a table's columns are drawn they move at most once (when a
// later row holds a word wider than its column), and the final message
// keeps them.
func TestStreamingTableKeepsItsWidths(t *testing.T) {
	for _, w := range []int{60, 80, 120} {
		for _, tb := range agentTables {
			m := newModel(t, w, 24, true, nil)
			var seen []string
			moves := 0
			for n := 5; n < len(tb.text)+5; n += 5 {
				m.SetStreamText("s", tb.text[:min(n, len(tb.text))])
				rules := ruleLines(&m, 0)
				if seen == nil {
					seen = rules
				}
				if len(rules) > 0 && !slices.Equal(rules, seen) {
					moves++
				}
				if moves > 1 {
					t.Fatalf("%s at %d: columns moved at byte %d:\n%q\nwas\n%q", tb.name, w, n, rules, seen)
				}
				if len(rules) > 0 {
					seen = rules
				}
			}
			final := agentEntry("final", tb.text, testStart)
			m.ReplaceKey("s", final)
			if got := ruleLines(&m, 0); !slices.Equal(got, seen) {
				t.Errorf("%s at %d: the final message moved the columns:\n%q\nstreamed\n%q", tb.name, w, got, seen)
			}
			m.SetSize(w-1, 24)
			m.SetSize(w, 24)
			fresh := newModel(t, w, 24, true, []Entry{final})
			if got, want := ruleLines(&m, 0), ruleLines(&fresh, 0); len(want) > 0 && !slices.Equal(got, want) {
				t.Errorf("%s at %d: after a resize the table is not laid out afresh:\n%q\nwant\n%q", tb.name, w, got, want)
			}
		}
	}
}

// TestPartialTableShowsCompleteRowsOnly: an unfinished row or a header
// without its delimiter row is held back, never flashed as raw pipes.
func TestPartialTableShowsCompleteRowsOnly(t *testing.T) {
	src := "Here:\n\n| Product | Price |\n|---|---:|\n| Kestrel CM23 | $119.99 |\n| Nordvik BM25X | $35"
	for _, cut := range []int{strings.Index(src, "| Product") + 4, strings.Index(src, "|---") + 3, len(src)} {
		m := newModel(t, 60, 24, true, nil)
		m.SetStreamText("s", src[:cut])
		view := strings.Join(plainLines(m.View()), "\n")
		if strings.Contains(view, "| Pro") || strings.Contains(view, "|--") || strings.Contains(view, "$35") {
			t.Errorf("cut at %d shows raw or unfinished table text:\n%s", cut, view)
		}
	}
	m := newModel(t, 60, 24, true, nil)
	m.SetStreamText("s", src)
	if view := strings.Join(plainLines(m.View()), "\n"); !strings.Contains(view, "Kestrel CM23") || !strings.Contains(view, "$119.99") {
		t.Errorf("the complete row is not shown:\n%s", view)
	}
}

// TestNarrowTextColumnBecomesAList: at the pane width of a 120x40 window
// (80 cells), the ovens table would squeeze product names onto four lines
// or more; it is shown as a list of records instead, while the best sellers
// still fit as a table.
func TestNarrowTextColumnBecomesAList(t *testing.T) {
	for _, tc := range []struct {
		name string
		list bool
	}{{"ovens", true}, {"bestsellers", false}} {
		var text string
		for _, tb := range agentTables {
			if tb.name == tc.name {
				text = tb.text
			}
		}
		m := newModel(t, 82, 60, true, []Entry{agentEntry("a", text, testStart)})
		view := strings.Join(plainLines(m.View()), "\n")
		if got := strings.Contains(view, "• Product:"); got != tc.list {
			t.Errorf("%s at 80 cells: list form %v, want %v:\n%s", tc.name, got, tc.list, view)
		}
	}
}
