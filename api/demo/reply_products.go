package demo

import (
	"strings"
)

// compareReply compares the products the user names, or the top of the
// last results, in a table with a verdict.
func compareReply(st *convState, q request) reply {
	var targets []product
	named := products(q.named)
	pick, hasPick := productBySKU(st.Pick)
	switch {
	case len(named) >= 2:
		targets = named
	case len(named) == 1 && hasPick && pick.SKU != named[0].SKU:
		targets = []product{pick, named[0]}
	case len(named) == 1:
		targets = named
		for _, p := range products(st.Shown) {
			if p.SKU != named[0].SKU {
				targets = append(targets, p)
				break
			}
		}
	case len(q.tags) >= 2 && q.cat != "":
		// "upright vs canister": the best product of each kind.
		c, _ := categoryByKey(q.cat)
		for _, t := range q.tags {
			ps := find(filters{cat: c, tags: []string{t}})
			sortProducts(ps, byScore)
			if len(ps) > 0 {
				targets = append(targets, ps[0])
			}
		}
	case q.catWord && q.cat != st.Cat || len(st.Shown) < 2:
		if c, ok := categoryByKey(q.cat); ok {
			ps, _, _ := findRelaxed(filters{cat: c, tags: q.tags, color: q.color, brand: q.brand,
				minPrice: q.minPrice, maxPrice: q.maxPrice, minCap: q.minCap, maxCap: q.maxCap, capUnit: q.capUnit})
			sortProducts(ps, byScore)
			targets = ps
		}
	default:
		targets = products(st.Shown)
	}
	if c, ok := categoryByKey(st.Cat); ok && len(targets) < 2 {
		// Too few on screen: fill with the best of the category.
		more := find(filters{cat: c})
		sortProducts(more, byScore)
		for _, p := range more {
			if len(targets) < q.compareN && !containsProduct(targets, p) {
				targets = append(targets, p)
			}
		}
	}
	if len(targets) > q.compareN {
		targets = targets[:q.compareN]
	}
	if len(targets) < 2 {
		return reply{
			Text: "I need at least two products to compare. Tell me what you're looking at — for example " +
				"*\"compare the Nordvik BM25X and the Halden HB20\"* — or search for a category first.",
			Suggestions: []string{"Show me built-in microwaves", "Compare the top two espresso machines", "Show me your best sellers"},
		}
	}

	winner := verdictWinner(targets)
	cheapest := append([]product(nil), targets...)
	sortProducts(cheapest, byPrice)

	var b strings.Builder
	names := make([]string, len(targets))
	for i, p := range targets {
		names[i] = "**" + p.shortName() + "**"
	}
	b.WriteString("Here's how the " + joinAnd(names) + " compare:\n\n")
	b.WriteString("| |")
	for _, p := range targets {
		b.WriteString(" " + p.shortName() + " |")
	}
	b.WriteString("\n|---|")
	for range targets {
		b.WriteString("---|")
	}
	row := func(title string, cell func(product) string) {
		b.WriteString("\n| " + title + " |")
		for _, p := range targets {
			b.WriteString(" " + cell(p) + " |")
		}
	}
	row("Price", func(p product) string { return priceText(p) })
	row("Capacity", func(p product) string { return capacityText(p.Capacity, p.Unit) })
	row("Energy rating", func(p product) string { return p.Energy })
	row("Rating", func(p product) string { return "★ " + number(p.Rating) + " (" + thousands(p.Reviews) + ")" })
	row("Colors", func(p product) string { return strings.Join(p.Colors, ", ") })
	row("Highlights", func(p product) string { return strings.Join(p.Features[:min(2, len(p.Features))], ", ") })

	b.WriteString("\n\n**Verdict:** the **" + winner.shortName() + "** is the better all-rounder: " +
		verdictReason(winner, targets) + ".")
	if c := cheapest[0]; c.SKU != winner.SKU {
		b.WriteString(" If budget matters most, the **" + c.shortName() + "** saves you " + money(winner.Price-c.Price) + ".")
	}
	b.WriteString("\n\nWould you like more details on the " + winner.shortName() + "?")

	shown := showAs(targets, "")
	st.Cat, st.Shown, st.Pick = winner.Cat.Key, skus(shown), winner.SKU
	sugg := []string{"Tell me more about the " + winner.shortName(), "Add the " + winner.shortName() + " to my cart"}
	if cheaperExists(winner) {
		sugg = append(sugg, "Show me cheaper options")
	}
	if energiesDiffer(targets) {
		sugg = append(sugg, "Which one has the best energy rating?")
	}
	return reply{Text: b.String(), Options: options(shown, winner.SKU), Variants: winner.variantOptions(), Suggestions: sugg}
}

