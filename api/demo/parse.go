package demo

import (
	"regexp"
	"strconv"
	"strings"
)

// request is what the scripted agent understood from one user message.
type request struct {
	words string // normalised text: " lowercase words separated by single spaces "

	cat         string // category key named or implied; "" when none
	catWord     bool   // the category was named, not only implied by a kind
	tags        []string
	color       string // requested color, lower case ("stainless", "black")
	brand       string
	named       []string // SKUs the message names, in catalog order
	unsupported string   // an appliance the shop does not sell ("dryers")

	minPrice, maxPrice int // cents; 0 = no bound
	minCap, maxCap     float64
	capUnit            string

	greeting, thanks, compare, cheapest, cheaper, best, bestValue bool
	energy, sale, bestSellers, help, details, cart, colors        bool
	bigger, biggest, smaller, table, similar                      bool

	// Words that say how a search should be ordered: "cheap fridges" lists
	// the cheapest first, "quiet" the quietest, "big" the biggest, "small"
	// the smallest and "top rated" the best rated.
	cheap, quiet, big, small, topRated bool
	compareN                           int

	// Follow-ups about the products on screen.
	superlative string // "quiet", "cheap", "expensive", "big", "small", "rated"; "" when none
	ordinals    []int  // positions named ("the second one"), 1-based; -1 is "the last"
	noise       bool   // "how loud is it?"

	// Questions a shop answers from its own data rather than a search.
	warranty, delivery, returns, stock bool
	place                              string // where to deliver ("Berlin"), as written

	household int // people the appliance is for ("family of 5"); 0 when not said
}

// hasFilters reports whether the request narrows a product search.
func (q request) hasFilters() bool {
	return len(q.tags) > 0 || q.color != "" || q.brand != "" || q.minPrice > 0 || q.maxPrice > 0 ||
		q.minCap > 0 || q.maxCap > 0
}

// has reports whether the normalised text contains one of the phrases as
// whole words.
func (q request) has(phrases ...string) bool {
	for _, p := range phrases {
		if wordIndex(q.words, p) >= 0 {
			return true
		}
	}
	return false
}

