package demo

import (
	"sort"
	"strconv"
	"strings"
)

// resolveOrdinals turns "the second one" into the product shown second in
// the last reply, as if the user had named it. Positions past the end of
// the list are ignored.
func resolveOrdinals(st *convState, q *request) {
	if len(q.ordinals) == 0 || len(q.named) > 0 {
		return
	}
	for _, pos := range q.ordinals {
		i := pos - 1
		if pos < 0 {
			i = len(st.Shown) - 1
		}
		if i >= 0 && i < len(st.Shown) && !contains(q.named, st.Shown[i]) {
			q.named = append(q.named, st.Shown[i])
		}
	}
}

// noiseDB reads a noise figure ("42 dB"); ok is false when there is none.
func noiseDB(p product) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(p.Noise, " dB"))
	return n, err == nil
}

// noiseReply says how loud one product is.
func noiseReply(st *convState, q request) reply {
	p := target(st, q)
	text := "The **" + p.shortName() + "** runs at **" + p.Noise + "**."
	if n, ok := noiseDB(p); ok && n <= 45 {
		text += " That's quiet: about the level of a library."
	} else if ok && n >= 65 {
		text += " That's about as loud as a normal conversation, typical for this kind of appliance."
	}
	st.Cat, st.Pick = p.Cat.Key, p.SKU
	sugg := []string{"What's the warranty on it?", "Add it to my cart"}
	if len(st.Shown) > 1 {
		sugg = append([]string{"Which one is the quietest?"}, sugg...)
	}
	return reply{Text: text, Options: options(showAs([]product{p}, st.Color), p.SKU), Variants: p.variantOptions(), Suggestions: sugg}
}

// returnDays is how long a customer has to return a product.
const returnDays = 30

// serviceReply answers warranty, delivery, returns and stock questions
// from the catalog: about the product in question (named, pointed at, or
// the one just recommended), else about the category or the shop.
func serviceReply(st *convState, q request) reply {
	p, ok := serviceTarget(st, q)
	cat, hasCat := categoryByKey(q.cat)
	if ok {
		cat, hasCat = p.Cat, true
	} else if !hasCat {
		cat, hasCat = categoryByKey(st.Cat)
	}
	var parts []string
	if q.warranty {
		if !ok && hasCat {
			parts = append(parts, categoryWarranty(cat))
		} else {
			parts = append(parts, warrantyText(p, ok))
		}
	}
	if q.delivery {
		parts = append(parts, deliveryText(cat, hasCat, q.place))
	}
	if q.stock {
		parts = append(parts, stockText(p, ok, cat, hasCat))
	}
	if q.returns {
		s := "You can return anything within **" + strconv.Itoa(returnDays) + " days** of delivery for a full refund, " +
			"as long as it's unused and in its original packaging."
		if hasCat && cat.Large {
			s += " We collect large appliances from your home for free."
		}
		parts = append(parts, s)
	}
	var sugg []string
	add := func(asked bool, s string) {
		if !asked {
			sugg = append(sugg, s)
		}
	}
	add(q.warranty, "What's the warranty on it?")
	add(q.delivery, "How long does delivery take?")
	add(q.stock || !ok, "Is it in stock?") // "it" needs a product
	if !ok {
		if hasCat {
			sugg = append([]string{"Show me " + cat.Plural}, sugg...)
		}
		return reply{Text: strings.Join(parts, "\n\n"), Suggestions: sugg}
	}
	st.Cat, st.Pick = p.Cat.Key, p.SKU
	sugg = append(sugg[:min(2, len(sugg))], "Add it to my cart")
	return reply{Text: strings.Join(parts, "\n\n"), Options: options(showAs([]product{p}, st.Color), p.SKU),
		Variants: p.variantOptions(), Suggestions: sugg}
}

// serviceTarget is the product a service question is about, if any: one
// named or pointed at, else the last recommendation unless the message
// names another category ("what's the warranty on fridges?").
func serviceTarget(st *convState, q request) (product, bool) {
	if len(q.named) > 0 {
		return productBySKU(q.named[0])
	}
	p, ok := productBySKU(st.Pick)
	if !ok || q.catWord && q.cat != p.Cat.Key {
		return product{}, false
	}
	return p, true
}

