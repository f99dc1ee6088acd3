package demo

import (
	"math"
	"sort"
	"strings"
)

// filters narrow the catalog to what the user asked for.
type filters struct {
	cat                category
	tags               []string
	color, brand       string
	minPrice, maxPrice int
	minCap, maxCap     float64
	capUnit            string
	exclude            string // SKU left out ("something similar")
}

// filtersFrom reads the search remembered in the conversation.
func filtersFrom(st *convState) filters {
	c, _ := categoryByKey(st.Cat)
	return filters{cat: c, tags: st.Tags, color: st.Color, brand: st.Brand,
		minPrice: st.MinPrice, maxPrice: st.MaxPrice, minCap: st.MinCap, maxCap: st.MaxCap, capUnit: st.CapUnit}
}

// match reports whether a product passes every filter. A capacity in a
// unit the category does not use (litres for a washer) is ignored.
func (f filters) match(p product) bool {
	if p.Cat.Key != f.cat.Key || p.SKU == f.exclude {
		return false
	}
	for _, t := range f.tags {
		if !p.hasTag(t) {
			return false
		}
	}
	if f.color != "" {
		if _, ok := p.hasColor(f.color); !ok {
			return false
		}
	}
	if f.brand != "" && p.Brand != f.brand {
		return false
	}
	if f.minPrice > 0 && p.Price < f.minPrice || f.maxPrice > 0 && p.Price > f.maxPrice {
		return false
	}
	if f.capUnit == "" || f.capUnit == p.Unit {
		if f.minCap > 0 && p.Capacity < f.minCap || f.maxCap > 0 && p.Capacity > f.maxCap {
			return false
		}
	}
	return true
}

// find lists matching products in catalog order.
func find(f filters) []product {
	var out []product
	for _, p := range catalog {
		if f.match(p) {
			out = append(out, p)
		}
	}
	return out
}

// relaxations, in the order constraints are dropped when nothing matches;
// the names are how the reply refers to them.
var relaxations = []struct {
	name string
	drop func(*filters) bool
}{
	{"color", func(f *filters) bool { had := f.color != ""; f.color = ""; return had }},
	{"brand", func(f *filters) bool { had := f.brand != ""; f.brand = ""; return had }},
	{"size", func(f *filters) bool { had := f.minCap > 0 || f.maxCap > 0; f.minCap, f.maxCap = 0, 0; return had }},
	{"type", func(f *filters) bool { had := len(f.tags) > 0; f.tags = nil; return had }},
	{"budget", func(f *filters) bool {
		had := f.minPrice > 0 || f.maxPrice > 0
		f.minPrice, f.maxPrice = 0, 0
		return had
	}},
}

