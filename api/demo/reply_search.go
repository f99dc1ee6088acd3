package demo

import "strings"

// maxResults is how many products a search reply shows.
const maxResults = 4

// searchReply answers a product search, refining the previous one when
// the message names no new category ("under $300" after microwaves).
func searchReply(st *convState, q request) reply {
	cat := q.cat
	if cat == "" {
		cat = st.Cat
	}
	// The same category named again refines the search ("what microwaves
	// can I get under $300?" keeps "built-in"); another starts afresh.
	if cat != st.Cat {
		*st = convState{Cat: cat, Turns: st.Turns, Shown: st.Shown, Pick: st.Pick, Household: st.Household}
	}
	if len(q.tags) > 0 {
		st.Tags = q.tags
	}
	if q.color != "" {
		st.Color = q.color
	}
	if q.brand != "" {
		st.Brand = q.brand
	}
	if q.minPrice > 0 || q.maxPrice > 0 {
		st.MinPrice, st.MaxPrice = q.minPrice, q.maxPrice
	}
	if q.minCap > 0 || q.maxCap > 0 {
		st.MinCap, st.MaxCap, st.CapUnit = q.minCap, q.maxCap, q.capUnit
	}
	sizedFor := 0
	if st.Household > 0 && st.MinCap == 0 && st.MaxCap == 0 {
		if c, unit := householdCapacity(cat, st.Household); c > 0 {
			st.MinCap, st.CapUnit, sizedFor = c, unit, st.Household
		}
	}

	f := filtersFrom(st)
	if q.similar && !q.hasFilters() {
		// "Something similar": same kind of product, any price or size.
		f = filters{cat: f.cat, tags: f.tags, exclude: st.Pick}
	}
	order := searchOrder(q)
	found, used, dropped := findRelaxed(f)
	sortProducts(found, order)
	total := len(found)
	if len(found) > maxResults {
		found = found[:maxResults]
	}
	shown := showAs(found, used.color)
	pick := found[0]
	if order == byPrice {
		pick = cheapestGood(found)
	}

	var b strings.Builder
	if sizedFor > 0 && len(dropped) == 0 {
		b.WriteString("For a household of " + number(float64(sizedFor)) + " you'll want " +
			strings.TrimPrefix(strings.TrimPrefix(capacityPhrase(f), "with "), "for ") + ". ")
	}
	switch {
	case q.similar:
		b.WriteString("Here are some other " + used.phrase(-1) + " you might like:")
	case len(dropped) > 0:
		b.WriteString("I couldn't find any " + f.phrase(-1) + ", so I relaxed the " + joinAnd(dropped) +
			". Here are the closest matches:")
	case len(found) == 1 && order != byScore:
		b.WriteString("I have **" + used.phrase(1) + "**:")
	case order == byPrice:
		b.WriteString("Here are the most affordable " + used.phrase(-1) + ", cheapest first:")
	case order == byCapacityDesc:
		b.WriteString("Here are the largest " + used.phrase(-1) + ", biggest first:")
	case order == byCapacityAsc:
		// "most compact compact dishwashers" says it twice.
		plainer := used
		plainer.tags = nil
		for _, t := range used.tags {
			if t != "compact" {
				plainer.tags = append(plainer.tags, t)
			}
		}
		b.WriteString("Here are the most compact " + plainer.phrase(-1) + ", smallest first:")
	case order == byNoise:
		b.WriteString("Here are the quietest " + used.phrase(-1) + ", quietest first:")
	case order == byRating:
		b.WriteString("These are the top-rated " + used.phrase(-1) + ", highest rated first:")
	case q.best && len(found) > 1:
		b.WriteString("These are our best " + used.phrase(-1) + " all round, weighing rating, reviews and efficiency:")
	case total > len(found):
		b.WriteString("I found **" + used.phrase(total) + "**. Here are the " + numberWord(len(found)) + " best matches:")
	case total == 1:
		b.WriteString("I found **" + used.phrase(1) + "** that fits:")
	default:
		b.WriteString("I found **" + used.phrase(total) + "**:")
	}
	b.WriteString("\n\n")
	if q.table || len(shown) == maxResults && st.Turns%2 == 1 {
		b.WriteString(table(shown))
	} else {
		b.WriteString(bullets(shown))
	}
	if len(found) > 1 {
		b.WriteString("\n\n**My pick:** the **" + pick.shortName() + "** — " + pickReason(pick, found, order) + ".")
	}
	if len(found) == 1 {
		b.WriteString("\n\nWould you like more details on it, or shall I look for alternatives?")
	} else {
		closing := closings[st.Turns%len(closings)]
		if order == byPrice && closing == closings[0] {
			// The cheapest are already listed: no "cheaper options".
			closing = closings[1]
		}
		b.WriteString("\n\n" + closing)
	}

	st.Shown, st.Pick = skus(shown), pick.SKU
	return reply{
		Text:        b.String(),
		Options:     options(shown, pick.SKU),
		Variants:    pick.variantOptions(),
		Suggestions: resultSuggestions(shown, pick, used.color, ""),
	}
}

