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
	// folded is Fold(text), or "" in the docs of a transcript being
	// indexed: there it is folded again as it is written (see foldedOf),
	// rather than held for every message of a long transcript at once.
	folded string
}

// foldedOf is d's folded text.
func foldedOf(d doc) string {
	if d.folded != "" || d.text == "" {
		return d.folded
	}
	return Fold(d.text)
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

// docsOf turns a transcript into docs, newest first (by position when the
// times are equal or missing: later positions are newer).
func docsOf(msgs []api.Message) []doc {
	docs := make([]doc, len(msgs))
	for i, m := range msgs {
		t := docText(m)
		var at int64
		if !m.CreatedAt.IsZero() {
			at = m.CreatedAt.UnixNano()
		}
		docs[i] = doc{createdAt: at, id: textsafe.Line(m.ID), pos: i, sender: senderName(m.Sender.Type), text: t}
	}
	sort.SliceStable(docs, func(i, j int) bool {
		if docs[i].createdAt != docs[j].createdAt {
			return docs[i].createdAt > docs[j].createdAt
		}
		return docs[i].pos > docs[j].pos
	})
	return docs
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
