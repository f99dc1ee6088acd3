package transcript

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/theme"
)

// TestVariantsWrapBetweenVariants: a narrow pane wraps the variants line
// only between variants, so "$418.08 · 32 L · Stainless steel" is never
// split into "· 32" and "L · Stainless steel".
func TestVariantsWrapBetweenVariants(t *testing.T) {
	v := func(vals ...string) api.Card {
		c := api.Card{}
		for _, s := range vals {
			c.Parameters = append(c.Parameters, api.Parameter{Title: "x", Value: api.StringValue(s)})
		}
		return c
	}
	vars := []api.Card{v("$358.08", "25 L", "Stainless steel"), v("$358.08", "25 L", "Black"), v("$418.08", "32 L", "Stainless steel")}
	items := variantItems(vars)
	for _, width := range []int{30, 45, 60, 80, 200} {
		lines, widths := variantLines(vars, "", renderCtx{st: theme.New(true, false), width: width})
		for i, l := range lines {
			if widths[i] != ansi.StringWidth(l) {
				t.Errorf("at %d line %d is %d cells wide, said to be %d: %q", width, i, ansi.StringWidth(l), widths[i], l)
			}
		}
		text := ""
		for _, l := range lines {
			plain := ansi.Strip(l)
			if w := ansi.StringWidth(plain); w > width {
				t.Fatalf("width %d: line is %d wide: %q", width, w, plain)
			}
			text += plain + "\n"
		}
		for _, it := range items {
			if width < 10+ansi.StringWidth(it) {
				continue // too narrow for the item at all: cut with …, checked above
			}
			if !strings.Contains(text, it) {
				t.Errorf("width %d: variant %q was split or lost:\n%s", width, it, text)
			}
		}
		if !strings.HasPrefix(text, "Variants: ") {
			t.Errorf("width %d: no label:\n%s", width, text)
		}
	}
}

// TestVariantsFillTheirLine: two variants that fit the width exactly,
// separator included (3 cells, 5 bytes), share one line.
func TestVariantsFillTheirLine(t *testing.T) {
	vars := []api.Card{
		{Parameters: []api.Parameter{{Title: "Color", Value: api.StringValue("White")}}},
		{Parameters: []api.Parameter{{Title: "Color", Value: api.StringValue("Black")}}},
	}
	items := variantItems(vars)
	width := len("Variants: ") + ansi.StringWidth(items[0]) + len(" | ") + ansi.StringWidth(items[1])
	lines, _ := variantLines(vars, "", renderCtx{st: theme.New(true, false), width: width})
	if len(lines) != 1 {
		t.Fatalf("at width %d the variants took %d lines:\n%s", width, len(lines), ansi.Strip(strings.Join(lines, "\n")))
	}
	if got := ansi.StringWidth(lines[0]); got != width {
		t.Errorf("the line is %d cells, want %d", got, width)
	}
}

// TestLongCardValuesTakeTwoLines: a long value continues on a second line
// instead of being cut at once; a link takes one line, shortened, and is a
// hyperlink to the whole URL.
func TestLongCardValuesTakeTwoLines(t *testing.T) {
	link := "https://shop.example.com/microwaves/nordvik-bm25x"
	card := api.Card{Name: "Nordvik BM25X", Parameters: []api.Parameter{
		{Title: "Link", Value: api.StringValue(link)},
		{Title: "Features", Value: api.StringValue("Grill, 10 power levels, Auto-defrost, Child lock, Eco mode")},
	}}
	c := renderCtx{st: theme.New(true, false), width: 80}
	lines, widths := cardLines(card, 30, 30, c, c.cardPaint())
	var plain []string
	for i, l := range lines {
		plain = append(plain, ansi.Strip(l))
		if widths[i] != ansi.StringWidth(l) {
			t.Errorf("line %d is %d cells wide, said to be %d: %q", i, ansi.StringWidth(l), widths[i], l)
		}
	}
	text := strings.Join(plain, "\n")
	if !strings.Contains(text, "Link      shop.example.com/mi…") || !strings.Contains(lines[1], "\x1b]8;;"+link+"\x1b\\") {
		t.Fatalf("link is not one line linked to the whole URL:\n%q", lines)
	}
	if len(plain) != 4 { // name, link, features x2
		t.Fatalf("want 4 lines (values capped at two lines each), got %d:\n%s", len(plain), text)
	}
	for _, l := range plain {
		if ansi.StringWidth(l) > 30 {
			t.Fatalf("line wider than the card: %q", l)
		}
	}
}