// target is the product a follow-up is about: the one named, else the
// last recommendation.
func target(st *convState, q request) product {
	if len(q.named) > 0 {
		p, _ := productBySKU(q.named[0])
		return p
	}
	p, _ := productBySKU(st.Pick)
	return p
}

// detailsReply describes one product, with its specifications in a code
// block (aligned columns survive any markdown renderer).
func detailsReply(st *convState, q request) reply {
	p := target(st, q)
	var b strings.Builder
	b.WriteString("**" + p.Name + "** — " + priceText(p) + "\n\n")
	kind := ""
	if len(p.Tags) > 0 {
		if pre, _ := tagPhrase(p.Tags[0]); pre != "" {
			kind = pre + " "
		}
	}
	b.WriteString(capitalise(indefinite(kind+p.Cat.Singular)) + " from " + p.Brand +
		" with " + capacityText(p.Capacity, p.Unit) + ", rated **" + number(p.Rating) + "/5** by " + thousands(p.Reviews) + " customers.\n\n")
	b.WriteString("**Highlights**\n")
	for _, f := range p.Features {
		b.WriteString("- " + f + "\n")
	}
	b.WriteString("\n**Specifications**\n\n```\n")
	spec := [][2]string{
		{"Model", p.SKU},
		{"Capacity", capacityText(p.Capacity, p.Unit)},
		{"Dimensions", p.Dims + " (W × H × D)"},
		{"Power", p.Power},
		{"Energy rating", p.Energy},
	}
	if p.Noise != "" {
		spec = append(spec, [2]string{"Noise", p.Noise})
	}
	spec = append(spec, [2]string{"Colors", strings.Join(p.Colors, ", ")})
	for _, kv := range spec {
		b.WriteString(kv[0] + strings.Repeat(" ", 15-len(kv[0])) + kv[1] + "\n")
	}
	b.WriteString("```\n\n")
	if p.onSale() {
		b.WriteString("It's on sale right now — you save " + money(p.WasPrice-p.Price) + ". ")
	}
	b.WriteString("Would you like to add it to your cart, or compare it with something similar?")

	st.Cat, st.Pick = p.Cat.Key, p.SKU
	if !contains(st.Shown, p.SKU) {
		st.Shown = append([]string{p.SKU}, st.Shown...)
	}
	var sugg []string
	if len(p.Colors) > 1 {
		sugg = append(sugg, "What colors does it come in?")
	}
	if len(st.Shown) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	sugg = append(sugg, "Add it to my cart")
	if cheaperExists(p) {
		sugg = append(sugg, "Show me cheaper options")
	}
	return reply{Text: b.String(), Options: options(showAs([]product{p}, st.Color), p.SKU),
		Variants: p.variantOptions(), Suggestions: sugg}
}

// cartReply acknowledges a purchase request; the demo shop has no checkout.
func cartReply(st *convState, q request) reply {
	p := target(st, q)
	st.Cat, st.Pick = p.Cat.Key, p.SKU
	want := q.color
	if want == "" {
		want = st.Color
	}
	name, link := p.Name, p.link()
	if c, ok := p.hasColor(want); ok && want != "" {
		name, link = p.Name+" in "+c, link+"?color="+slug(c)
	}
	text := "Great choice! This is a demo shop, so nothing is charged — in a real store the **" + name + "** (" +
		money(p.Price) + ") would now be in your cart.\n\nYou can see it here: " + link +
		"\n\nIs there anything else you need for your home?"
	return reply{Text: text, Options: options(showAs([]product{p}, st.Color), p.SKU), Variants: p.variantOptions(),
		Suggestions: []string{"Show me similar products", "What's on sale right now?", "Thanks, that's all"}}
}

