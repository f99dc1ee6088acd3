package demo

import (
	"regexp"
	"strconv"
	"strings"
)

// ordinalWords are the ways a message points at a product by its place in
// the last list, with the position they name (-1: the last one).
var ordinalWords = []struct {
	pos     int
	phrases []string
}{
	{1, []string{"the first", "first one", "the 1st", "number one", "number 1", "option 1", "option one", "no 1"}},
	{2, []string{"the second", "second one", "the 2nd", "number two", "number 2", "option 2", "option two", "no 2"}},
	{3, []string{"the third", "third one", "the 3rd", "number three", "number 3", "option 3", "option three", "no 3"}},
	{4, []string{"the fourth", "fourth one", "the 4th", "number four", "number 4", "option 4", "option four", "no 4"}},
	{-1, []string{"the last", "last one"}},
}

// superlativeWords map phrases to the measure a "which one is the …?"
// question ranks the shown products by.
var superlativeWords = []struct {
	kind    string
	phrases []string
}{
	{"quiet", []string{"quietest", "most quiet", "least noisy", "least noise", "lowest noise", "quieter", "less noisy", "least loud"}},
	{"expensive", []string{"most expensive", "priciest", "dearest", "most premium"}},
	{"cheap", []string{"cheapest", "lowest price", "least expensive", "most affordable", "lowest priced", "cheaper one"}},
	{"big", []string{"biggest", "largest", "most capacity", "largest capacity", "most space", "roomiest"}},
	{"small", []string{"smallest", "most compact", "least space", "tiniest"}},
	{"rated", []string{"best rated", "highest rated", "top rated", "best reviewed", "best reviews", "most popular one"}},
}

// householdNumbers reads a spelled-out count of people.
var householdNumbers = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}

var (
	reHousehold = regexp.MustCompile(`(?:family|household|house|home|flat)\s+of\s+(\d+|one|two|three|four|five|six|seven|eight)\b|` +
		`\bfor\s+(\d+|two|three|four|five|six|seven|eight)\s+(?:people|persons|of us|adults|person)\b|` +
		`\b(\d+|two|three|four|five|six|seven|eight)\s+of\s+us\b|\bwe\s+are\s+(\d+|two|three|four|five|six|seven|eight)\b`)
	// rePlace finds a capitalised place name after "to" or "in" in the
	// original text ("delivery to Berlin").
	rePlace = regexp.MustCompile(`\b(?:to|in)\s+([A-Z][\p{L}\-]+(?:\s+[A-Z][\p{L}\-]+)?)`)
)

// parseFollowUps reads references to the products on screen, service
// questions and the size of the household.
func (q *request) parseFollowUps(text string) {
	for _, s := range superlativeWords {
		if q.has(s.phrases...) {
			q.superlative = s.kind
			break
		}
	}
	type at struct{ pos, i int }
	var found []at
	for _, o := range ordinalWords {
		if i := q.index(o.phrases...); i >= 0 {
			found = append(found, at{o.pos, i})
		}
	}
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].i < found[j-1].i; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	for _, f := range found {
		q.ordinals = append(q.ordinals, f.pos)
	}
	q.noise = q.has("how loud", "how noisy", "noise level", "noise", "decibels", "db", "loud", "noisy")
	q.warranty = q.has("warranty", "warranties", "guarantee", "guaranteed")
	q.delivery = q.has("delivery", "deliver", "delivered", "delivering", "shipping", "ship", "ships", "shipped",
		"arrive", "when can i get", "when will i get", "installation", "install", "installed")
	q.returns = q.has("return", "returns", "returning", "refund", "refunds", "send it back", "money back")
	q.stock = q.has("in stock", "stock", "availability", "sold out", "available now", "is it available",
		"are they available", "have it in")
	if q.color != "" && !q.has("in stock", "stock", "sold out") {
		q.stock = false // "is it available in black?" asks about a color
	}
	if q.delivery {
		if m := rePlace.FindStringSubmatch(text); m != nil && !isCategoryOrColor(m[1]) {
			q.place = m[1]
		}
	}
	if m := reHousehold.FindStringSubmatch(strings.ToLower(text)); m != nil {
		for _, g := range m[1:] {
			if g == "" {
				continue
			}
			if n, err := strconv.Atoi(g); err == nil {
				q.household = n
			} else {
				q.household = householdNumbers[g]
			}
			break
		}
	}
	if q.household == 0 {
		switch {
		case q.has("just me", "only me", "living alone", "live alone", "single person", "for one person"):
			q.household = 1
		case q.has("couple", "for two", "the two of us", "me and my partner", "my wife and i", "my husband and i"):
			q.household = 2
		}
	}
}

// isCategoryOrColor reports whether a capitalised word after "in" is a
// color or product word rather than a place ("in Black").
func isCategoryOrColor(s string) bool {
	w := normalise(s)
	for _, c := range colorWords {
		if wordIndex(w, c.phrase) >= 0 {
			return true
		}
	}
	for _, b := range brands {
		if strings.EqualFold(b, s) {
			return true
		}
	}
	return false
}

// service reports whether the message asks about warranty, delivery,
// returns or stock.
func (q request) service() bool {
	return q.warranty || q.delivery || q.returns || q.stock
}

// householdCapacity is the smallest capacity that suits a household of n
// people in a category, and its unit; 0 when size does not depend on it.
func householdCapacity(cat string, n int) (float64, string) {
	pick := func(small, mid, large float64) float64 {
		switch {
		case n <= 2:
			return small
		case n <= 4:
			return mid
		}
		return large
	}
	switch cat {
	case "washer":
		if n <= 1 {
			return 6, "kg"
		}
		return pick(7, 8, 9), "kg"
	case "dishwasher":
		return pick(6, 10, 13), "place settings"
	case "fridge":
		if n <= 1 {
			return 90, "L"
		}
		return pick(250, 300, 500), "L"
	case "oven":
		if n >= 5 {
			return 65, "L"
		}
	case "microwave":
		if n >= 5 {
			return 25, "L"
		}
	}
	return 0, ""
}
