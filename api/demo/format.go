package demo

import (
	"strings"

	"aui-tui/api"
)

// shownProduct is a product as displayed in a reply: in the color the user
// asked for when it has it.
type shownProduct struct {
	product
	Color string
}

// showAs pairs products with the color to display.
func showAs(ps []product, color string) []shownProduct {
	out := make([]shownProduct, len(ps))
	for i, p := range ps {
		c := p.Colors[0]
		if color != "" {
			if have, ok := p.hasColor(color); ok {
				c = have
			}
		}
		out[i] = shownProduct{p, c}
	}
	return out
}

// priceText shows the price, with the old price struck through on sale.
func priceText(p product) string {
	if p.onSale() {
		return "**" + money(p.Price) + "** ~~" + money(p.WasPrice) + "~~"
	}
	return money(p.Price)
}

// bullets lists products as a markdown list.
func bullets(ps []shownProduct) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("- **" + p.Name + "** — " + priceText(p.product) + " · " + capacityText(p.Capacity, p.Unit) +
			" · " + p.Color + " · energy " + p.Energy + " · ★ " + number(p.Rating) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// table lists products as a markdown table.
func table(ps []shownProduct) string {
	var b strings.Builder
	b.WriteString("| Product | Price | Capacity | Color | Energy | Rating |\n")
	b.WriteString("|---|---:|---|---|:---:|:---:|\n")
	for _, p := range ps {
		b.WriteString("| " + p.Name + " | " + priceText(p.product) + " | " + capacityText(p.Capacity, p.Unit) + " | " +
			p.Color + " | " + p.Energy + " | ★ " + number(p.Rating) + " |\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// options builds the option cards; the product whose SKU is pick is the
// recommended one (exactly one, as AUI sends).
func options(ps []shownProduct, pick string) []api.ProductOption {
	out := make([]api.ProductOption, 0, len(ps))
	for _, p := range ps {
		out = append(out, api.ProductOption{
			IsRecommended:    p.SKU == pick,
			WidgetParameters: p.params(p.Color, p.Capacity, p.Price, ""),
		})
	}
	return out
}

// skus lists the products' SKUs, for the conversation state.
func skus(ps []shownProduct) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.SKU
	}
	return out
}

// products turns SKUs back into catalog products, skipping unknown ones.
func products(ids []string) []product {
	var out []product
	for _, id := range ids {
		if p, ok := productBySKU(id); ok {
			out = append(out, p)
		}
	}
	return out
}

// pickReason explains a recommendation among the shown products.
func pickReason(pick product, shown []product, order int) string {
	var parts []string
	switch order {
	case byPrice:
		if c := shown[0]; c.SKU != pick.SKU {
			parts = append(parts, "the lowest price here among those rated "+number(goodRating)+"★ or more, at "+money(pick.Price)+
				" (the "+c.shortName()+" costs "+money(pick.Price-c.Price)+" less but is rated "+number(c.Rating)+"★)")
		} else {
			parts = append(parts, "the lowest price here at "+money(pick.Price))
		}
	case byCapacityDesc:
		parts = append(parts, "the most room at "+capacityText(pick.Capacity, pick.Unit))
	case byCapacityAsc:
		parts = append(parts, "the most compact at "+capacityText(pick.Capacity, pick.Unit))
	case byNoise:
		parts = append(parts, "the quietest here at "+pick.Noise)
	default:
		top := true
		for _, p := range shown {
			if p.Rating > pick.Rating {
				top = false
			}
		}
		if top {
			parts = append(parts, "the best rating here ("+number(pick.Rating)+"★ from "+thousands(pick.Reviews)+" reviews)")
		} else {
			parts = append(parts, "the best all-round score ("+number(pick.Rating)+"★ from "+thousands(pick.Reviews)+" reviews)")
		}
	}
	if len(shown) > 1 {
		best := true
		for _, p := range shown {
			if energyRank(p.Energy) < energyRank(pick.Energy) {
				best = false
			}
		}
		if best {
			parts = append(parts, article(pick.Energy)+" "+pick.Energy+" energy rating")
		}
	}
	switch {
	case pick.onSale() && order == byPrice:
		parts = append(parts, "it's on sale (was "+money(pick.WasPrice)+")")
	case pick.onSale():
		parts = append(parts, "it's on sale for "+money(pick.Price)+" (was "+money(pick.WasPrice)+")")
	}
	return joinAnd(parts)
}

// closings end a results reply with a question, varied by turn.
var closings = []string{
	"Would you like to compare them, or see cheaper options?",
	"Want me to go into the details of any of them?",
	"Should I narrow it down further, by color or size?",
}

// colorQuestion suggests asking about a color some of the shown products
// offer but not all show by default; "" when none fits.
func colorQuestion(ps []shownProduct, current string) string {
	for _, c := range []string{"stainless", "black", "white", "red", "cream"} {
		if c == current {
			continue
		}
		some, all := false, true
		for _, p := range ps {
			if _, ok := p.hasColor(c); ok {
				some = true
			}
			if !colorMatches(p.Color, c) {
				all = false
			}
		}
		if some && !all {
			return "Do any of these come in " + colorName(c) + "?"
		}
	}
	return ""
}

// energiesDiffer reports whether the products have different energy labels.
func energiesDiffer(ps []product) bool {
	for _, p := range ps[1:] {
		if p.Energy != ps[0].Energy {
			return true
		}
	}
	return false
}

// cheaperExists reports whether the category has something cheaper.
func cheaperExists(p product) bool {
	for _, c := range catalog {
		if c.Cat.Key == p.Cat.Key && c.Price < p.Price {
			return true
		}
	}
	return false
}

// biggerExists reports whether the category has something bigger.
func biggerExists(p product) bool {
	for _, c := range catalog {
		if c.Cat.Key == p.Cat.Key && c.Capacity > p.Capacity {
			return true
		}
	}
	return false
}

// plain lists shownProducts as catalog products.
func plain(ps []shownProduct) []product {
	out := make([]product, len(ps))
	for i, p := range ps {
		out[i] = p.product
	}
	return out
}

// article is "a" or "an" before an energy label, by how it is read aloud.
func article(label string) string {
	if strings.HasPrefix(label, "A") || strings.HasPrefix(label, "E") || strings.HasPrefix(label, "F") {
		return "an"
	}
	return "a"
}
