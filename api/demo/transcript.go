package demo

import (
	"hash/fnv"
	"math/rand/v2"
	"time"

	"aui-tui/api"
)

// scripts are the user sides of realistic shopping conversations. Seeded
// tasks replay them through the agent, so every stored reply is one the
// agent really gives.
var scripts = [][]string{
	{"I need a built-in microwave, 20 l or more", "Show me cheaper options", "Which one has the best energy rating?", "Thanks!"},
	{"Looking for a quiet dishwasher", "Compare the top two", "Tell me more about the Nordvik DW14"},
	{"Espresso machine under $400", "Do any of these come in black?", "Add it to my cart"},
	{"What's on sale right now?", "Show me only vacuum cleaner deals"},
	{"I need a fridge for a studio apartment", "Something under $300"},
	{"Best robot vacuum?", "Tell me more about it", "Thanks, that's all"},
	{"Show me your best sellers", "Tell me more about the Kestrel CM23", "What colors does it come in?"},
	{"Front-load washing machine, at least 9 kg", "between 500 and 800 dollars", "Is there a bigger one?"},
	{"Hi", "I'm looking for a coffee machine", "Bean-to-cup please", "Thanks, that's all"},
	{"French door fridge in stainless steel", "Show me cheaper options", "Compare the top two",
		"Which one has the best energy rating?", "Add the Nordvik FD560 to my cart", "Thanks!"},
	{"Cordless vacuum under 300", "Tell me more about the Kestrel AeroStick V8"},
	{"Built-in oven with pyrolytic cleaning", "What about steam ovens?", "Compare the top two"},
	{"Cheapest microwave you have", "Is there a bigger one?"},
	{"I need help choosing a product", "A dishwasher for a small kitchen", "Slimline please"},
	{"Over-the-range microwave", "Does it come in black?"},
	{"Retro fridge in cream", "Tell me more about it", "Add it to my cart"},
	{"Washing machine for a big family", "Which is the biggest?", "Compare the top two"},
	{"Capsule coffee maker", "Show me cheaper options"},
	{"Upright vs canister vacuum?", "Tell me more about the Miravo Silent"},
	{"Mini fridge for my office", "In red?"},
	{"Dishwasher with 14 place settings", "Under $600?"},
	{"Countertop oven for a small kitchen", "Recommended one?", "Add it to my cart"},
	{"Hello", "Do you sell dryers?", "OK, washing machines then", "Show me cheaper options"},
	{"Steam washer 10 kg", "Thanks"},
	{"Microwave between $100 and $200", "Which one has the best energy rating?", "Compare the top two", "Add it to my cart"},
	{"Fridge freezer 300 liters or more under $1000", "Do any of these come in stainless steel?"},
	{"Best espresso machine", "Cheaper options?", "Which of these is the best value?"},
	{"Side-by-side fridge", "Show me similar products", "Compare the top two"},
	{"Show me the best sellers in coffee machines", "Tell me more about the Aurelia Barista", "Add it to my cart"},
	{"Do you have any deals on ovens?", "Tell me more about the Nordvik BO71", "Show me cheaper options"},
}

// agentParty and userParty are the two sides of every message.
func agentParty() api.Party { return api.Party{ID: "intelligent-agent", Type: api.ActorAgent} }

func userParty(userID string) api.Party { return api.Party{ID: userID, Type: api.ActorUser} }

// userMessage builds a stored user turn.
func userMessage(id, userID, text string, at time.Time) api.Message {
	return api.Message{ID: id, CreatedAt: api.NewTimestamp(at), Text: text,
		Sender: userParty(userID), Receiver: agentParty(),
		Options: []api.ProductOption{}, VariantsOptions: []api.ProductOption{}, FollowupSuggestions: []string{}}
}

// agentMessage builds a stored agent reply.
func agentMessage(id, userID string, r reply, at time.Time) api.Message {
	return api.Message{ID: id, CreatedAt: api.NewTimestamp(at), Text: r.Text,
		Sender: agentParty(), Receiver: userParty(userID),
		Options: r.Options, VariantsOptions: r.Variants, FollowupSuggestions: r.Suggestions}
}

// GenerateTranscript makes n messages of a plausible conversation between
// userID and the demo agent, starting at start: alternating user and agent
// turns drawn from scripted shopping conversations, with markdown replies
// (lists, bold, tables, code blocks), product options, variants and
// follow-up suggestions, separated by realistic pauses. The same arguments
// always give the same messages, ids included.
func GenerateTranscript(taskID, userID string, n int, start time.Time) []api.Message {
	msgs, _ := generate(taskID, userID, n, start, nil)
	return msgs
}

// generate plays conversations through the agent. With lines it plays
// those once (a seeded short task); without, it draws scripts at random
// from a generator seeded by the task id until n messages exist. It
// returns the messages and the agent's final state.
func generate(taskID, userID string, n int, start time.Time, lines []string) ([]api.Message, convState) {
	h := fnv.New64a()
	h.Write([]byte(taskID))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x5eed))
	between := func(lo, hi time.Duration) time.Duration { return lo + time.Duration(rng.Int64N(int64(hi-lo))) }

	if lines != nil {
		n = 2 * len(lines)
	}
	n = max(n, 0)
	msgs := make([]api.Message, 0, n)
	var st convState
	t := start
	// say adds one user line and, room permitting, the agent's reply.
	say := func(line string) {
		msgs = append(msgs, userMessage(derivedUUID(taskID, itoa(len(msgs))), userID, line, t))
		if len(msgs) == n {
			return
		}
		r := respond(&st, line, "")
		t = t.Add(between(2*time.Second, 9*time.Second))
		msgs = append(msgs, agentMessage(derivedUUID(taskID, itoa(len(msgs))), userID, r, t))
		t = t.Add(between(15*time.Second, 4*time.Minute))
	}
	if lines != nil {
		for _, line := range lines {
			say(line)
		}
		return msgs, st
	}
	for len(msgs) < n {
		if len(msgs) > 0 {
			t = t.Add(between(2*time.Hour, 40*time.Hour)) // a new session another day
		}
		for _, line := range scripts[rng.IntN(len(scripts))] {
			if len(msgs) == n {
				break
			}
			say(line)
		}
	}
	return msgs, st
}

// itoa formats a small non-negative integer.
func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	p := len(b)
	for i > 0 {
		p--
		b[p] = byte('0' + i%10)
		i /= 10
	}
	return string(b[p:])
}