// searchOrder is the order a search lists its results in, from the words
// of the request. Price comes first: "a cheap quiet fridge" is a question
// of money before noise.
func searchOrder(q request) int {
	switch {
	case q.cheap:
		return byPrice
	case q.quiet:
		return byNoise
	case q.big:
		return byCapacityDesc
	case q.small:
		return byCapacityAsc
	case q.topRated:
		return byRating
	}
	return byScore
}

// goodRating is the rating a product needs to be recommended as a cheap
// option: the cheapest product is not a good buy when customers dislike it.
const goodRating = 4.0

// cheapestGood is the first product of a list sorted by price that is
// rated goodRating or more; the first product when none is.
func cheapestGood(ps []product) product {
	for _, p := range ps {
		if p.Rating >= goodRating {
			return p
		}
	}
	return ps[0]
}

// resultSuggestions proposes next steps after a list of products; skip
// leaves out the suggestion that would repeat what was just answered.
func resultSuggestions(shown []shownProduct, pick product, color, skip string) []string {
	ps := plain(shown)
	var s []string
	add := func(key, text string) {
		if key != skip && text != "" {
			s = append(s, text)
		}
	}
	if len(ps) > 1 && energiesDiffer(ps) {
		add("energy", "Which one has the best energy rating?")
	}
	if cheaperExists(pick) {
		add("cheaper", "Show me cheaper options")
	}
	if len(ps) > 1 {
		add("compare", "Compare the top two")
	}
	add("color", colorQuestion(shown, color))
	add("details", "Tell me more about the "+pick.shortName())
	if biggerExists(pick) {
		add("bigger", "Is there a bigger one?")
	}
	if len(s) > 3 {
		s = s[:3]
	}
	return s
}

// cheaperReply shows products cheaper than the last recommendation,
// keeping the rest of the search where possible.
func cheaperReply(st *convState, pick product) reply {
	f := filtersFrom(st)
	f.cat = pick.Cat
	f.minPrice, f.maxPrice = 0, pick.Price-1
	found, used, dropped := findRelaxed(f, "budget")
	if len(found) == 0 {
		return reply{
			Text: "The **" + pick.shortName() + "** is already the most affordable " + pick.Cat.Singular +
				" I have, at " + money(pick.Price) + ".\n\nIf the price is the concern, it's worth checking what's on sale — " +
				"discounts change every week.",
			Options:     options(showAs([]product{pick}, st.Color), pick.SKU),
			Variants:    pick.variantOptions(),
			Suggestions: []string{"What's on sale right now?", "Tell me more about the " + pick.shortName(), "Add it to my cart"},
		}
	}
	sortProducts(found, byScore)
	if len(found) > maxResults {
		found = found[:maxResults]
	}
	shown := showAs(found, used.color)
	best := found[0]

	var b strings.Builder
	noBudget := used
	noBudget.minPrice, noBudget.maxPrice = 0, 0
	if len(dropped) > 0 {
		b.WriteString("There's nothing cheaper with the same " + joinAnd(dropped) + ", but here " + isAre(len(found)) + " " +
			noBudget.phrase(len(found)) + " under " + money(pick.Price) + ":")
	} else {
		b.WriteString("Here " + isAre(len(found)) + " " + noBudget.phrase(len(found)) + " cheaper than the " +
			pick.shortName() + " (" + money(pick.Price) + "):")
	}
	b.WriteString("\n\n" + bullets(shown))
	b.WriteString("\n\n**Best value:** the **" + best.shortName() + "** at " + money(best.Price) + " — " +
		money(pick.Price-best.Price) + " less than the " + pick.shortName() + ", with a " + number(best.Rating) + "★ rating.")
	b.WriteString("\n\nWant me to compare it with the " + pick.shortName() + "?")

	st.Cat, st.MinPrice, st.MaxPrice = pick.Cat.Key, 0, pick.Price-1
	// The previous pick stays in view for "compare the top two" and
	// "which one has the best energy rating?".
	st.Shown, st.Pick = append(skus(shown), pick.SKU), best.SKU
	var sugg []string
	if cheaperExists(best) {
		sugg = append(sugg, "Show me cheaper options")
	}
	sugg = append(sugg, "Compare it with the "+pick.shortName())
	sugg = append(sugg, resultSuggestions(shown, best, used.color, "cheaper")...)
	return reply{
		Text:        b.String(),
		Options:     options(shown, best.SKU),
		Variants:    best.variantOptions(),
		Suggestions: sugg,
	}
}

