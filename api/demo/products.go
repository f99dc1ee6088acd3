package demo

import (
	"math"
	"strconv"
	"strings"

	"aui-tui/api"
)

// energyLabels orders the EU energy labels from best to worst.
var energyLabels = []string{"A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"}

// energyRank is the position of a label in energyLabels (lower is better).
func energyRank(label string) int {
	for i, l := range energyLabels {
		if l == label {
			return i
		}
	}
	return len(energyLabels)
}

// score ranks products for "best" and default orderings: rating first,
// then how many people rated it, best-seller status and efficiency.
func (p product) score() float64 {
	s := p.Rating*10 + math.Log10(float64(p.Reviews)+1)*2
	if p.Seller > 0 {
		s += 1.5
	}
	return s + float64(6-energyRank(p.Energy))*0.3
}

// valueScore ranks products for "best value": score per dollar, dampened
// so that very cheap products do not always win.
func (p product) valueScore() float64 {
	return p.score() / math.Sqrt(float64(p.Price)/100)
}

// money formats cents as "$1,234.56".
func money(cents int) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.Itoa(cents / 100)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteByte('$')
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	frac := cents % 100
	b.WriteByte('.')
	b.WriteByte(byte('0' + frac/10))
	b.WriteByte(byte('0' + frac%10))
	return b.String()
}

// roundMoney formats a budget bound without cents when it has none: "$300".
func roundMoney(cents int) string {
	s := money(cents)
	return strings.TrimSuffix(s, ".00")
}

// thousands formats an integer with comma separators.
func thousands(n int) string {
	return strings.TrimPrefix(strings.TrimSuffix(money(n*100), ".00"), "$")
}

// number formats a float without trailing zeros.
func number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// capacityText formats a capacity with its unit, adding cubic feet for the
// large volumes that American shoppers think of in cu ft.
func capacityText(c float64, unit string) string {
	switch unit {
	case "L":
		s := number(c) + " L"
		if c >= 40 {
			s += " (" + strconv.FormatFloat(c/litresPerCuFt, 'f', 1, 64) + " cu ft)"
		}
		return s
	case "kg":
		return number(c) + " kg"
	default:
		return number(c) + " " + unit
	}
}

// litresPerCuFt converts cubic feet to litres.
const litresPerCuFt = 28.3168

// shortName is the brand and model, for prose: "Nordvik BM25X". It names
// the product unambiguously when the user repeats it.
func (p product) shortName() string {
	return p.Brand + " " + p.model()
}

// link is the product's page in the demo shop.
func (p product) link() string {
	return "https://shop.example.com/" + p.Cat.Slug + "/" + strings.ToLower(p.SKU)
}

// slug makes a URL query value from a label: "Stainless steel" -> "stainless-steel".
func slug(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}

// variant is one purchasable form of a product.
type variant struct {
	Color    string
	Capacity float64
	Price    int
	Query    string // appended to the product link
}

// variants lists the product's other colors (at the base size) and other
// sizes (in the base color).
func (p product) variants() []variant {
	var out []variant
	for _, c := range p.Colors {
		out = append(out, variant{Color: c, Capacity: p.Capacity, Price: p.Price, Query: "?color=" + slug(c)})
	}
	for _, s := range p.Sizes {
		out = append(out, variant{Color: p.Colors[0], Capacity: s.Capacity, Price: p.Price + s.Delta,
			Query: "?size=" + slug(number(s.Capacity)+p.Unit)})
	}
	return out
}

// hasColor reports whether the product comes in a color matching the
// requested one ("stainless" matches "Stainless steel" and "Black stainless").
func (p product) hasColor(want string) (string, bool) {
	for _, c := range p.Colors {
		if colorMatches(c, want) {
			return c, true
		}
	}
	return "", false
}

// colorMatches compares a catalog color with a requested color word.
func colorMatches(have, want string) bool {
	have, want = strings.ToLower(have), strings.ToLower(want)
	if have == want {
		return true
	}
	for _, w := range strings.Fields(want) {
		if !strings.Contains(have, w) {
			return false
		}
	}
	return want != ""
}

// hasTag reports whether the product is of the given kind.
func (p product) hasTag(tag string) bool {
	for _, t := range p.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// params lists the card rows of the product in a given color, size and price.
func (p product) params(color string, capacity float64, price int, query string) []api.Parameter {
	name := p.Name
	if query != "" {
		name += " — " + color
		if capacity != p.Capacity {
			name = p.Name + " — " + capacityText(capacity, p.Unit)
		}
	}
	ps := []api.Parameter{
		{Title: "Product name", Value: api.StringValue(name), Type: "string"},
		{Title: "Price", Value: api.StringValue(money(price)), Type: "string"},
	}
	if p.onSale() && price == p.Price {
		ps = append(ps, api.Parameter{Title: "Was", Value: api.StringValue(money(p.WasPrice)), Type: "string"})
	}
	ps = append(ps,
		api.Parameter{Title: "Capacity", Value: api.StringValue(capacityText(capacity, p.Unit)), Type: "string"},
		api.Parameter{Title: "Color", Value: api.StringValue(color), Type: "string"},
		api.Parameter{Title: "Energy rating", Value: api.StringValue(p.Energy), Type: "string"},
		api.Parameter{Title: "Brand", Value: api.StringValue(p.Brand), Type: "string"},
		api.Parameter{Title: "Rating", Value: api.NumberValue(p.Rating), Type: "numeric"},
		api.Parameter{Title: "Features", Value: api.ListValue(p.Features...), Type: "array"},
		api.Parameter{Title: "Link", Value: api.StringValue(p.link() + query), Type: "string"},
	)
	return ps
}

// variantOptions builds the variants_options of a product.
func (p product) variantOptions() []api.ProductOption {
	vs := p.variants()
	if len(vs) < 2 {
		// A single variant is the product itself; AUI sends none then.
		return []api.ProductOption{}
	}
	out := make([]api.ProductOption, 0, len(vs))
	for _, v := range vs {
		out = append(out, api.ProductOption{WidgetParameters: p.params(v.Color, v.Capacity, v.Price, v.Query)})
	}
	return out
}