// bestSellersReply lists the most popular products, overall or in one
// category.
func bestSellersReply(st *convState, q request) reply {
	var ps []product
	for _, p := range catalog {
		if q.cat == "" && p.Seller > 0 || q.cat != "" && p.Cat.Key == q.cat {
			ps = append(ps, p)
		}
	}
	limit := 5
	if q.cat != "" {
		limit = 3
	}
	sort := func(i, j int) bool {
		a, b := ps[i], ps[j]
		switch {
		case a.Seller > 0 && b.Seller > 0:
			return a.Seller < b.Seller
		case a.Seller > 0 || b.Seller > 0:
			return a.Seller > 0
		case a.Reviews != b.Reviews:
			return a.Reviews > b.Reviews
		}
		return a.SKU < b.SKU
	}
	sortBy(ps, sort)
	if len(ps) > limit {
		ps = ps[:limit]
	}
	top := ps[0]
	var b strings.Builder
	if c, ok := categoryByKey(q.cat); ok {
		b.WriteString("Here are our best-selling " + c.Plural + ":\n\n")
	} else {
		b.WriteString("Here are our best sellers right now:\n\n")
	}
	b.WriteString("| # | Product | Price | Rating | Reviews |\n|---:|---|---:|:---:|---:|\n")
	for i, p := range ps {
		b.WriteString("| " + number(float64(i+1)) + " | " + p.Name + " | " + priceText(p) + " | ★ " + number(p.Rating) +
			" | " + thousands(p.Reviews) + " |\n")
	}
	b.WriteString("\nThe **" + top.shortName() + "** is the most popular — " + thousands(top.Reviews) +
		" reviews and a " + number(top.Rating) + "★ average. Would you like to narrow it down to one category?")

	shown := showAs(ps, "")
	st.Cat, st.Shown, st.Pick = top.Cat.Key, skus(shown), top.SKU
	sugg := []string{"Tell me more about the " + top.shortName()}
	if len(ps) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	sugg = append(sugg, "What's on sale right now?")
	return reply{Text: b.String(), Options: options(shown, top.SKU), Variants: top.variantOptions(), Suggestions: sugg}
}

// saleReply lists discounted products, biggest discount first.
func saleReply(st *convState, q request) reply {
	var ps []product
	for _, p := range catalog {
		if p.onSale() && (q.cat == "" || p.Cat.Key == q.cat) {
			ps = append(ps, p)
		}
	}
	c, hasCat := categoryByKey(q.cat)
	if len(ps) == 0 {
		st.Cat = q.cat
		return reply{
			Text:        "There are no " + c.Plural + " on sale right now. Would you like to see the best-rated ones instead?",
			Suggestions: []string{"Show me the best " + c.Plural, "What's on sale right now?"},
		}
	}
	sortProducts(ps, byDiscount)
	if len(ps) > 6 {
		ps = ps[:6]
	}
	ranked := append([]product(nil), ps...)
	sortProducts(ranked, byScore)
	pick := ranked[0]

	var b strings.Builder
	if hasCat {
		if len(ps) == 1 {
			b.WriteString("This " + c.Singular + " is on sale right now:\n\n")
		} else {
			b.WriteString("These " + c.Plural + " are on sale right now:\n\n")
		}
	} else {
		b.WriteString("These are on sale right now:\n\n")
	}
	b.WriteString("| Product | Now | Was | You save |\n|---|---:|---:|---:|\n")
	for _, p := range ps {
		pct := (p.WasPrice - p.Price) * 100 / p.WasPrice
		b.WriteString("| " + p.Name + " | **" + money(p.Price) + "** | ~~" + money(p.WasPrice) + "~~ | " +
			money(p.WasPrice-p.Price) + " (" + number(float64(pct)) + "%) |\n")
	}
	top := ps[0]
	b.WriteString("\nThe biggest discount is on the **" + top.shortName() + "**. ")
	if pick.SKU != top.SKU {
		b.WriteString("My pick is the **" + pick.shortName() + "** — " + number(pick.Rating) + "★ and " +
			money(pick.WasPrice-pick.Price) + " off. ")
	}
	b.WriteString("Deals like these usually last until the end of the week.")

	shown := showAs(ps, "")
	st.Cat, st.Shown, st.Pick = pick.Cat.Key, skus(shown), pick.SKU
	sugg := []string{"Which of these is the best value?", "Tell me more about the " + pick.shortName()}
	if !hasCat {
		sugg = append(sugg, "Show me only "+pick.Cat.Singular+" deals")
	} else if len(ps) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	return reply{Text: b.String(), Options: options(shown, pick.SKU), Variants: pick.variantOptions(), Suggestions: sugg}
}

