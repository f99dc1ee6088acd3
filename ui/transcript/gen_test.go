package transcript

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"aui-tui/api"
)

// Deterministic demo-like content for tests and benchmarks: short user
// prompts; agent replies in markdown (paragraphs, bold, lists, an
// occasional table or code block) with product cards of 4–6 parameters and
// sometimes variants.

var (
	genProducts = []string{
		"Samsung MS23K3513AS Solo Microwave", "Panasonic NN-SN686S Inverter", "Bosch Serie 6 BFL634GS1",
		"LG NeoChef MS2336GIB", "Whirlpool W Collection W11 MW161", "Sharp R-744(K)M", "Miele M 7244 TC",
		"Siemens iQ700 BF634LGS1", "Candy CMXG20DS", "Russell Hobbs RHM2031",
	}
	genColors  = []string{"Black", "Stainless steel", "White", "Silver", "Graphite"}
	genPrompts = []string{
		"I need a built-in microwave, 20 l or more",
		"What about something cheaper?",
		"Does it come in stainless steel?",
		"Which one is the most energy efficient?",
		"Can you compare the first two?",
		"I have a small kitchen, around 45 cm of space",
		"Is there one with a grill function?",
		"Show me the recommended one again",
	}
	genWords = strings.Fields("the a microwave capacity power grill inverter defrost stainless steel " +
		"quiet compact kitchen family reheat evenly quick sensor cooking programmes door handle turntable " +
		"energy rating warranty delivery installation built-in freestanding price value reliable popular " +
		"review customers like easy clean interior light child lock display buttons")
)

func genSentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = genWords[r.IntN(len(genWords))]
	}
	if r.IntN(3) == 0 {
		k := r.IntN(n)
		ws[k] = "**" + ws[k] + "**"
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func genParagraph(r *rand.Rand) string {
	n := 1 + r.IntN(3)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = genSentence(r, 6+r.IntN(10))
	}
	return strings.Join(ss, " ")
}

// genReply is one agent reply in markdown.
func genReply(r *rand.Rand) string {
	var parts []string
	parts = append(parts, genParagraph(r))
	if r.IntN(2) == 0 {
		var items []string
		for i := 0; i < 2+r.IntN(4); i++ {
			items = append(items, "- **"+genProducts[r.IntN(len(genProducts))]+"**: "+genSentence(r, 4+r.IntN(6)))
		}
		parts = append(parts, strings.Join(items, "\n"))
	}
	if r.IntN(8) == 0 {
		rows := []string{"| Model | Capacity | Price |", "|---|---|---|"}
		for i := 0; i < 3; i++ {
			rows = append(rows, fmt.Sprintf("| %s | %d l | $%d.%02d |", genProducts[r.IntN(len(genProducts))], 20+r.IntN(15), 150+r.IntN(400), r.IntN(100)))
		}
		parts = append(parts, strings.Join(rows, "\n"))
	}
	if r.IntN(20) == 0 {
		parts = append(parts, "```json\n{\"capacity_l\": 23, \"power_w\": 800}\n```")
	}
	if r.IntN(2) == 0 {
		parts = append(parts, genParagraph(r))
	}
	return strings.Join(parts, "\n\n")
}

func genParams(r *rand.Rand, name string) []api.Parameter {
	ps := []api.Parameter{
		{Title: "Product name", Value: api.StringValue(name)},
		{Title: "Price", Value: api.StringValue(fmt.Sprintf("$%d.%02d", 150+r.IntN(400), r.IntN(100)))},
		{Title: "Capacity", Value: api.StringValue(fmt.Sprintf("%d l", 20+r.IntN(15)))},
		{Title: "Color", Value: api.StringValue(genColors[r.IntN(len(genColors))])},
		{Title: "Energy rating", Value: api.StringValue([]string{"A", "A+", "B"}[r.IntN(3)])},
		{Title: "Power", Value: api.NumberValue(float64(700 + 100*r.IntN(5)))},
		{Title: "Features", Value: api.ListValue("grill", "inverter", "sensor cooking")},
	}
	return ps[:4+r.IntN(3)]
}

// genEntries builds n entries alternating user and agent turns, one minute
// apart from start.
func genEntries(n int, start time.Time) []Entry {
	r := rand.New(rand.NewPCG(uint64(n), 42))
	es := make([]Entry, n)
	for i := range es {
		msg := api.Message{
			ID:        fmt.Sprintf("m%05d", i),
			CreatedAt: api.NewTimestamp(start.Add(time.Duration(i) * time.Minute)),
		}
		if i%2 == 0 {
			msg.Sender = api.Party{ID: "demo_user", Type: api.ActorUser}
			msg.Text = genPrompts[r.IntN(len(genPrompts))]
		} else {
			msg.Sender = api.Party{ID: "agent", Type: api.ActorAgent}
			msg.Text = genReply(r)
			if r.IntN(3) == 0 {
				for k := 0; k < 1+r.IntN(3); k++ {
					msg.Options = append(msg.Options, api.ProductOption{
						IsRecommended:    k == 0,
						WidgetParameters: genParams(r, genProducts[r.IntN(len(genProducts))]),
					})
				}
				if r.IntN(2) == 0 {
					for k := 0; k < 2; k++ {
						msg.VariantsOptions = append(msg.VariantsOptions, api.ProductOption{WidgetParameters: []api.Parameter{
							{Title: "Color", Value: api.StringValue(genColors[r.IntN(len(genColors))])},
							{Title: "Capacity", Value: api.StringValue(fmt.Sprintf("%d l", 20+5*k))},
						}})
					}
				}
			}
			msg.FollowupSuggestions = []string{"Cheaper?", "Other colours?"}
		}
		es[i] = Entry{Key: msg.ID, Msg: msg, Status: StatusSent}
	}
	return es
}

// genLongReply is a markdown reply of about words words: paragraphs, lists
// and a table, as a long streamed answer would be.
func genLongReply(words int) string {
	r := rand.New(rand.NewPCG(7, 7))
	var parts []string
	count := 0
	for count < words {
		var p string
		switch r.IntN(6) {
		case 0:
			var items []string
			for i := 0; i < 4; i++ {
				items = append(items, "- "+genSentence(r, 6+r.IntN(6)))
			}
			p = strings.Join(items, "\n")
		case 1:
			p = "## " + genSentence(r, 4)
		case 2:
			rows := []string{"| Model | Capacity | Price |", "|---|---|---|"}
			for i := 0; i < 3; i++ {
				rows = append(rows, fmt.Sprintf("| %s | %d l | $%d |", genProducts[r.IntN(len(genProducts))], 20+r.IntN(15), 150+r.IntN(400)))
			}
			p = strings.Join(rows, "\n")
		default:
			p = genParagraph(r) + " " + genParagraph(r)
		}
		parts = append(parts, p)
		count += len(strings.Fields(p))
	}
	return strings.Join(parts, "\n\n")
}
