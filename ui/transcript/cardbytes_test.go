package transcript

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// cardSet is the products and variants of one message.
type cardSet struct{ prods, vars []api.Card }

// cardCorpus is every distinct card set of the demo's first 600 messages,
// the golden conversation's, and generated cards with what a server may
// send: long and wide names, CJK and emoji, links, long feature lists,
// empty values, sub_entities, recommended or not, one to five a message.
func cardCorpus() []cardSet {
	var out []cardSet
	seen := map[string]bool{}
	for _, m := range demo.GenerateTranscript("t", "u", 600, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)) {
		p, v := m.Products()
		if len(p)+len(v) == 0 {
			continue
		}
		key := fmt.Sprint(p, v)
		if !seen[key] {
			seen[key] = true
			out = append(out, cardSet{p, v})
		}
	}
	p, v := cardEntry().Msg.Products()
	out = append(out, cardSet{p, v})

	rng := rand.New(rand.NewPCG(3, 5))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	names := []string{"Nordvik BM25X", "Kestrel CM23 Countertop Microwave", "冷蔵庫 スリム 300", "Café ☕ Crème 3000 😀",
		"An extremely long product name that will not fit on any card at all, whatever the width", "", "X",
		"Samsung MS23K3513AS — Black", "👩‍👩‍👧 Family Fridge", "Ærø Øvn"}
	values := []string{"$358.08", "23 l", "★ 4.6 (1,284)", "A++", "White, Black, Red, Stainless steel, Graphite, Pastel blue",
		"https://shop.example.com/p/nordvik-bm25x?color=black", "www.example.com/x", "", "日本語の説明文がとても長い場合です",
		"Digital timer, 6 auto menus, Turntable, Child lock, Eco mode, Quick start", "supercalifragilisticexpialidocious",
		"0", "true", "—"}
	keys := []string{"Price", "Capacity", "Rating", "Energy rating", "Colors", "Link", "Product name", "Features",
		"A rather long parameter title", "色"}
	for range 60 {
		var set cardSet
		for range 1 + rng.IntN(5) {
			c := api.Card{Name: pick(names...), IsRecommended: rng.IntN(4) == 0}
			for range rng.IntN(7) {
				c.Parameters = append(c.Parameters, api.Parameter{Title: pick(keys...), Value: api.StringValue(pick(values...))})
			}
			if rng.IntN(4) == 0 {
				se := api.SubEntity{Name: pick("Finish", "", "Size")}
				for range 1 + rng.IntN(3) {
					se.Items = append(se.Items, api.SubEntityItem{Parameters: []api.Parameter{{Title: "Color", Value: api.StringValue(pick(values...))}}})
				}
				c.SubEntities = append(c.SubEntities, se)
			}
			set.prods = append(set.prods, c)
		}
		for range rng.IntN(4) {
			base := set.prods[rng.IntN(len(set.prods))].Name
			if rng.IntN(3) == 0 {
				base = pick(names...)
			}
			set.vars = append(set.vars, api.Card{Name: base + " — " + pick("Black", "White", "赤"),
				Parameters: []api.Parameter{{Title: "Color", Value: api.StringValue(pick(values...))}, {Title: "Price", Value: api.StringValue(pick(values...))}}})
		}
		out = append(out, set)
	}
	return out
}

// cardWidths are the content widths the cards are drawn at: narrower than
// one card, one card, two, three and more side by side.
var cardWidths = []int{1, 5, 12, 27, 28, 41, 57, 80, 118, 200}

// TestCardBytes keeps the exact bytes of the cards, escape sequences
// included, in every theme at every width: the golden screens hold only
// their text. The golden file holds a hash of each theme and width's
// render of the whole corpus.
func TestCardBytes(t *testing.T) {
	corpus := cardCorpus()
	var got strings.Builder
	for _, st := range []*theme.Styles{theme.New(true, false), theme.New(false, false), theme.New(true, true)} {
		for _, w := range cardWidths {
			c := renderCtx{st: st, r: NewRenderer(), width: w}
			h := sha256.New()
			for _, set := range corpus {
				lines, widths := renderCards(set.prods, set.vars, c)
				for i, l := range lines {
					fmt.Fprintf(h, "%s\n", l)
					if widths[i] != ansi.StringWidth(l) {
						t.Errorf("%s at %d: a card line is %d cells wide, said to be %d: %q", st.Name, w, ansi.StringWidth(l), widths[i], l)
					}
				}
				h.Write([]byte{0})
			}
			fmt.Fprintf(&got, "%s %d %s\n", st.Name, w, hex.EncodeToString(h.Sum(nil)))
		}
	}
	golden.RequireEqual(t, got.String())
}

// TestCardShortcutsHold requires the shortcuts to be in use in every
// theme, at every card width: they stand aside silently when they do not
// match lipgloss, which TestCardBytes alone would not notice.
func TestCardShortcutsHold(t *testing.T) {
	for _, st := range []*theme.Styles{theme.New(true, false), theme.New(false, false), theme.New(true, true)} {
		p := newCardPaint(st)
		for name, pt := range map[string]paint{"title": p.title, "badge": p.badge, "key": p.key, "value": p.value, "variant": p.variant} {
			if !pt.ok {
				t.Errorf("%s: the %s style is not written directly", st.Name, name)
			}
		}
		for w := cardChrome + 2; w <= 200; w++ {
			for _, rec := range []bool{false, true} {
				if !p.frame(rec, w).ok {
					t.Errorf("%s: the frame of %d cells (recommended %v) is not written directly", st.Name, w, rec)
				}
			}
		}
	}
}