// energyReply answers which shown product is the most efficient.
func energyReply(st *convState) reply {
	ps := products(st.Shown)
	sortProducts(ps, byEnergy)
	best := ps[0]
	var b strings.Builder
	if len(ps) == 1 {
		b.WriteString("The **" + best.shortName() + "** has " + article(best.Energy) + " **" + best.Energy +
			"** energy rating — " + best.Power + ".")
	} else if !energiesDiffer(ps) {
		sortProducts(ps, byScore)
		best = ps[0]
		b.WriteString("All of these share the same energy rating (**" + best.Energy + "**), so I'd decide on price and rating — " +
			"the **" + best.shortName() + "** leads on rating.")
	} else {
		b.WriteString("The **" + best.shortName() + "** has the best energy rating of these: **" + best.Energy + "**.\n\n")
		for _, p := range ps {
			b.WriteString("- " + p.shortName() + ": **" + p.Energy + "** — " + p.Power + "\n")
		}
		b.WriteString("\nA better label means lower running costs — each step up the scale uses roughly 10–20% less electricity.")
	}
	shown := showAs(ps, st.Color)
	st.Shown, st.Pick = skus(shown), best.SKU
	sugg := []string{"Tell me more about the " + best.shortName()}
	if len(ps) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	if cheaperExists(best) {
		sugg = append(sugg, "Show me cheaper options")
	}
	sugg = append(sugg, "Add it to my cart")
	return reply{Text: b.String(), Options: options(shown, best.SKU), Variants: best.variantOptions(), Suggestions: sugg}
}

// colorsReply answers "does it come in black?" about the shown products,
// or lists the colors of the last recommendation.
func colorsReply(st *convState, q request) reply {
	pick := target(st, q)
	if q.color == "" {
		var b strings.Builder
		colors := make([]string, len(pick.Colors))
		for i, c := range pick.Colors {
			colors[i] = "**" + c + "**"
		}
		if len(colors) == 1 {
			b.WriteString("The **" + pick.shortName() + "** comes only in " + colors[0] + ".")
		} else {
			b.WriteString("The **" + pick.shortName() + "** comes in " + numberWord(len(colors)) + " colors: " + joinAnd(colors) + ".")
		}
		for _, s := range pick.Sizes {
			b.WriteString(" It's also available with " + capacityText(s.Capacity, pick.Unit) + " (" +
				signedMoney(s.Delta) + ").")
		}
		b.WriteString("\n\nAll variants are listed below — pick the one you like.")
		return reply{Text: b.String(), Options: options(showAs([]product{pick}, ""), pick.SKU),
			Variants:    pick.variantOptions(),
			Suggestions: []string{"Add it to my cart", "Tell me more about the " + pick.shortName(), "Show me cheaper options"}}
	}

	name := colorName(q.color)
	var have []product
	for _, p := range products(st.Shown) {
		if _, ok := p.hasColor(q.color); ok {
			have = append(have, p)
		}
	}
	var b strings.Builder
	switch {
	case len(have) > 0:
		if len(have) == 1 {
			b.WriteString("Yes — the **" + have[0].shortName() + "** comes in " + name + ":")
		} else {
			b.WriteString("Yes — " + numberWord(len(have)) + " of these come in " + name + ":")
		}
	default:
		c, _ := categoryByKey(st.Cat)
		have = find(filters{cat: c, color: q.color})
		sortProducts(have, byScore)
		if len(have) == 0 {
			var colors []string
			for _, p := range products(st.Shown) {
				for _, c := range p.Colors {
					if !contains(colors, c) {
						colors = append(colors, c)
					}
				}
			}
			pick, _ := productBySKU(st.Pick)
			return reply{
				Text: "Sorry — none of our " + c.Plural + " come in " + name + ". The ones we showed come in " +
					strings.ToLower(joinAnd(colors)) + ".",
				Options:     options(showAs(products(st.Shown), ""), pick.SKU),
				Variants:    pick.variantOptions(),
				Suggestions: []string{"What colors does it come in?", "Show me cheaper options", "Compare the top two"},
			}
		}
		b.WriteString("None of those come in " + name + ", but these " + pluralOf(c, len(have)) + " do:")
	}
	if len(have) > maxResults {
		have = have[:maxResults]
	}
	shown := showAs(have, q.color)
	b.WriteString("\n\n" + bullets(shown))
	ranked := append([]product(nil), have...)
	sortProducts(ranked, byScore)
	best := ranked[0]
	b.WriteString("\n\nWould you like the **" + best.shortName() + "** in " + name + "?")
	st.Color, st.Shown, st.Pick = q.color, skus(shown), best.SKU
	sugg := []string{"Add it to my cart", "Tell me more about the " + best.shortName()}
	if len(have) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	return reply{Text: b.String(), Options: options(shown, best.SKU), Variants: best.variantOptions(), Suggestions: sugg}
}