// warrantyText states a product's warranty, or the shop's rule.
func warrantyText(p product, ok bool) string {
	if !ok {
		return "Every appliance comes with its manufacturer's warranty — **1 to 5 years** depending on the brand " +
			"(Nordvik gives 5) — and you can extend it by 3 years at checkout."
	}
	years := strconv.Itoa(p.Warranty) + "-year"
	return "The **" + p.shortName() + "** comes with a **" + years + " " + p.Brand + " warranty** covering parts and labour. " +
		"You can extend it by 3 years for " + money(extendedWarranty(p)) + " at checkout."
}

// categoryWarranty lists the warranty of every product of a category,
// longest first.
func categoryWarranty(c category) string {
	ps := find(filters{cat: c})
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Warranty != ps[j].Warranty {
			return ps[i].Warranty > ps[j].Warranty
		}
		return ps[i].SKU < ps[j].SKU
	})
	var b strings.Builder
	b.WriteString("Each of our " + c.Plural + " comes with its manufacturer's warranty, covering parts and labour:\n\n")
	for _, p := range ps {
		b.WriteString("- " + p.shortName() + " — " + strconv.Itoa(p.Warranty) + " year")
		if p.Warranty != 1 {
			b.WriteString("s")
		}
		b.WriteString("\n")
	}
	b.WriteString("\nAny of them can be extended by 3 years at checkout.")
	return b.String()
}

// extendedWarranty prices three extra years at 8% of the price, rounded
// to whole dollars less a cent.
func extendedWarranty(p product) int {
	c := p.Price * 8 / 100
	return (c/100+1)*100 - 1
}

// deliveryText states delivery times for a category, or the shop's rule.
func deliveryText(cat category, ok bool, place string) string {
	where := ""
	if place != "" {
		where = " to " + place
	}
	if !ok {
		return "Delivery" + where + " takes **1–5 working days**: small appliances come by parcel, large ones by a two-person crew on a day you choose."
	}
	s := "Delivery" + where + " takes **" + cat.Delivery + " working days** for " + cat.Plural
	if cat.Large {
		return s + ", by a two-person crew on a day you choose. Installation and taking the old appliance away cost $49 together."
	}
	return s + " by parcel, free on every order."
}

// stockText states how many are ready to ship.
func stockText(p product, ok bool, cat category, hasCat bool) string {
	switch {
	case !ok && hasCat:
		return "Most of our " + cat.Plural + " ship straight from our warehouse; tell me which one and I'll check."
	case !ok:
		return "Most items ship straight from our warehouse; tell me which one and I'll check."
	case p.Stock == 0:
		return "The **" + p.shortName() + "** is sold out right now; the next delivery is expected in about two weeks."
	case p.Stock <= 5:
		return "Only **" + strconv.Itoa(p.Stock) + " left** of the **" + p.shortName() + "** — it ships as soon as you order."
	}
	return "Yes — the **" + p.shortName() + "** is in stock (" + strconv.Itoa(p.Stock) + " ready to ship)."
}

// contextFallback asks the user to rephrase without losing the thread:
// the suggestions stay about the products on screen.
func contextFallback(st *convState) reply {
	pick, ok := productBySKU(st.Pick)
	c, hasCat := categoryByKey(st.Cat)
	if !ok || !hasCat {
		return fallbackReply()
	}
	shown := showAs(products(st.Shown), st.Color)
	text := "I'm not sure I understood that. We were looking at **" + c.Plural + "** — I can tell you more about the **" +
		pick.shortName() + "**, compare them, or check the warranty, delivery and stock."
	sugg := []string{"Tell me more about the " + pick.shortName()}
	if len(shown) > 1 {
		sugg = append(sugg, "Compare the top two")
	}
	sugg = append(sugg, "What's the warranty on it?", "Show me cheaper options")
	return reply{Text: text, Suggestions: sugg}
}

// lowerFirst lower-cases a leading capital unless the word is an acronym
// ("Steam wand" -> "steam wand", "PID control" stays).
func lowerFirst(s string) string {
	if len(s) > 1 && s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z') {
		return string(s[0]-'A'+'a') + s[1:]
	}
	return s
}
