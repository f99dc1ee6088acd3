package demo

import (
	"strings"

	"aui-tui/api"
)

// convState is what the agent remembers of a conversation between turns.
// It is stored with the task, so the agent is a pure function of
// (state, message) and replies are reproducible.
type convState struct {
	Cat      string   `json:"cat,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Color    string   `json:"color,omitempty"`
	Brand    string   `json:"brand,omitempty"`
	MinPrice int      `json:"min_price,omitempty"`
	MaxPrice int      `json:"max_price,omitempty"`
	MinCap   float64  `json:"min_cap,omitempty"`
	MaxCap   float64  `json:"max_cap,omitempty"`
	CapUnit  string   `json:"cap_unit,omitempty"`
	Shown    []string `json:"shown,omitempty"` // SKUs last shown, in display order
	Pick     string   `json:"pick,omitempty"`  // SKU last recommended
	// Household is how many people the user shops for ("family of 5"),
	// kept across categories; 0 when not said.
	Household int `json:"household,omitempty"`
	Turns     int `json:"turns,omitempty"`
}

// reply is the agent's answer to one message.
type reply struct {
	Text        string
	Options     []api.ProductOption
	Variants    []api.ProductOption
	Suggestions []string
}

// welcomeMessage and starterSuggestions open every new task.
const welcomeMessage = "Hi! I'm here to help you find the perfect product. What are you looking for today?"

// starterSuggestions returns the suggestions offered with the welcome
// message (a fresh slice each time, so callers may keep it).
func starterSuggestions() []string {
	return []string{"Show me your best sellers", "I need help choosing a product", "What's on sale right now?"}
}

// respond is the scripted shopping agent: it reads one user message in the
// conversation's state, updates the state and returns the reply.
// budgetHint is an optional "300-500" budget from the message context.
func respond(st *convState, text, budgetHint string) reply {
	q := parseRequest(text, budgetHint)
	r := dispatch(st, q)
	st.Turns++
	if r.Options == nil {
		r.Options = []api.ProductOption{}
	}
	if r.Variants == nil {
		r.Variants = []api.ProductOption{}
	}
	r.Suggestions = padSuggestions(r.Suggestions)
	return r
}

// dispatch picks the kind of reply. Order matters: specific requests about
// the products on screen come before a fresh search, and small talk last.
func dispatch(st *convState, q request) reply {
	resolveOrdinals(st, &q)
	if q.household > 0 {
		st.Household = q.household
	}
	pick, hasPick := productBySKU(st.Pick)
	// about is true when the message is about a product already in the
	// conversation: named, pointed at, or "it".
	about := len(q.named) > 0 || hasPick && !q.catWord
	onScreen := len(st.Shown) > 0 && !q.catWord
	switch {
	case q.cat == "" && q.unsupported != "":
		return unsupportedReply(q)
	case q.compare:
		return compareReply(st, q)
	case q.service() && !q.cart:
		return serviceReply(st, q)
	case q.cart && about:
		return cartReply(st, q)
	case q.details && about:
		return detailsReply(st, q)
	case q.superlative != "" && onScreen && len(st.Shown) > 1 && q.minPrice == 0 && q.maxPrice == 0:
		return superlativeReply(st, q)
	case q.noise && about:
		return noiseReply(st, q)
	case q.bestSellers:
		return bestSellersReply(st, q)
	case q.sale:
		return saleReply(st, q)
	case q.energy && onScreen:
		return energyReply(st)
	case q.colors && about:
		return colorsReply(st, q)
	case q.bestValue && onScreen:
		return valueReply(st)
	case q.cheaper && hasPick && !q.catWord:
		return cheaperReply(st, pick)
	case (q.bigger || q.smaller) && hasPick && !q.catWord:
		return sizeStepReply(st, q, pick)
	case len(q.named) > 0 && !q.catWord && len(q.tags) == 0 && q.color == "" && q.maxPrice == 0 && q.minCap == 0 && q.maxCap == 0:
		// "The second one?": what the user points at, in detail.
		return detailsReply(st, q)
	case q.cat != "" || st.Cat != "" && (q.hasFilters() || q.cheap || q.quiet || q.big || q.topRated || q.best || q.similar || q.cheaper || q.household > 0):
		return searchReply(st, q)
	case q.help:
		return helpReply()
	case q.greeting:
		return greetingReply()
	case q.thanks:
		return thanksReply()
	}
	return contextFallback(st)
}

// titleFor derives a task title from the first message that says what the
// user wants; "" means the message (a greeting, say) gives no title.
func titleFor(text string) string {
	q := parseRequest(text, "")
	if c, ok := categoryByKey(q.cat); ok {
		var words []string
		if q.quiet {
			words = append(words, "quiet")
		}
		for _, t := range q.tags {
			if pre, _ := tagPhrase(t); pre != "" && len(words) < 2 {
				words = append(words, pre)
			}
		}
		words = append(words, c.Singular)
		title := capitalise(strings.Join(words, " "))
		if q.sale {
			return title + " deals"
		}
		switch {
		case q.minPrice > 0 && q.maxPrice > 0:
			title += " " + roundMoney(q.minPrice) + "–" + roundMoney(q.maxPrice)
		case q.maxPrice > 0:
			title += " under " + roundMoney(q.maxPrice)
		case q.color != "" && len(q.tags) == 0:
			title += " in " + colorName(q.color)
		}
		return title
	}
	switch {
	case q.bestSellers:
		return "Best sellers"
	case q.sale:
		return "Deals on sale"
	case q.unsupported != "":
		return capitalise(q.unsupported)
	case q.help:
		return "Help choosing a product"
	case (q.greeting || q.thanks) && len(strings.Fields(q.words)) <= 4:
		return ""
	}
	return firstWords(text, 6, 40)
}

// firstWords shortens a message to a title: at most n words and max bytes,
// without trailing punctuation.
func firstWords(text string, n, max int) string {
	f := strings.Fields(text)
	if len(f) > n {
		f = f[:n]
	}
	s := strings.Join(f, " ")
	for len(s) > max {
		i := strings.LastIndexByte(s, ' ')
		if i <= 0 {
			s = s[:max]
			break
		}
		s = s[:i]
	}
	s = strings.TrimRight(s, " .,;:!?-—")
	if s == "" {
		return ""
	}
	return capitalise(s)
}

// capitalise upper-cases the first letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// padSuggestions keeps 2 to 4 distinct suggestions, filling with general
// ones when a reply offers too few.
func padSuggestions(s []string) []string {
	out := make([]string, 0, 4)
	seen := map[string]bool{}
	add := func(x string) {
		if x != "" && !seen[x] && len(out) < 4 {
			seen[x] = true
			out = append(out, x)
		}
	}
	for _, x := range s {
		add(x)
	}
	for _, x := range []string{"Show me your best sellers", "What's on sale right now?", "I need help choosing a product"} {
		if len(out) >= 2 {
			break
		}
		add(x)
	}
	return out
}