// findRelaxed finds matches, dropping constraints one by one (except those
// in keep) until something matches. It returns the filters that matched
// and the names of the constraints it dropped.
func findRelaxed(f filters, keep ...string) ([]product, filters, []string) {
	if ps := find(f); len(ps) > 0 {
		return ps, f, nil
	}
	var dropped []string
	for _, r := range relaxations {
		if contains(keep, r.name) {
			continue
		}
		if r.drop(&f) {
			dropped = append(dropped, r.name)
			if ps := find(f); len(ps) > 0 {
				return ps, f, dropped
			}
		}
	}
	return nil, f, dropped
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Orderings of search results.
const (
	byScore = iota
	byPrice
	byCapacityDesc
	byCapacityAsc
	byEnergy
	byDiscount
	byNoise
	byRating
)

// sortProducts orders products; ties go to the better rated (see
// tieBreak) and finally to SKU, so the order never depends on anything but
// the catalog.
func sortProducts(ps []product, order int) {
	key := func(p product) float64 {
		switch order {
		case byPrice:
			return float64(p.Price)
		case byCapacityDesc:
			return -p.Capacity
		case byCapacityAsc:
			return p.Capacity
		case byEnergy:
			return float64(energyRank(p.Energy))*1000 - p.score()
		case byDiscount:
			return -float64(p.WasPrice-p.Price) / float64(p.WasPrice+1)
		case byNoise:
			if n, ok := noiseDB(p); ok {
				return float64(n)
			}
			return math.MaxFloat64 // no published figure: last
		case byRating:
			return -p.Rating
		}
		return -p.score()
	}
	sort.SliceStable(ps, func(i, j int) bool {
		ki, kj := key(ps[i]), key(ps[j])
		if ki != kj {
			return ki < kj
		}
		return tieBreak(ps[i], ps[j])
	})
}

// tagPhrase is how a kind reads before the noun ("built-in") or after it
// ("with a milk frother").
func tagPhrase(tag string) (before, after string) {
	switch tag {
	case "milk":
		return "", "with a milk frother"
	case "quiet":
		return "quiet", ""
	case "french door":
		return "French door", ""
	}
	return tag, ""
}

// colorName is how a requested color reads in prose.
func colorName(c string) string {
	if c == "stainless" {
		return "stainless steel"
	}
	return c
}

// numberWord spells small counts.
func numberWord(n int) string {
	words := []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return thousands(n)
}

// phrase describes the filters as a noun phrase: "3 built-in microwaves
// under $300 with at least 20 L". n < 0 leaves the count out (plural).
func (f filters) phrase(n int) string {
	var b []string
	if n >= 0 {
		b = append(b, numberWord(n))
	}
	var after []string
	for _, t := range f.tags {
		pre, post := tagPhrase(t)
		if pre != "" {
			b = append(b, pre)
		}
		if post != "" {
			after = append(after, post)
		}
	}
	if n == 1 {
		b = append(b, f.cat.Singular)
	} else {
		b = append(b, f.cat.Plural)
	}
	b = append(b, after...)
	if f.brand != "" {
		b = append(b, "from "+f.brand)
	}
	switch {
	case f.minPrice > 0 && f.maxPrice > 0:
		b = append(b, "between "+roundMoney(f.minPrice)+" and "+roundMoney(f.maxPrice))
	case f.maxPrice > 0:
		b = append(b, "under "+roundMoney(f.maxPrice))
	case f.minPrice > 0:
		b = append(b, "over "+roundMoney(f.minPrice))
	}
	if f.minCap > 0 || f.maxCap > 0 {
		b = append(b, capacityPhrase(f))
	}
	if f.color != "" {
		b = append(b, "in "+colorName(f.color))
	}
	return strings.Join(b, " ")
}

// capacityPhrase describes a capacity bound in the category's terms.
func capacityPhrase(f filters) string {
	unit := f.capUnit
	if unit == "" {
		unit = "L"
	}
	bound, v := "at least ", f.minCap
	if f.maxCap > 0 {
		bound, v = "up to ", f.maxCap
	}
	switch unit {
	case "place settings":
		return "for " + bound + number(roundTo(v, 1)) + " place settings"
	case "kg":
		return "with " + bound + number(roundTo(v, 1)) + " kg capacity"
	}
	return "with " + bound + number(roundTo(v, 1)) + " L"
}

// roundTo rounds to the given number of decimals (for cu ft conversions).
func roundTo(v float64, decimals int) float64 {
	p := 1.0
	for i := 0; i < decimals; i++ {
		p *= 10
	}
	return float64(int(v*p+0.5)) / p
}

// joinAnd joins words as prose: "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// sortBy sorts products with a custom order; less must break ties itself.
func sortBy(ps []product, less func(i, j int) bool) {
	sort.SliceStable(ps, less)
}

// indefinite puts "a" or "an" before a noun phrase.
func indefinite(phrase string) string {
	if phrase != "" && strings.ContainsRune("aeiouAEIOU", rune(phrase[0])) {
		return "an " + phrase
	}
	return "a " + phrase
}
