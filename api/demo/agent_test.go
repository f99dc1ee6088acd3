package demo

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"aui-tui/api"
)

// withoutIdentity drops the fields that legitimately differ between runs.
func withoutIdentity(t *testing.T, b []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "id")
	delete(m, "created_at")
	out, _ := json.Marshal(m)
	return string(out)
}

func TestSameRequestSameReplyOnFreshServers(t *testing.T) {
	lines := []string{"I need a built-in microwave, 20 l or more", "Show me cheaper options",
		"Which one has the best energy rating?", "Compare the top two", "What's on sale right now?"}
	var runs [2][]string
	for i := range runs {
		_, hs := newTestServer(t, Options{})
		id := createTask(t, hs.URL, "user_123")
		for _, l := range lines {
			runs[i] = append(runs[i], withoutIdentity(t, send(t, hs.URL, id, l)))
		}
	}
	for i := range lines {
		if runs[0][i] != runs[1][i] {
			t.Errorf("%q: replies differ\n%s\n%s", lines[i], runs[0][i], runs[1][i])
		}
	}
}

var rePrice = regexp.MustCompile(`^\$\d{1,3}(,\d{3})*\.\d\d$`)

// checkReply asserts the invariants every agent reply keeps.
func checkReply(t *testing.T, line string, r reply) {
	t.Helper()
	if n := len(r.Suggestions); n < 2 || n > 4 {
		t.Errorf("%q: %d suggestions %q", line, n, r.Suggestions)
	}
	if r.Text == "" || r.Options == nil || r.Variants == nil {
		t.Errorf("%q: empty text or nil slices", line)
	}
	rec := 0
	for _, o := range r.Options {
		if o.IsRecommended {
			rec++
		}
		checkParams(t, line, o)
	}
	if len(r.Options) > 0 && rec != 1 {
		t.Errorf("%q: %d recommended options, want exactly 1", line, rec)
	}
	for _, v := range r.Variants {
		checkParams(t, line, v)
	}
}

// checkParams asserts a product card has the documented rows.
func checkParams(t *testing.T, line string, o api.ProductOption) {
	t.Helper()
	rows := map[string]string{}
	for _, p := range o.WidgetParameters {
		rows[p.Title] = p.Value.String()
	}
	for _, title := range []string{"Product name", "Price", "Capacity", "Color", "Energy rating", "Brand", "Rating", "Link"} {
		if rows[title] == "" {
			t.Errorf("%q: option without %q: %v", line, title, rows)
		}
	}
	if !rePrice.MatchString(rows["Price"]) || !strings.HasPrefix(rows["Link"], "https://shop.example.com/") {
		t.Errorf("%q: price %q link %q", line, rows["Price"], rows["Link"])
	}
}

func TestProductRequestsGetOptionsAndSuggestions(t *testing.T) {
	product := []string{
		"I need a built-in microwave, 20 l or more", "Show me microwaves", "ovens please", "a fridge below 500",
		"dishwashers between 400 and 700", "coffee machine", "espresso machine under $400", "washing machines at least 9 kg",
		"robot vacuum", "cheapest fridge", "best dishwasher", "recommended coffee maker", "What's on sale right now?",
		"Show me your best sellers", "fridge 20 cu ft or more", "stainless steel microwave", "vacuum cleaners",
		"Upright vs canister vacuum?", "Compare the Nordvik BM25X and the Halden HB20", "Tell me more about the Kestrel CM23",
	}
	for _, l := range product {
		var st convState
		r := respond(&st, l, "")
		checkReply(t, l, r)
		if len(r.Options) == 0 {
			t.Errorf("%q: no product options; reply %.80q", l, r.Text)
		}
	}
	talk := []string{"hi", "thanks", "I need help choosing a product", "do you sell dryers?", "qwerty asdf"}
	for _, l := range talk {
		var st convState
		checkReply(t, l, respond(&st, l, ""))
	}
}

// recommended returns the recommended option's rows.
func recommended(t *testing.T, opts []api.ProductOption) map[string]string {
	t.Helper()
	for _, o := range opts {
		if o.IsRecommended {
			rows := map[string]string{}
			for _, p := range o.WidgetParameters {
				rows[p.Title] = p.Value.String()
			}
			return rows
		}
	}
	t.Fatal("no recommended option")
	return nil
}

// cents parses "$1,234.56".
func priceCents(t *testing.T, s string) int {
	t.Helper()
	var c int
	for _, r := range s {
		if r >= '0' && r <= '9' {
			c = c*10 + int(r-'0')
		}
	}
	return c
}