// TestVariantsShowWhatSetsThemApart: two variants that differ only in
// colour are told apart by colour, not by their shared price and capacity.
func TestVariantsShowWhatSetsThemApart(t *testing.T) {
	mk := func(color string) api.Card {
		return api.Card{Parameters: []api.Parameter{
			{Title: "Price", Value: api.StringValue("$749.00")},
			{Title: "Was", Value: api.StringValue("$899.00")},
			{Title: "Capacity", Value: api.StringValue("71 L")},
			{Title: "Color", Value: api.StringValue(color)},
		}}
	}
	got := variantItems([]api.Card{mk("Stainless steel"), mk("Black glass")})
	if len(got) != 2 || got[0] != "Stainless steel" || got[1] != "Black glass" {
		t.Fatalf("variants = %q", got)
	}
}

// TestVariantsFollowTheirProduct: variants are shown under the card of the
// product they belong to, named after it, not after whichever card came
// last; variants of a product without a card are named from their own
// names.
func TestVariantsFollowTheirProduct(t *testing.T) {
	opt := func(name, price string) api.ProductOption {
		return api.ProductOption{WidgetParameters: []api.Parameter{
			{Title: "Product name", Value: api.StringValue(name)},
			{Title: "Price", Value: api.StringValue(price)},
		}}
	}
	e := agentEntry("v", "Two microwaves:", testStart)
	e.Msg.Options = []api.ProductOption{opt("Nordvik BM25X", "$358.08"), opt("Halden HB20", "$289.00")}
	e.Msg.VariantsOptions = []api.ProductOption{opt("Nordvik BM25X — Stainless steel", "$358.08"), opt("Nordvik BM25X — Black", "$368.08")}
	for _, w := range []int{56, 160} {
		p := ansi.Strip(newModel(t, w, 40, true, []Entry{e}).View())
		vi, hi := strings.Index(p, "Variants of Nordvik BM25X:"), strings.Index(p, "Halden HB20")
		if vi < 0 {
			t.Fatalf("width %d: variants not named after their product:\n%s", w, p)
		}
		if w < 80 && vi > hi {
			t.Fatalf("width %d: the variants come after the next product's card:\n%s", w, p)
		}
	}
	e.Msg.Options = e.Msg.Options[1:] // the Nordvik card is not shown
	p := ansi.Strip(newModel(t, 56, 40, true, []Entry{e}).View())
	if !strings.Contains(p, "Variants of Nordvik BM25X:") {
		t.Fatalf("variants of a product without a card are not named:\n%s", p)
	}
}

// TestLongCardNameUsesTheRoomThereIs: a card alone on its row may widen
// for its name instead of cutting it next to empty columns.
func TestLongCardNameUsesTheRoomThereIs(t *testing.T) {
	name := "Kestrel Integra 60 Fully Integrated Dishwasher"
	e := agentEntry("k", "One:", testStart)
	e.Msg.Options = []api.ProductOption{{WidgetParameters: []api.Parameter{
		{Title: "Product name", Value: api.StringValue(name)}, {Title: "Price", Value: api.StringValue("$599.00")}}},
		{WidgetParameters: []api.Parameter{{Title: "Product name", Value: api.StringValue("Halden Slim 45")}}}}
	p := ansi.Strip(newModel(t, 56, 40, true, []Entry{e}).View())
	if !strings.Contains(p, name) {
		t.Fatalf("the name is cut with room to spare:\n%s", p)
	}
}
