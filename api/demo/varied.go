package demo

import (
	"encoding/json"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"aui-tui/api"
)

// GenerateVariedTranscript is GenerateTranscript with every agent reply
// made its own (see vary): a transcript that never repeats itself, where
// the plain one repeats the same answers and products.
func GenerateVariedTranscript(taskID, userID string, n int, start time.Time) []api.Message {
	return vary(taskID, GenerateTranscript(taskID, userID, n, start))
}

// vary makes each agent reply differ from every other: the products it
// names get the reply's own model number, in its text, cards and variants
// alike ("Nordvik BM25X" becomes "Nordvik BM25X-17"), and it ends with a
// sentence drawn from a generator seeded by the task id. The same
// arguments always give the same messages.
func vary(taskID string, msgs []api.Message) []api.Message {
	h := fnv.New64a()
	h.Write([]byte(taskID))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x7a71ed))
	for i := range msgs {
		if msgs[i].Sender.Type != api.ActorAgent {
			continue
		}
		b, err := json.Marshal(msgs[i])
		if err != nil {
			continue
		}
		var pairs []string
		for _, p := range catalog {
			if n := p.shortName(); strings.Contains(string(b), n) {
				pairs = append(pairs, n, n+"-"+itoa(i))
			}
		}
		if len(pairs) > 0 {
			var m api.Message
			if json.Unmarshal([]byte(strings.NewReplacer(pairs...).Replace(string(b))), &m) == nil {
				msgs[i] = m
			}
		}
		msgs[i].Text += "\n\n" + variedSentence(rng)
	}
	return msgs
}

// The parts variedSentence draws from: a few thousand sentences, each
// with a number of its own.
var (
	variedOpeners  = []string{"By the way,", "Good to know:", "One more thing:", "Also,", "Just so you know,", "For what it's worth,", "Worth mentioning:", "In short,"}
	variedSubjects = []string{"delivery to your area", "the extended warranty", "installation by our team", "a return within the trial period", "the matching accessory kit", "recycling your old appliance", "the spare parts service", "a price match request"}
	variedAmounts  = [][2]string{{"takes about", "days"}, {"costs around", "dollars"}, {"is usually settled within", "hours"}, {"comes with", "percent off"}, {"can be booked", "weeks ahead"}, {"needs roughly", "minutes of your time"}}
	variedTails    = []string{"for most orders.", "in your region.", "this month.", "when you order before noon.", "if you keep the receipt.", "on weekdays.", "with free pickup.", "as long as stock lasts."}
)

// variedSentence is a plausible closing remark with a number in it.
func variedSentence(rng *rand.Rand) string {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	amount := variedAmounts[rng.IntN(len(variedAmounts))]
	return pick(variedOpeners) + " " + pick(variedSubjects) + " " + amount[0] + " " +
		itoa(2+rng.IntN(97)) + " " + amount[1] + " " + pick(variedTails)
}