func TestCheaperFollowUpUsesContext(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	id := createTask(t, hs.URL, "user_123")
	var first, second api.Message
	if err := json.Unmarshal(send(t, hs.URL, id, "I need a built-in microwave, 20 l or more"), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(send(t, hs.URL, id, "Show me cheaper options"), &second); err != nil {
		t.Fatal(err)
	}
	if !contains(first.FollowupSuggestions, "Show me cheaper options") {
		t.Errorf("first reply does not offer cheaper options: %q", first.FollowupSuggestions)
	}
	limit := priceCents(t, recommended(t, first.Options)["Price"])
	if len(second.Options) == 0 {
		t.Fatalf("no options in %q", second.Text)
	}
	for _, o := range second.Options {
		rows := map[string]string{}
		for _, p := range o.WidgetParameters {
			rows[p.Title] = p.Value.String()
		}
		if !strings.Contains(rows["Link"], "/microwaves/") || priceCents(t, rows["Price"]) >= limit {
			t.Errorf("cheaper option %s at %s is not a cheaper microwave (limit %d)", rows["Product name"], rows["Price"], limit)
		}
	}
	if !strings.Contains(second.Text, "cheaper than the Nordvik BM25X") {
		t.Errorf("reply does not refer to the previous pick: %.100q", second.Text)
	}
}

func TestSuggestionsLeadToRealAnswers(t *testing.T) {
	// Following any suggestion, three steps deep from several openers, must
	// never end in the "I didn't understand" reply.
	type node struct {
		st    convState
		line  string
		depth int
	}
	var queue []node
	for _, l := range []string{"I need a built-in microwave, 20 l or more", "What's on sale right now?",
		"Show me your best sellers", "hi", "Looking for a quiet dishwasher", "Mini fridge for my office"} {
		queue = append(queue, node{line: l})
	}
	seen := 0
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		r := respond(&n.st, n.line, "")
		seen++
		checkReply(t, n.line, r)
		if strings.HasPrefix(r.Text, "I'm not sure I understood") || strings.HasPrefix(r.Text, "I need at least two") {
			t.Errorf("suggestion %q led to %.60q", n.line, r.Text)
		}
		if n.depth < 3 {
			for _, s := range r.Suggestions {
				st := n.st
				st.Shown = append([]string(nil), n.st.Shown...)
				queue = append(queue, node{st: st, line: s, depth: n.depth + 1})
			}
		}
	}
	if seen < 100 {
		t.Errorf("walked only %d replies", seen)
	}
}

func TestParseRequest(t *testing.T) {
	cases := []struct {
		text               string
		cat                string
		tags               []string
		minPrice, maxPrice int
		minCap, maxCap     float64
		color              string
	}{
		{"I need a built-in microwave, 20 l or more", "microwave", []string{"built-in"}, 0, 0, 20, 0, ""},
		{"microwaves under $300", "microwave", nil, 0, 30000, 0, 0, ""},
		{"a fridge below 500", "fridge", nil, 0, 50000, 0, 0, ""},
		{"dishwasher between 200 and 400", "dishwasher", nil, 20000, 40000, 0, 0, ""},
		{"oven $1,200 - $1,500", "oven", nil, 120000, 150000, 0, 0, ""},
		{"coffee maker under 1.5k", "coffee", nil, 0, 150000, 0, 0, ""},
		{"at least 25 liters microwave", "microwave", nil, 0, 0, 25, 0, ""},
		{"fridge up to 300 litres", "fridge", nil, 0, 0, 0, 300, ""},
		{"20 cu ft refrigerators in stainless steel", "fridge", nil, 0, 0, 20 * litresPerCuFt, 0, "stainless"},
		{"9 kg or more", "washer", nil, 0, 0, 9, 0, ""},
		{"dishwasher for 12 place settings under $600", "dishwasher", nil, 0, 60000, 12, 0, ""},
		{"Espresso machine, black, around $400", "coffee", []string{"espresso"}, 32000, 48000, 0, 0, "black"},
		{"robot vacuums", "vacuum", []string{"robot"}, 0, 0, 0, 0, ""},
		{"a dish washer", "dishwasher", nil, 0, 0, 0, 0, ""},
		{"microwave oven", "microwave", nil, 0, 0, 0, 0, ""},
		{"front loading washers over $500", "washer", []string{"front-load"}, 50000, 0, 0, 0, ""},
	}
	for _, c := range cases {
		q := parseRequest(c.text, "")
		capOK := func(a, b float64) bool { return a-b < 0.01 && b-a < 0.01 }
		if q.cat != c.cat || !reflect.DeepEqual(q.tags, c.tags) || q.minPrice != c.minPrice || q.maxPrice != c.maxPrice ||
			!capOK(q.minCap, c.minCap) || !capOK(q.maxCap, c.maxCap) || q.color != c.color {
			t.Errorf("%q: cat %q tags %q price %d..%d cap %v..%v color %q", c.text, q.cat, q.tags,
				q.minPrice, q.maxPrice, q.minCap, q.maxCap, q.color)
		}
	}
	intents := map[string]func(request) bool{
		"Compare the top two":                   func(q request) bool { return q.compare && q.compareN == 2 },
		"compare the top three":                 func(q request) bool { return q.compare && q.compareN == 3 },
		"what's the cheapest":                   func(q request) bool { return q.cheapest },
		"Show me cheaper options":               func(q request) bool { return q.cheaper && !q.similar },
		"which is best?":                        func(q request) bool { return q.best },
		"Show me your best sellers":             func(q request) bool { return q.bestSellers && !q.best },
		"Which one has the best energy rating?": func(q request) bool { return q.energy && !q.best },
		"anything on sale?":                     func(q request) bool { return q.sale },
		"Hello there":                           func(q request) bool { return q.greeting },
		"thank you!":                            func(q request) bool { return q.thanks },
		"Tell me more about the Nordvik BM25X":  func(q request) bool { return q.details && reflect.DeepEqual(q.named, []string{"NV-BM25X"}) },
		"Add the Kestrel Pod to my cart":        func(q request) bool { return q.cart && reflect.DeepEqual(q.named, []string{"KS-POD1"}) },
		"pod coffee":                            func(q request) bool { return len(q.named) == 0 },
		"Do any of these come in black?":        func(q request) bool { return q.colors && q.color == "black" },
		"do you sell dryers":                    func(q request) bool { return q.unsupported == "dryers" && q.cat == "" },
		"washer dryer":                          func(q request) bool { return q.cat == "washer" && q.unsupported == "" },
		"budget fridges":                        func(q request) bool { return q.cheap && q.cat == "fridge" },
		"my budget is $500 for a fridge":        func(q request) bool { return !q.cheap && q.maxPrice == 50000 },
		"it's over my budget":                   func(q request) bool { return q.cheaper && !q.cheap },
		"a quiet dishwasher":                    func(q request) bool { return q.quiet && len(q.tags) == 0 },
		"how big is the fridge?":                func(q request) bool { return !q.big },
		"large washing machine":                 func(q request) bool { return q.big },
	}
	for text, ok := range intents {
		if !ok(parseRequest(text, "")) {
			t.Errorf("%q: intents not recognised: %+v", text, parseRequest(text, ""))
		}
	}
}

