// Package export writes a transcript out of the program: Markdown for
// people, JSON with every field as received, and plain text. The UI's copy
// and export keys and the transcript command share it.
package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// Markdown renders a transcript as a Markdown document: a heading per turn,
// the text as written, products as tables, suggestions as a list. Server
// text is sanitised, so the file is safe to cat in a terminal.
func Markdown(task api.Task, msgs []api.Message, loc *time.Location) string {
	var b strings.Builder
	title := textsafe.Line(task.Title)
	if title == "" {
		title = "Conversation"
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "Task `%s` · user `%s` · %d messages\n", textsafe.Line(task.ID), textsafe.Line(task.UserID), len(msgs))
	if task.WelcomeMessage != "" {
		fmt.Fprintf(&b, "\n## agent (welcome)\n\n%s\n", textsafe.Text(task.WelcomeMessage))
	}
	for _, m := range msgs {
		b.WriteString("\n")
		b.WriteString(MessageMarkdown(m, loc))
	}
	return b.String()
}

// MessageMarkdown renders one message as a Markdown section.
func MessageMarkdown(m api.Message, loc *time.Location) string {
	var b strings.Builder
	who := "agent"
	if !m.FromAgent() {
		who = "you"
	}
	if m.CreatedAt.IsZero() {
		fmt.Fprintf(&b, "## %s\n\n", who)
	} else {
		fmt.Fprintf(&b, "## %s · %s\n\n", who, m.CreatedAt.In(loc).Format("2006-01-02 15:04"))
	}
	b.WriteString(strings.TrimRight(textsafe.Text(m.Text), "\n"))
	b.WriteString("\n")
	products, variants := m.Products()
	if len(products) > 0 {
		b.WriteString("\n**Products**\n\n")
		writeCards(&b, products)
	}
	if len(variants) > 0 {
		b.WriteString("\n**Variants**\n\n")
		writeCards(&b, variants)
	}
	if len(m.FollowupSuggestions) > 0 {
		b.WriteString("\n**Suggestions**\n\n")
		for i, s := range m.FollowupSuggestions {
			fmt.Fprintf(&b, "%d. %s\n", i+1, textsafe.Line(s))
		}
	}
	return b.String()
}

func writeCards(b *strings.Builder, cards []api.Card) {
	for _, c := range cards {
		name := textsafe.Line(c.Name)
		if name == "" {
			name = "Product"
		}
		star := ""
		if c.IsRecommended {
			star = " ★ recommended"
		}
		fmt.Fprintf(b, "- **%s**%s\n", mdEscape(name), star)
		for _, p := range c.Parameters {
			if v := textsafe.Line(p.Value.String()); v != "" {
				fmt.Fprintf(b, "  - %s: %s\n", mdEscape(textsafe.Line(p.Title)), mdEscape(v))
			}
		}
	}
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_").Replace(s)
}

// Text renders a transcript as plain text with "you:" and "agent:" labels,
// for pipes and screen readers.
func Text(task api.Task, msgs []api.Message, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", textsafe.Line(task.Title), textsafe.Line(task.ID))
	if task.WelcomeMessage != "" {
		fmt.Fprintf(&b, "\nagent: %s\n", textsafe.Text(task.WelcomeMessage))
	}
	for _, m := range msgs {
		who := "agent"
		if !m.FromAgent() {
			who = "you"
		}
		ts := ""
		if !m.CreatedAt.IsZero() {
			ts = " [" + m.CreatedAt.In(loc).Format("2006-01-02 15:04") + "]"
		}
		fmt.Fprintf(&b, "\n%s%s: %s\n", who, ts, strings.TrimRight(textsafe.Text(m.Text), "\n"))
		products, _ := m.Products()
		for _, c := range products {
			star := ""
			if c.IsRecommended {
				star = " (recommended)"
			}
			fmt.Fprintf(&b, "  * %s%s\n", textsafe.Line(c.Name), star)
		}
	}
	return b.String()
}

// JSON writes the messages as a JSON array with every field exactly as the
// server sent it (Raw), falling back to the decoded form for messages made
// locally. It decodes back to the same messages; control characters are
// written as escapes (textsafe.JSON).
func JSON(msgs []api.Message) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[")
	for i, m := range msgs {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  ")
		raw := m.Raw
		if len(raw) == 0 {
			enc, err := json.Marshal(m)
			if err != nil {
				return nil, err
			}
			raw = enc
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			return nil, fmt.Errorf("message %d is not valid JSON: %w", i, err)
		}
		b.Write(compact.Bytes())
	}
	if len(msgs) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	// Compact keeps the server's C1 and bidi characters raw; escaped, they
	// mean the same and cannot act on the terminal the file is shown on.
	return textsafe.JSON(b.Bytes()), nil
}
