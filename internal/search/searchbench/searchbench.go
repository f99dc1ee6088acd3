// Package searchbench generates a large search index for benchmarks: the
// package's own, and the command line's as a whole process.
package searchbench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"aui-tui/api"
	"aui-tui/internal/search"
)

// vocabulary makes up the generated messages: shop talk, so that common
// words match often and a rare one seldom.
var vocabulary = strings.Fields(`the a built-in microwave oven dishwasher quiet energy rating
price capacity litres grill stainless steel black white compare cheaper recommend model
kitchen renovation install width height depth warranty delivery colour café crème
brand option noise level programme eco wash dry fridge freezer hob induction extractor`)

// Build writes tasks×perTask generated messages into the index in dir;
// one message in every 5,000 names the "Zephyrine" model, a quarter carry
// a product card.
func Build(dir string, tasks, perTask int) error {
	ix := search.Open(dir)
	rng := rand.New(rand.NewPCG(1, 2))
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for t := range tasks {
		msgs := make([]api.Message, perTask)
		for i := range msgs {
			words := make([]string, 40+rng.IntN(40))
			for w := range words {
				words[w] = vocabulary[rng.IntN(len(vocabulary))]
			}
			if n%5000 == 4999 {
				words[len(words)/2] = "Zephyrine"
			}
			n++
			m := api.Message{ID: fmt.Sprintf("m%d-%d", t, i), CreatedAt: api.Timestamp{Time: at.Add(time.Duration(i*tasks+t) * time.Second)},
				Sender: api.Party{Type: api.ActorAgent}, Text: strings.Join(words, " ")}
			if i%4 == 1 {
				m.Cards = []api.Card{{Name: "Nordvik BM25X", Category: "microwaves", Parameters: []api.Parameter{
					{Title: "Price", Value: api.StringValue("$358.08")}, {Title: "Capacity", Value: api.StringValue("25 L")}}}}
			}
			msgs[i] = m
		}
		if err := ix.Put(api.Task{ID: fmt.Sprint("task", t), Title: fmt.Sprint("Task ", t)}, msgs, at); err != nil {
			return err
		}
	}
	return nil
}
