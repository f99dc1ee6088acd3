package demo

import (
	"strings"
	"testing"

	"aui-tui/api"
)

// exchange is one turn of a conversation and what its reply must do.
type exchange struct {
	say string
	// has and lacks are phrases the reply text must and must not contain.
	has, lacks []string
	// pick is the SKU of the recommended card ("" for no check); all
	// checks every card.
	pick string
	all  func(product) bool
	// chip is a phrase one of the suggestions must contain.
	chip string
	// ascending, when set, is a figure the cards must be listed in
	// ascending order of.
	ascending func(product) float64
}

// cardSKUs maps the reply's cards back to catalog products by their link.
func cardSKUs(t *testing.T, opts []api.ProductOption) (skus []string, pick string) {
	t.Helper()
	for _, o := range opts {
		for _, p := range o.WidgetParameters {
			if p.Title != "Link" {
				continue
			}
			link := p.Value.String()
			if i := strings.IndexByte(link, '?'); i >= 0 {
				link = link[:i]
			}
			sku := strings.ToUpper(link[strings.LastIndexByte(link, '/')+1:])
			skus = append(skus, sku)
			if o.IsRecommended {
				pick = sku
			}
		}
	}
	return skus, pick
}

func TestAgentConversations(t *testing.T) {
	price := func(p product) float64 { return float64(p.Price) }
	minCap := func(c float64) func(product) bool { return func(p product) bool { return p.Capacity >= c } }
	cat := func(key string) func(product) bool { return func(p product) bool { return p.Cat.Key == key } }
	convs := map[string][]exchange{
		"washer for a family": {
			{say: "I need a washing machine for a family of 5, under $800", has: []string{"household of 5", "9 kg"},
				all: func(p product) bool { return p.Cat.Key == "washer" && p.Capacity >= 9 && p.Price <= 80000 }},
			{say: "which one is the quietest?", has: []string{"quietest", "48 dB"}, lacks: []string{"couldn't find", "relaxed"}, pick: "NV-WM9"},
			{say: "does the Nordvik WM9 come in graphite?", has: []string{"graphite"}, pick: "NV-WM9"},
			{say: "what is the warranty on it?", has: []string{"Nordvik WM9", "5-year"}, lacks: []string{"not sure"}, pick: "NV-WM9", chip: "delivery"},
			{say: "ok add the graphite one to my cart", has: []string{"Nordvik WM9", "in Graphite", "?color=graphite"}},
			{say: "how long is delivery to Berlin?", has: []string{"to Berlin", "3–5 working days", "washing machines"}, lacks: []string{"not sure"}},
			{say: "asdf qwer zxcv", has: []string{"not sure", "washing machines"}, chip: "Nordvik WM9"},
		},
		"dishwasher follow-ups": {
			{say: "Show me dishwashers", all: cat("dishwasher")},
			{say: "which is the quietest?", has: []string{"Nordvik DW14", "42 dB"}, pick: "NV-DW14", lacks: []string{"relaxed"}},
			{say: "the second one", has: []string{"Kestrel Integra 60", "44 dB"}, pick: "KS-INT60"},
			{say: "is it in stock?", has: []string{"Kestrel Integra 60", "6 ready to ship"}, pick: "KS-INT60"},
			{say: "and the returns policy?", has: []string{"30 days", "collect"}},
			{say: "what's the cheapest?", has: []string{"Brightwell Table 6", "most affordable"}, pick: "BW-TAB6", lacks: []string{"relaxed"}},
			{say: "add the first one to my cart", has: []string{"Brightwell Table 6"}},
		},
		"superlatives among fridges": {
			{say: "fridges", all: cat("fridge")},
			{say: "which one is the biggest?", has: []string{"biggest", "Nordvik FD560"}, pick: "NV-FD560"},
			{say: "and the best rated?", has: []string{"best rated"}, pick: "MV-RETRO250"},
			{say: "what about the last one?", all: cat("fridge")},
			{say: "how loud is it?", has: []string{" dB"}, lacks: []string{"not sure"}},
		},
		"household sizes": {
			{say: "Dishwasher for a family of four", has: []string{"household of 4", "10 place settings"}, all: minCap(10)},
			{say: "we are 2, a fridge please", has: []string{"household of 2"}, all: func(p product) bool { return p.Cat.Key == "fridge" && p.Capacity >= 250 }},
			{say: "just me, I need a washing machine", has: []string{"household of 1"}, all: cat("washer")},
		},
		"compare verdicts": {
			{say: "compare the Kestrel CM23 with the Miravo Inverter 28", has: []string{"Verdict:** the **Miravo Inverter 28", "saves you $60.00"}, pick: "MV-INV28"},
			{say: "compare the Nordvik WM9 and the Kestrel TopLoad 11", has: []string{"Verdict:** the **Nordvik WM9"}, pick: "NV-WM9"},
		},
		"context across questions": {
			{say: "I need a built-in microwave, 20 l or more", all: func(p product) bool { return p.hasTag("built-in") && p.Capacity >= 20 }},
			{say: "What microwaves can I get under $400?", all: func(p product) bool { return p.hasTag("built-in") && p.Capacity >= 20 && p.Price <= 40000 }},
			{say: "what's the warranty on the Halden HB20?", has: []string{"Halden HB20", "2-year"}, pick: "HD-HB20"},
			{say: "do you deliver?", has: []string{"2–4 working days", "microwaves"}},
			{say: "cheapest robot vacuum?", has: []string{"I have **one robot vacuum cleaner"}, lacks: []string{"cheapest first"}},
		},
		"service without a product": {
			{say: "what warranty do your appliances have?", has: []string{"1 to 5 years"}},
			{say: "do you ship to Paris?", has: []string{"to Paris", "1–5 working days"}},
			{say: "what's the warranty on fridges?", has: []string{"Nordvik FD560 — 5 years", "Brightwell Cube 90 — 1 year\n"}, chip: "fridges"},
		},
		"coffee, from greeting to cart": {
			{say: "hi", has: []string{"What are you looking for"}},
			{say: "something for lattes under 600", all: func(p product) bool { return p.hasTag("milk") && p.Price <= 60000 }},
			{say: "which is the cheapest?", has: []string{"Miravo Duetto", "$249.01 less"}, pick: "MV-DUETTO"},
			{say: "tell me about the second one", has: []string{"Aurelia Barista Pro"}, pick: "AU-BARISTA"},
			{say: "can I return it if I don't like it?", has: []string{"30 days"}, lacks: []string{"collect"}},
			{say: "what about the most expensive one?", has: []string{"Aurelia Barista", "PID temperature control"}, pick: "AU-BARISTA"},
			{say: "ok I'll take it", has: []string{"Aurelia Barista Pro Espresso Machine"}},
		},
		"stock and sold out": {
			{say: "retro fridge", pick: "MV-RETRO250"},
			{say: "is it in stock?", has: []string{"sold out"}},
			{say: "tell me about the Vantor OTR-30", pick: "VT-OTR30"},
			{say: "is it available now?", has: []string{"sold out"}},
			{say: "and the Aurelia Integra 32?", has: []string{"Aurelia Integra 32"}, pick: "AU-INT32"},
			{say: "is it available in black glass?", has: []string{"black glass"}, lacks: []string{"stock", "sold out"}},
			{say: "which one is better?", has: []string{"Verdict:"}},
		},
		"ties are named as ties": {
			{say: "compare the Nordvik FD560 and the Miravo Retro 250", pick: "MV-RETRO250"},
			{say: "which one is the quietest?", has: []string{"The **Miravo Retro 250** and the **Nordvik FD560** are the quietest of these, both at **38 dB**"},
				lacks: []string{"is the quietest"}, pick: "MV-RETRO250"},
			{say: "compare the Kestrel BF340 and the Aurelia Integra 300"},
			{say: "which is the best rated?", has: []string{"are the best rated of these, both at **4.5★**", "more reviews (1,320)"}, pick: "KS-BF340"},
			{say: "show me fridges"},
			{say: "which one is the quietest?", has: []string{"The **Aurelia Integra 300** is the quietest of these, at **35 dB**"}, pick: "AU-INT300"},
		},
		"words order the search": {
			{say: "show me cheap fridges", has: []string{"cheapest first"}, lacks: []string{"cheaper options?"}, pick: "BW-CUBE90", ascending: price},
			{say: "budget vacuums", has: []string{"cheapest first", "rated 3.9★"}, pick: "HD-PMAX", ascending: price},
			{say: "affordable dishwashers", pick: "BW-TAB6", ascending: price},
			{say: "any inexpensive coffee machines?", pick: "HD-BREW12", ascending: price},
			{say: "quiet fridges", has: []string{"quietest first"}, lacks: []string{"relaxed"}, pick: "AU-INT300",
				ascending: func(p product) float64 { n, _ := noiseDB(p); return float64(n) }},
			{say: "big washing machines", has: []string{"biggest first"}, pick: "KS-TOP11", ascending: func(p product) float64 { return -p.Capacity }},
			{say: "small dishwashers", has: []string{"smallest first"}, lacks: []string{"compact compact"}, pick: "BW-TAB6",
				ascending: func(p product) float64 { return p.Capacity }},
			{say: "top rated ovens", has: []string{"highest rated first"}, pick: "AU-STEAM60", ascending: func(p product) float64 { return -p.Rating }},
			{say: "the best microwaves", has: []string{"all round"}, pick: "NV-BM25X"},
		},
	}
	n := 0
	for name, conv := range convs {
		t.Run(name, func(t *testing.T) {
			var st convState
			for i, ex := range conv {
				r := respond(&st, ex.say, "")
				checkReply(t, ex.say, r)
				skus, pick := cardSKUs(t, r.Options)
				for _, h := range ex.has {
					if !strings.Contains(r.Text, h) {
						t.Errorf("turn %d %q: reply lacks %q:\n%s", i+1, ex.say, h, r.Text)
					}
				}
				for _, h := range ex.lacks {
					if strings.Contains(r.Text, h) {
						t.Errorf("turn %d %q: reply has %q:\n%s", i+1, ex.say, h, r.Text)
					}
				}
				if ex.pick != "" && pick != ex.pick {
					t.Errorf("turn %d %q: recommended %q, want %q", i+1, ex.say, pick, ex.pick)
				}
				if ex.all != nil {
					if len(skus) == 0 {
						t.Errorf("turn %d %q: no cards:\n%s", i+1, ex.say, r.Text)
					}
					for _, s := range skus {
						if p, _ := productBySKU(s); !ex.all(p) {
							t.Errorf("turn %d %q: card %s does not fit", i+1, ex.say, s)
						}
					}
				}
				if ex.ascending != nil {
					for j := 1; j < len(skus); j++ {
						a, _ := productBySKU(skus[j-1])
						b, _ := productBySKU(skus[j])
						if ex.ascending(a) > ex.ascending(b) {
							t.Errorf("turn %d %q: %s listed before %s", i+1, ex.say, a.SKU, b.SKU)
						}
					}
				}
				if ex.chip != "" && !strings.Contains(strings.Join(r.Suggestions, "\n"), ex.chip) {
					t.Errorf("turn %d %q: no suggestion about %q in %q", i+1, ex.say, ex.chip, r.Suggestions)
				}
			}
		})
		n += len(conv)
	}
	if n < 30 {
		t.Errorf("only %d exchanges", n)
	}
}

func TestVerdictNeverContradictsTheTable(t *testing.T) {
	for _, a := range catalog {
		for _, b := range catalog {
			if a.SKU >= b.SKU || a.Cat.Key != b.Cat.Key {
				continue
			}
			w := verdictWinner([]product{a, b})
			other := a
			if w.SKU == a.SKU {
				other = b
			}
			if beats(other, w) {
				t.Errorf("%s over %s, though %s rates %v★/%s against %v★/%s", w.SKU, other.SKU, other.SKU,
					other.Rating, other.Energy, w.Rating, w.Energy)
			}
		}
	}
}