// index is the position of the first of the phrases in the text, or -1.
func (q request) index(phrases ...string) int {
	best := -1
	for _, p := range phrases {
		if i := wordIndex(q.words, p); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// wordIndex finds phrase in the space-padded text as whole words, without
// allocating (the agent parses every seeded line, so this is hot).
func wordIndex(words, phrase string) int {
	for off := 0; ; {
		i := strings.Index(words[off:], phrase)
		if i < 0 {
			return -1
		}
		i += off
		if i > 0 && words[i-1] == ' ' && i+len(phrase) < len(words) && words[i+len(phrase)] == ' ' {
			return i - 1
		}
		off = i + 1
	}
}

// normalise lower-cases text and keeps only letters and digits, so that
// phrases can be matched as whole words ("Built-in" -> "built in").
func normalise(text string) string {
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(text) {
		if r == '\'' || r == '’' {
			continue // "what's" -> "whats"
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 0x7f && isLetter(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

func isLetter(r rune) bool {
	return strings.ContainsRune("àáâäãåçèéêëìíîïñòóôöõùúûüýÿæœß", r)
}

// categoryWords maps phrases to category keys. Where phrases overlap, the
// one that starts first in the message wins ("microwave oven" is a
// microwave, "dish washer" a dishwasher).
var categoryWords = []struct {
	key     string
	phrases []string
}{
	{"microwave", []string{"microwave", "microwaves", "micro wave", "micro waves", "over the range", "otr"}},
	{"oven", []string{"oven", "ovens", "wall oven", "range", "ranges", "stove", "stoves", "cooker", "cookers", "air fryer", "air fryers"}},
	{"fridge", []string{"fridge", "fridges", "refrigerator", "refrigerators", "freezer", "freezers", "fridge freezer", "icebox"}},
	{"dishwasher", []string{"dishwasher", "dishwashers", "dish washer", "dish washers"}},
	{"coffee", []string{"coffee", "coffees", "espresso", "espressos", "cappuccino", "latte", "barista", "coffee machine", "coffee maker"}},
	{"washer", []string{"washing machine", "washing machines", "washer", "washers", "laundry", "washer dryer"}},
	{"vacuum", []string{"vacuum", "vacuums", "vacuum cleaner", "vacuum cleaners", "hoover", "hoovers", "roomba", "vac"}},
}

// tagWords maps phrases to product kinds; cat is the category the kind
// implies, if any.
var tagWords = []struct {
	tag, cat string
	phrases  []string
}{
	{"built-in", "", []string{"built in", "builtin", "integrated", "fully integrated", "wall oven", "in wall"}},
	{"countertop", "", []string{"countertop", "counter top", "countertops", "benchtop", "tabletop"}},
	{"over-the-range", "microwave", []string{"over the range", "otr", "above the stove", "over the stove"}},
	{"compact", "", []string{"compact", "small", "mini", "studio", "dorm", "tiny", "little", "small kitchen"}},
	{"combi", "", []string{"combi", "combination"}},
	{"convection", "", []string{"convection", "air fry", "air fryer", "air fryers"}},
	{"pyrolytic", "oven", []string{"pyrolytic", "self cleaning", "self clean"}},
	{"steam", "", []string{"steam"}},
	{"freestanding", "", []string{"freestanding", "free standing"}},
	{"french door", "fridge", []string{"french door", "french doors"}},
	{"side-by-side", "fridge", []string{"side by side"}},
	{"bottom-freezer", "fridge", []string{"bottom freezer", "bottom mount"}},
	{"retro", "", []string{"retro", "vintage"}},
	{"slimline", "", []string{"slimline", "slim", "narrow", "45 cm"}},
	{"espresso", "coffee", []string{"espresso", "espressos"}},
	{"bean-to-cup", "coffee", []string{"bean to cup", "fully automatic", "grinder"}},
	{"capsule", "coffee", []string{"capsule", "capsules", "pod", "pods"}},
	{"drip", "coffee", []string{"drip", "filter coffee"}},
	{"milk", "coffee", []string{"milk", "cappuccino", "latte", "frother", "lattes", "cappuccinos"}},
	{"front-load", "washer", []string{"front load", "front loading", "front loader"}},
	{"top-load", "washer", []string{"top load", "top loading", "top loader"}},
	{"cordless", "", []string{"cordless", "battery", "wireless"}},
	{"stick", "vacuum", []string{"stick"}},
	{"robot", "vacuum", []string{"robot", "robotic", "roomba"}},
	{"upright", "vacuum", []string{"upright"}},
	{"canister", "vacuum", []string{"canister", "cylinder"}},
	{"handheld", "vacuum", []string{"handheld", "hand held"}},
}

// colorWords maps color phrases to the word matched against catalog
// colors. Longer phrases come first so "black stainless" is not "black".
var colorWords = []struct{ phrase, color string }{
	{"black stainless", "black stainless"},
	{"brushed steel", "brushed steel"},
	{"stainless steel", "stainless"},
	{"stainless", "stainless"},
	{"black glass", "black glass"},
	{"panel ready", "panel-ready"},
	{"pastel blue", "pastel blue"},
	{"black", "black"},
	{"white", "white"},
	{"red", "red"},
	{"silver", "silver"},
	{"cream", "cream"},
	{"beige", "cream"},
	{"graphite", "graphite"},
	{"blue", "blue"},
	{"grey", "grey"},
	{"gray", "grey"},
}

// unsupportedWords are appliances people ask about that the demo shop does
// not sell.
var unsupportedWords = []struct{ phrase, name string }{
	{"tumble dryer", "tumble dryers"}, {"dryer", "dryers"}, {"dryers", "dryers"},
	{"toaster", "toasters"}, {"toasters", "toasters"}, {"blender", "blenders"}, {"blenders", "blenders"},
	{"kettle", "kettles"}, {"kettles", "kettles"}, {"tv", "TVs"}, {"tvs", "TVs"}, {"television", "TVs"},
	{"air conditioner", "air conditioners"}, {"laptop", "laptops"}, {"phone", "phones"},
	{"hob", "hobs"}, {"cooktop", "cooktops"}, {"mixer", "mixers"},
}

// Number patterns. Capacities are read (and removed) first so that
// "under 20 litres" is not taken for a budget.
var (
	reThousands = regexp.MustCompile(`(\d),(\d{3})`)
	reCapacity  = regexp.MustCompile(`(?:(at least|minimum|min|over|more than|above|bigger than|larger than|under|below|less than|smaller than|at most|max|maximum|up to)\s+)?(\d+(?:\.\d+)?)\s*(l|ltr|liters?|litres?|cu\.?\s*ft\.?|cubic\s+f(?:ee|oo)t|kg|kilos?|kilograms?|place\s+settings?|settings?)\b(\s*(?:or\s+(?:more|bigger|larger|above|greater|less|smaller|under|below)|\+|and\s+up|and\s+above|minimum|maximum|max|min))?`)
	reBetween   = regexp.MustCompile(`(?:between|from)\s+\$?\s*(\d+(?:\.\d+)?)(k)?\s*(?:and|to|-)\s*\$?\s*(\d+(?:\.\d+)?)(k)?`)
	reRange     = regexp.MustCompile(`\$\s*(\d+(?:\.\d+)?)(k)?\s*(?:-|to)\s*\$?\s*(\d+(?:\.\d+)?)(k)?|(\d+(?:\.\d+)?)(k)?\s*(?:-|to)\s*(\d+(?:\.\d+)?)(k)?\s*(?:dollars|usd|bucks)`)
	reMax       = regexp.MustCompile(`(?:under|below|less than|cheaper than|no more than|not more than|max|maximum|up to|within|at most|budget is|budget of|budget|<)\s*(?:of\s+|is\s+)?\$?\s*(\d+(?:\.\d+)?)(k)?`)
	reMin       = regexp.MustCompile(`(?:over|above|more than|at least|minimum|min|starting at|from)\s*(?:\$\s*(\d+(?:\.\d+)?)(k)?|(\d+(?:\.\d+)?)(k)?\s*(?:dollars|usd|bucks))`)
	reAround    = regexp.MustCompile(`(?:around|about|roughly|approximately|approx|~)\s*\$?\s*(\d+(?:\.\d+)?)(k)?`)
	reBare      = regexp.MustCompile(`\$\s*(\d+(?:\.\d+)?)(k)?|(\d+(?:\.\d+)?)(k)?\s*(?:dollars|usd|bucks)`)
)

// cents converts a matched amount ("1.5" with "k") to cents.
func cents(num, k string) int {
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	if k != "" {
		f *= 1000
	}
	return int(f*100 + 0.5)
}

// parseRequest reads a user message. budgetHint is the lead_details
// budget range sent in the message context ("300-500"), used when the text
// names no budget.
func parseRequest(text, budgetHint string) request {
	q := request{words: normalise(text)}
	if strings.ContainsAny(text, "0123456789") {
		lower := reThousands.ReplaceAllString(strings.ToLower(text), "$1$2")
		lower = q.parseCapacity(lower)
		q.parseBudget(lower)
	}
	if q.minPrice == 0 && q.maxPrice == 0 && budgetHint != "" {
		q.parseBudget("between " + strings.ReplaceAll(budgetHint, "-", " and "))
	}

	q.parseCategory()
	for _, t := range tagWords {
		if q.has(t.phrases...) {
			q.tags = append(q.tags, t.tag)
			if q.cat == "" && t.cat != "" {
				q.cat = t.cat
			}
		}
	}
	if q.cat == "" {
		switch q.capUnit {
		case "kg":
			q.cat = "washer"
		case "place settings":
			q.cat = "dishwasher"
		}
	}
	if q.cat == "" {
		for _, u := range unsupportedWords {
			if q.has(u.phrase) {
				q.unsupported = u.name
				break
			}
		}
	}
	for _, c := range colorWords {
		if q.has(c.phrase) {
			q.color = c.color
			break
		}
	}
	for _, b := range brands {
		if q.has(strings.ToLower(b)) {
			q.brand = b
			break
		}
	}
	for i, p := range catalog {
		if q.namesModel(p, modelPhrases[i]) {
			q.named = append(q.named, p.SKU)
		}
	}
	q.parseIntents()
	q.parseFollowUps(text)
	return q
}

// parseCategory finds the category named first in the message.
func (q *request) parseCategory() {
	best := -1
	for _, c := range categoryWords {
		if i := q.index(c.phrases...); i >= 0 && (best < 0 || i < best) {
			best, q.cat = i, c.key
		}
	}
	q.catWord = q.cat != ""
}

// parseCapacity reads a capacity bound and returns the text with it
// removed.
func (q *request) parseCapacity(lower string) string {
	m := reCapacity.FindStringSubmatchIndex(lower)
	if m == nil {
		return lower
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return lower[m[2*i]:m[2*i+1]]
	}
	val, _ := strconv.ParseFloat(group(2), 64)
	unit := group(3)
	switch {
	case strings.HasPrefix(unit, "cu") || strings.HasPrefix(unit, "cubic"):
		val, unit = val*litresPerCuFt, "L"
	case strings.HasPrefix(unit, "k"):
		unit = "kg"
	case strings.Contains(unit, "setting"):
		unit = "place settings"
	default:
		unit = "L"
	}
	q.capUnit = unit
	pre, post := group(1), strings.TrimSpace(group(4))
	atMost := strings.Contains(" under below less than smaller than at most max maximum up to ", " "+pre+" ") && pre != "" ||
		strings.Contains(post, "less") || strings.Contains(post, "smaller") || strings.Contains(post, "under") ||
		strings.Contains(post, "below") || post == "max" || post == "maximum"
	if atMost {
		q.maxCap = val
	} else {
		q.minCap = val
	}
	return lower[:m[0]] + " " + lower[m[1]:]
}

// parseBudget reads a price bound from text whose capacities are removed.
func (q *request) parseBudget(lower string) {
	if m := reBetween.FindStringSubmatch(lower); m != nil {
		lo, hi := cents(m[1], m[2]), cents(m[3], m[4])
		if lo > hi {
			lo, hi = hi, lo
		}
		q.minPrice, q.maxPrice = lo, hi
		return
	}
	if m := reRange.FindStringSubmatch(lower); m != nil {
		lo, hi := cents(m[1], m[2]), cents(m[3], m[4])
		if m[1] == "" {
			lo, hi = cents(m[5], m[6]), cents(m[7], m[8])
		}
		if lo > hi {
			lo, hi = hi, lo
		}
		q.minPrice, q.maxPrice = lo, hi
		return
	}
	if m := reMax.FindStringSubmatch(lower); m != nil {
		q.maxPrice = cents(m[1], m[2])
	}
	if m := reMin.FindStringSubmatch(lower); m != nil {
		if m[1] != "" {
			q.minPrice = cents(m[1], m[2])
		} else {
			q.minPrice = cents(m[3], m[4])
		}
	}
	if q.minPrice > 0 || q.maxPrice > 0 {
		return
	}
	if m := reAround.FindStringSubmatch(lower); m != nil {
		c := cents(m[1], m[2])
		q.minPrice, q.maxPrice = c*8/10, c*12/10
		return
	}
	if m := reBare.FindStringSubmatch(lower); m != nil {
		if m[1] != "" {
			q.maxPrice = cents(m[1], m[2])
		} else {
			q.maxPrice = cents(m[3], m[4])
		}
	}
}

// names reports whether the message names the product by its model
// ("BM25X", "the Nordvik FD560"). Model words without a digit ("Duetto")
// count only together with the brand, so "pod" alone names no product.
func (q request) names(p product) bool {
	return q.namesModel(p, strings.TrimSpace(normalise(p.model())))
}

// namesModel is names with the product's normalised model given.
func (q request) namesModel(p product, model string) bool {
	if wordIndex(q.words, model) < 0 {
		return false
	}
	return strings.ContainsAny(model, "0123456789") || q.has(strings.ToLower(p.Brand)) || len(model) >= 7
}

// modelPhrases holds each catalog product's normalised model, in catalog
// order; computed once and never modified.
var modelPhrases = func() []string {
	out := make([]string, len(catalog))
	for i, p := range catalog {
		out[i] = strings.TrimSpace(normalise(p.model()))
	}
	return out
}()

// model is the product's model designation: the words after the brand up
// to the first word that is neither the first nor contains a digit
// ("Integra 32", "BM25X", "Barista").
func (p product) model() string {
	f := strings.Fields(p.Name)
	if len(f) < 2 {
		return p.Name
	}
	out := []string{f[1]}
	for _, w := range f[2:] {
		if !strings.ContainsAny(w, "0123456789") {
			break
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// parseIntents finds what the user wants done.
func (q *request) parseIntents() {
	q.greeting = q.has("hi", "hello", "hey", "hiya", "howdy", "good morning", "good afternoon", "good evening", "greetings", "yo")
	q.thanks = q.has("thanks", "thank you", "thx", "ty", "cheers", "appreciate it", "thats all", "that is all", "great thanks", "perfect")
	q.bestSellers = q.has("best seller", "best sellers", "bestseller", "bestsellers", "best selling", "popular", "most popular",
		"top sellers", "top seller", "trending", "top selling")
	q.energy = q.has("energy", "efficient", "efficiency", "power consumption", "electricity", "kwh", "energy rating")
	q.bestValue = q.has("best value", "value for money", "bang for", "best deal", "good value", "worth it")
	q.sale = q.has("sale", "on sale", "deal", "deals", "discount", "discounts", "discounted", "offers", "offer",
		"promotion", "promotions", "promo", "clearance", "reduced")
	q.compare = q.has("compare", "comparison", "vs", "versus", "difference between", "differences", "difference",
		"which is better", "which one is better", "which of them is better", "which of these is better")
	q.cheapest = q.has("cheapest", "lowest price", "least expensive", "most affordable", "lowest priced", "cheapest one")
	q.cheaper = q.has("cheaper", "less expensive", "lower price", "lower priced", "more affordable", "budget option",
		"budget options", "too expensive", "too pricey", "over my budget")
	q.best = !q.bestSellers && !q.energy && !q.bestValue && q.has("best", "recommend", "recommended", "recommendation",
		"top rated", "top pick", "which should i", "what should i", "your pick", "suggest", "highest rated", "good one")
	q.help = q.has("help me choose", "help choosing", "help me pick", "not sure", "dont know", "help me find",
		"help", "choosing a product", "where do i start")
	q.details = q.has("tell me more", "more about", "details", "detail", "specs", "specifications", "dimensions",
		"how big is", "features", "more info", "more information", "describe", "what about it")
	q.cart = q.has("add to cart", "add it to", "to my cart", "to cart", "buy", "purchase", "order it", "checkout",
		"check out", "ill take", "i will take")
	q.colors = q.has("colors", "colours", "color", "colour", "come in", "comes in", "available in", "finishes")
	q.bigger = q.has("bigger", "larger", "more capacity", "more space", "roomier", "bigger one")
	q.biggest = q.has("biggest", "largest", "most capacity", "largest capacity", "most space")
	q.smaller = q.has("smaller", "more compact", "less space")
	q.cheap = q.cheapest || q.has("cheap", "cheaply", "affordable", "inexpensive", "low cost", "low priced", "bargain",
		"economical") || q.has("budget") && q.maxPrice == 0 && !q.cheaper
	q.quiet = q.has("quiet", "silent", "low noise", "quietest", "quieter", "least noisy", "noiseless")
	q.big = q.biggest || q.has("big", "large", "spacious", "roomy", "huge") && !q.has("how big", "how large")
	q.small = q.has("smallest", "most compact", "tiniest") || contains(q.tags, "compact")
	q.topRated = q.has("best rated", "top rated", "highest rated", "best reviewed", "best reviews")
	q.table = q.has("table", "spreadsheet", "in a grid", "as a grid")
	q.similar = q.has("similar", "alternatives", "alternative", "other options", "something else", "others", "show me more")
	switch {
	case q.has("top three", "top 3", "three", "3 of them", "all three"):
		q.compareN = 3
	case q.has("all", "all of them", "top four", "top 4", "four"):
		q.compareN = 4
	default:
		q.compareN = 2
	}
}