// valueReply picks the best value for money among the shown products.
func valueReply(st *convState) reply {
	ps := products(st.Shown)
	ranked := append([]product(nil), ps...)
	sortBy(ranked, func(i, j int) bool {
		if ranked[i].valueScore() != ranked[j].valueScore() {
			return ranked[i].valueScore() > ranked[j].valueScore()
		}
		return ranked[i].SKU < ranked[j].SKU
	})
	best := ranked[0]
	var b strings.Builder
	b.WriteString("For the money, the **" + best.shortName() + "** is the best value: " + money(best.Price) + " for a " +
		number(best.Rating) + "★ " + best.Cat.Singular + " with " + capacityText(best.Capacity, best.Unit) + ".\n\n")
	for _, p := range ranked {
		b.WriteString("- " + p.shortName() + " — " + money(p.Price) + ", ★ " + number(p.Rating) + "\n")
	}
	b.WriteString("\nShall I tell you more about it?")
	shown := showAs(ps, st.Color)
	st.Cat, st.Pick = best.Cat.Key, best.SKU
	return reply{Text: b.String(), Options: options(shown, best.SKU), Variants: best.variantOptions(),
		Suggestions: []string{"Tell me more about the " + best.shortName(), "Add it to my cart", "Compare the top two"}}
}

// signedMoney formats a price difference: "+$60.00", "-$50.00".
func signedMoney(c int) string {
	if c >= 0 {
		return "+" + money(c)
	}
	return money(c)
}

// containsProduct reports whether the list holds the product.
func containsProduct(ps []product, p product) bool {
	for _, x := range ps {
		if x.SKU == p.SKU {
			return true
		}
	}
	return false
}

// beats reports whether a is at least as good as b on rating and energy
// and better on one of them: a verdict for b over a would contradict the
// figures in the table.
func beats(a, b product) bool {
	ra, rb := a.Rating, b.Rating
	ea, eb := energyRank(a.Energy), energyRank(b.Energy)
	return ra >= rb && ea <= eb && (ra > rb || ea < eb)
}

// verdictWinner picks the better all-rounder: among the products no other
// beats on both rating and energy, the best score. A cheaper product that
// loses on both is named in the verdict as the budget choice instead.
func verdictWinner(ps []product) product {
	var open []product
	for _, p := range ps {
		beaten := false
		for _, o := range ps {
			if o.SKU != p.SKU && beats(o, p) {
				beaten = true
			}
		}
		if !beaten {
			open = append(open, p)
		}
	}
	if len(open) == 0 {
		open = ps
	}
	sortProducts(open, byScore)
	return open[0]
}

// verdictReason says why the winner won, naming only what is true of it
// against the others: rating, energy, price and how many people rated it.
func verdictReason(w product, ps []product) string {
	topRating, topEnergy, cheapest, mostReviews := true, true, true, true
	for _, p := range ps {
		if p.SKU == w.SKU {
			continue
		}
		topRating = topRating && w.Rating >= p.Rating
		topEnergy = topEnergy && energyRank(w.Energy) <= energyRank(p.Energy)
		cheapest = cheapest && w.Price <= p.Price
		mostReviews = mostReviews && w.Reviews >= p.Reviews
	}
	var parts []string
	if topRating {
		parts = append(parts, "the best rating here ("+number(w.Rating)+"★ from "+thousands(w.Reviews)+" reviews)")
	} else if mostReviews {
		parts = append(parts, "a "+number(w.Rating)+"★ rating from the most reviews here ("+thousands(w.Reviews)+")")
	}
	if topEnergy {
		parts = append(parts, article(w.Energy)+" "+w.Energy+" energy rating")
	}
	if cheapest {
		parts = append(parts, "the lowest price at "+money(w.Price))
	}
	if len(parts) == 0 {
		parts = append(parts, "the best balance of rating ("+number(w.Rating)+"★), energy ("+w.Energy+") and price ("+money(w.Price)+")")
	}
	return joinAnd(parts)
}
