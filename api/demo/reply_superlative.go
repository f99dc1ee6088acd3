package demo

import (
	"sort"
	"strings"
)

// measure is what a superlative question ranks the shown products by.
type measure struct {
	value func(product) float64 // the figure compared; products with equal figures tie
	low   bool                  // a lower figure wins ("quietest", "cheapest")
	word  string                // "quietest"
	text  func(product) string  // the figure as shown ("38 dB")
}

// measures holds one measure per superlative kind.
var measures = map[string]measure{
	"quiet":     {func(p product) float64 { n, _ := noiseDB(p); return float64(n) }, true, "quietest", func(p product) string { return p.Noise }},
	"cheap":     {func(p product) float64 { return float64(p.Price) }, true, "most affordable", func(p product) string { return money(p.Price) }},
	"expensive": {func(p product) float64 { return float64(p.Price) }, false, "most expensive", func(p product) string { return money(p.Price) }},
	"big":       {func(p product) float64 { return p.Capacity }, false, "biggest", func(p product) string { return capacityText(p.Capacity, p.Unit) }},
	"small":     {func(p product) float64 { return p.Capacity }, true, "most compact", func(p product) string { return capacityText(p.Capacity, p.Unit) }},
	"rated":     {func(p product) float64 { return p.Rating }, false, "best rated", func(p product) string { return number(p.Rating) + "★" }},
}

// rank orders products by the measure, best first. Products that tie are
// ordered by tieBreak, so the recommended one of them comes first.
func (m measure) rank(ps []product) {
	sort.SliceStable(ps, func(i, j int) bool {
		vi, vj := m.value(ps[i]), m.value(ps[j])
		if vi != vj {
			return vi < vj == m.low
		}
		return tieBreak(ps[i], ps[j])
	})
}

// tieBreak orders two products with the same figure: the better rated
// first, then the one more people rated, so the one recommended among
// tied products is the one a comparison would name too.
func tieBreak(a, b product) bool {
	switch {
	case a.Rating != b.Rating:
		return a.Rating > b.Rating
	case a.Reviews != b.Reviews:
		return a.Reviews > b.Reviews
	case a.score() != b.score():
		return a.score() > b.score()
	}
	return a.SKU < b.SKU
}

// winners is how many products at the front of a ranked list share the
// best figure.
func (m measure) winners(ranked []product) int {
	n := 1
	for n < len(ranked) && m.value(ranked[n]) == m.value(ranked[0]) {
		n++
	}
	return n
}

// superlativeReply answers "which one is the quietest (cheapest, biggest,
// best rated)?" from the products the last reply showed, in order of the
// measure asked about, so "the second one" then means what is listed second.
// Products with the same figure tie, and the answer names every one of them.
func superlativeReply(st *convState, q request) reply {
	ps := products(st.Shown)
	if q.superlative == "quiet" {
		var known []product
		for _, p := range ps {
			if _, ok := noiseDB(p); ok {
				known = append(known, p)
			}
		}
		ps = known
	}
	if len(ps) == 0 {
		pick, _ := productBySKU(st.Pick)
		return reply{
			Text:        "I don't have noise figures for these, I'm afraid. The manufacturers don't publish them for this kind of appliance.",
			Options:     options(showAs(products(st.Shown), st.Color), pick.SKU),
			Suggestions: []string{"Which one has the best energy rating?", "Compare the top two", "Tell me more about the " + pick.shortName()},
		}
	}
	m := measures[q.superlative]
	m.rank(ps)
	best := ps[0]
	var b strings.Builder
	switch n := m.winners(ps); {
	case len(ps) == 1:
		b.WriteString("Of these, only the **" + best.shortName() + "** has a published figure: **" + m.text(best) + "**.")
	case n == 1:
		b.WriteString("The **" + best.shortName() + "** is the " + m.word + " of these, at **" + m.text(best) + "**:\n\n")
		b.WriteString(superlativeList(ps, m))
		b.WriteString("\n" + superlativeNote(q.superlative, best, ps[1:]))
	default:
		b.WriteString(tieSentence(ps[:n], m) + "\n\n")
		b.WriteString(superlativeList(ps, m))
		b.WriteString("\n" + tieReason(best, ps[1:n]))
		if n < len(ps) {
			b.WriteString(" " + superlativeNote(q.superlative, best, ps[n:]))
		}
	}
	shown := showAs(ps, st.Color)
	st.Shown, st.Pick = skus(shown), best.SKU
	sugg := []string{"Tell me more about the " + best.shortName(), "What's the warranty on it?"}
	if len(ps) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	sugg = append(sugg, "Add it to my cart")
	return reply{Text: b.String(), Options: options(shown, best.SKU), Variants: best.variantOptions(), Suggestions: sugg}
}

// superlativeList lists the products with their figures.
func superlativeList(ps []product, m measure) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("- " + p.shortName() + " — " + m.text(p))
		if m.word == "best rated" {
			b.WriteString(" (" + thousands(p.Reviews) + " reviews)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// tieSentence names every product that shares the best figure: "The **A**
// and the **B** are the quietest of these, both at **38 dB**:".
func tieSentence(tied []product, m measure) string {
	names := make([]string, len(tied))
	for i, p := range tied {
		names[i] = "the **" + p.shortName() + "**"
	}
	each := "all"
	if len(tied) == 2 {
		each = "both"
	}
	return capitalise(joinAnd(names)) + " are the " + m.word + " of these, " + each + " at **" + m.text(tied[0]) + "**:"
}

// tieReason says which of the tied products is recommended and why.
func tieReason(pick product, others []product) string {
	between := "Between them"
	if len(others) > 1 {
		between = "Of those"
	}
	s := between + ", I'd pick the **" + pick.shortName() + "**"
	other := others[0]
	switch {
	case pick.Rating > other.Rating:
		return s + " for its higher rating (" + number(pick.Rating) + "★)."
	case pick.Reviews > other.Reviews:
		return s + ": its " + number(pick.Rating) + "★ rating comes from more reviews (" + thousands(pick.Reviews) + ")."
	}
	return s + " for its better all-round score."
}

// superlativeNote puts the winner of a superlative in context: what it
// costs against the runner-up, or what the figure means.
func superlativeNote(kind string, best product, rest []product) string {
	next := rest[0]
	switch kind {
	case "quiet":
		n, _ := noiseDB(best)
		s := "Every 3 dB is roughly half the sound energy, so the difference is noticeable in an open-plan room."
		if n <= 45 {
			s = "Anything at 45 dB or below is quiet enough to run while you talk in the same room."
		}
		if best.Price > next.Price {
			s += " It costs " + money(best.Price-next.Price) + " more than the " + next.shortName() + "."
		}
		return s
	case "cheap":
		return "It's " + money(next.Price-best.Price) + " less than the " + next.shortName() + ", with a " + number(best.Rating) + "★ rating."
	case "expensive":
		feats := make([]string, 0, 2)
		for _, f := range best.Features[:min(2, len(best.Features))] {
			feats = append(feats, lowerFirst(f))
		}
		return "The extra " + money(best.Price-next.Price) + " over the " + next.shortName() + " buys " +
			strings.Join(feats, " and ") + "."
	case "big", "small":
		return "It costs " + money(best.Price) + "; the " + next.shortName() + " has " + capacityText(next.Capacity, next.Unit) + "."
	}
	return "It's rated " + number(best.Rating) + "★ by " + thousands(best.Reviews) + " customers."
}