// sizeStepReply answers "is there a bigger (smaller) one?" about the last
// recommendation.
func sizeStepReply(st *convState, q request, pick product) reply {
	f := filtersFrom(st)
	f.cat, f.capUnit = pick.Cat, pick.Unit
	word, order := "bigger", byCapacityAsc
	if q.bigger {
		f.minCap, f.maxCap = pick.Capacity+0.001, 0
	} else {
		f.minCap, f.maxCap = 0, pick.Capacity-0.001
		word, order = "smaller", byCapacityDesc
	}
	found, used, _ := findRelaxed(f, "size")
	if len(found) == 0 {
		extreme := "biggest"
		if !q.bigger {
			extreme = "smallest"
		}
		return reply{
			Text: "The **" + pick.shortName() + "** is already the " + extreme + " " + pick.Cat.Singular + " I have, at " +
				capacityText(pick.Capacity, pick.Unit) + ".",
			Options:     options(showAs([]product{pick}, st.Color), pick.SKU),
			Variants:    pick.variantOptions(),
			Suggestions: []string{"Tell me more about the " + pick.shortName(), "Show me cheaper options", "Add it to my cart"},
		}
	}
	sortProducts(found, order)
	if len(found) > maxResults {
		found = found[:maxResults]
	}
	shown := showAs(found, used.color)
	next := found[0]
	diff := next.Capacity - pick.Capacity
	if diff < 0 {
		diff = -diff
	}
	moreLess := "more"
	if !q.bigger {
		moreLess = "less"
	}
	var b strings.Builder
	b.WriteString("Yes — here " + isAre(len(found)) + " " + numberWord(len(found)) + " " + word + " " + pluralOf(pick.Cat, len(found)) +
		" than the " + pick.shortName() + " (" + capacityText(pick.Capacity, pick.Unit) + "):")
	b.WriteString("\n\n" + bullets(shown))
	b.WriteString("\n\n**Closest in size:** the **" + next.shortName() + "** — " + capacityText(next.Capacity, next.Unit) +
		" (" + number(roundTo(diff, 1)) + " " + next.Unit + " " + moreLess + ") for " + money(next.Price) + ".")
	b.WriteString("\n\n" + closings[st.Turns%len(closings)])

	st.Cat, st.CapUnit = pick.Cat.Key, pick.Unit
	st.MinCap, st.MaxCap = f.minCap, f.maxCap
	st.Shown, st.Pick = skus(shown), next.SKU
	return reply{
		Text:        b.String(),
		Options:     options(shown, next.SKU),
		Variants:    next.variantOptions(),
		Suggestions: resultSuggestions(shown, next, used.color, word),
	}
}

// isAre agrees the verb with a count.
func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// pluralOf names the category for a count.
func pluralOf(c category, n int) string {
	if n == 1 {
		return c.Singular
	}
	return c.Plural
}