func TestTitles(t *testing.T) {
	cases := map[string]string{
		"I need a built-in microwave, 20 l or more":                "Built-in microwave",
		"Fridge freezer 300 liters or more under $1000":            "Fridge under $1,000",
		"Microwave between $100 and $200":                          "Microwave $100–$200",
		"Show me your best sellers":                                "Best sellers",
		"What's on sale right now?":                                "Deals on sale",
		"Retro fridge in cream":                                    "Retro fridge",
		"stainless steel dishwasher":                               "Dishwasher in stainless steel",
		"Do you sell dryers?":                                      "Dryers",
		"hi":                                                       "",
		"Looking for a quiet dishwasher":                           "Quiet dishwasher",
		"what is the meaning of life, the universe and everything": "What is the meaning of life",
	}
	for text, want := range cases {
		if got := titleFor(text); got != want {
			t.Errorf("titleFor(%q) = %q, want %q", text, got, want)
		}
	}
	if got := nextTitle(newTaskTitle, "hi"); got != newTaskTitle {
		t.Errorf("a greeting retitled the task: %q", got)
	}
	if got := nextTitle("Built-in microwave", "Espresso machine"); got != "Built-in microwave" {
		t.Errorf("a later message retitled the task: %q", got)
	}
}

func TestCatalog(t *testing.T) {
	if len(catalog) < 30 {
		t.Errorf("catalog has %d products", len(catalog))
	}
	perCat := map[string]int{}
	skus := map[string]bool{}
	multi := 0
	for _, p := range catalog {
		perCat[p.Cat.Key]++
		if skus[p.SKU] {
			t.Errorf("duplicate SKU %s", p.SKU)
		}
		skus[p.SKU] = true
		if len(p.Colors) == 0 || len(p.Features) == 0 || p.Price <= 0 || p.Rating == 0 || energyRank(p.Energy) >= len(energyLabels) {
			t.Errorf("incomplete product %s", p.SKU)
		}
		if len(p.variantOptions()) > 1 {
			multi++
		}
		var q request
		q.words = normalise("tell me about the " + p.shortName())
		if !q.names(p) {
			t.Errorf("%s is not recognised by its short name %q", p.SKU, p.shortName())
		}
	}
	if len(perCat) < 7 || multi < 20 {
		t.Errorf("categories %v, products with variants %d", perCat, multi)
	}
	if money(35808) != "$358.08" || money(189900) != "$1,899.00" || money(5) != "$0.05" {
		t.Errorf("money: %s %s %s", money(35808), money(189900), money(5))
	}
}
