package search

import (
	"sort"
	"strings"
	"time"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// doc is one message's searchable content.
type doc struct {
	createdAt int64 // Unix nanoseconds
	id        string
	pos       int
	sender    string
	text      string // one line, safe to print: what a snippet shows
	folded    string // Fold(text); "" while indexing, which folds as it writes
}

// docText is what a message is found by, on one line: its text, then each
// product's name, category and card fields.
func docText(m api.Message) string {
	parts := []string{m.Text}
	products, variants := m.Products()
	for _, c := range append(products, variants...) {
		parts = append(parts, c.Name, c.Category)
		for _, p := range c.Parameters {
			parts = append(parts, p.Title+": "+p.Value.String())
		}
		for _, se := range c.SubEntities {
			parts = append(parts, se.Name)
			for _, it := range se.Items {
				for _, p := range it.Parameters {
					parts = append(parts, p.Title+": "+p.Value.String())
				}
			}
		}
	}
	var b strings.Builder
	for _, p := range parts {
		p = strings.Join(strings.Fields(markup.Replace(textsafe.Text(p))), " ")
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(p)
	}
	return b.String()
}

// markup is the Markdown emphasis dropped from a snippet: it would only
// clutter one line and split a phrase ("**Nordvik** BM25X").
var markup = strings.NewReplacer("**", "", "__", "", "`", "")

// orderOf is the order a transcript's messages are indexed in, as
// positions: newest first (by position when the times are equal or
// missing: later positions are newer).
func orderOf(msgs []api.Message) []int {
	order := make([]int, len(msgs))
	for i := range order {
		order[i] = i
	}
	at := func(i int) int64 {
		if msgs[i].CreatedAt.IsZero() {
			return 0
		}
		return msgs[i].CreatedAt.UnixNano()
	}
	sort.SliceStable(order, func(i, j int) bool {
		if a, b := at(order[i]), at(order[j]); a != b {
			return a > b
		}
		return order[i] > order[j]
	})
	return order
}

// docOf is the doc of message m at position pos.
func docOf(m api.Message, pos int) doc {
	var at int64
	if !m.CreatedAt.IsZero() {
		at = m.CreatedAt.UnixNano()
	}
	return doc{createdAt: at, id: textsafe.Line(m.ID), pos: pos, sender: senderName(m.Sender.Type), text: docText(m)}
}

// senderName is how a hit names who wrote the message.
func senderName(t api.ActorType) string {
	switch t {
	case api.ActorUser:
		return "you"
	case api.ActorAgent:
		return "agent"
	case "":
		return "unknown"
	}
	return textsafe.Line(string(t))
}

// unixTime turns stored nanoseconds back into a time; 0 is unknown.
func unixTime(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
}
