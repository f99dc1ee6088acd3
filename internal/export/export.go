// Package export writes a transcript out of the program: Markdown for
// people, JSON with every field as received, and plain text. The UI's copy
// and export keys and the transcript command share it.
package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
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
	_ = WriteMarkdown(&b, task, msgs, loc) // a Builder does not fail
	return b.String()
}

// WriteMarkdown is Markdown written to w a message at a time, so a long
// transcript's document is never held whole.
func WriteMarkdown(w io.Writer, task api.Task, msgs []api.Message, loc *time.Location) error {
	var b strings.Builder
	title := textsafe.Line(task.Title)
	if title == "" {
		title = "Conversation"
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	fmt.Fprintf(&b, "Task `%s`", textsafe.Line(task.ID))
	if task.UserID != "" {
		fmt.Fprintf(&b, " · user `%s`", textsafe.Line(task.UserID))
	}
	fmt.Fprintf(&b, " · %s\n", Count(len(msgs), "message"))
	if task.WelcomeMessage != "" {
		fmt.Fprintf(&b, "\n## agent (welcome)\n\n%s\n", textsafe.Text(task.WelcomeMessage))
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	for _, m := range msgs {
		if _, err := io.WriteString(w, "\n"+MessageMarkdown(m, loc)); err != nil {
			return err
		}
	}
	return nil
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
		for _, r := range cardRows(c) {
			fmt.Fprintf(b, "  - %s: %s\n", mdEscape(r.key), mdEscape(r.value))
		}
	}
}

// row is one "key: value" line of a product.
type row struct{ key, value string }

// cardRows are a product's parameters with values, then its variants (the
// cards shape's sub_entities) one group a row: "Finish: Black Stainless;
// Stainless Steel". Text is sanitised to one line each.
func cardRows(c api.Card) []row {
	var rows []row
	for _, p := range c.Parameters {
		if v := textsafe.Line(p.Value.String()); v != "" {
			rows = append(rows, row{textsafe.Line(p.Title), v})
		}
	}
	for _, se := range c.SubEntities {
		labels := se.Labels()
		if len(labels) == 0 {
			continue
		}
		for i := range labels {
			labels[i] = textsafe.Line(labels[i])
		}
		name := textsafe.Line(se.Name)
		if name == "" {
			name = "Variants"
		}
		rows = append(rows, row{name, strings.Join(labels, "; ")})
	}
	return rows
}

// Count writes n with the noun, plural unless n is 1: "1 message",
// "3 messages".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "*", "\\*", "_", "\\_").Replace(s)
}

// Text renders a transcript as plain text for pipes and screen readers:
// "you:" and "agent:" labels, the agent's markdown reduced to plain text
// (tables as aligned columns), and each product with its price and other
// attributes as "key: value" lines.
func Text(task api.Task, msgs []api.Message, loc *time.Location) string {
	var b strings.Builder
	_ = WriteText(&b, task, msgs, loc) // a Builder does not fail
	return b.String()
}

// WriteText is Text written to w a message at a time, so a long
// transcript's text is never held whole.
func WriteText(w io.Writer, task api.Task, msgs []api.Message, loc *time.Location) error {
	var b strings.Builder
	title := textsafe.Line(task.Title)
	if title == "" {
		title = "Conversation"
	}
	fmt.Fprintf(&b, "%s (%s) · %s\n", title, textsafe.Line(task.ID), Count(len(msgs), "message"))
	if task.WelcomeMessage != "" {
		fmt.Fprintf(&b, "\nagent (welcome):\n%s\n", indent(Plain(textsafe.Text(task.WelcomeMessage)), "  "))
	}
	for _, m := range msgs {
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
		b.Reset()
		who := "agent"
		if !m.FromAgent() {
			who = "you"
		}
		ts := ""
		if !m.CreatedAt.IsZero() {
			ts = " [" + m.CreatedAt.In(loc).Format("2006-01-02 15:04") + "]"
		}
		fmt.Fprintf(&b, "\n%s%s:\n%s\n", who, ts, indent(Plain(textsafe.Text(m.Text)), "  "))
		products, variants := m.Products()
		writePlainCards(&b, "Products", products)
		writePlainCards(&b, "Variants", variants)
		if len(m.FollowupSuggestions) > 0 {
			b.WriteString("  Suggestions:\n")
			for i, s := range m.FollowupSuggestions {
				fmt.Fprintf(&b, "    %d. %s\n", i+1, textsafe.Line(s))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writePlainCards lists products under a label, each with its attributes.
func writePlainCards(b *strings.Builder, label string, cards []api.Card) {
	if len(cards) == 0 {
		return
	}
	fmt.Fprintf(b, "  %s:\n", label)
	for _, c := range cards {
		name := textsafe.Line(c.Name)
		if name == "" {
			name = "Product"
		}
		if c.IsRecommended {
			name += " (recommended)"
		}
		fmt.Fprintf(b, "    - %s\n", name)
		for _, r := range cardRows(c) {
			fmt.Fprintf(b, "        %s: %s\n", r.key, r.value)
		}
	}
}

// indent puts prefix before every non-empty line of s.
func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// JSON is WriteJSON into memory.
func JSON(msgs []api.Message) ([]byte, error) {
	var b bytes.Buffer
	if err := WriteJSON(&b, msgs); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteJSON writes the messages as a JSON array, in their order, one a
// line, each with every field exactly as the server sent it (Raw, with
// its spacing compacted), falling back to the decoded form for messages
// made locally. It decodes back to the same messages; control characters
// are written as escapes (textsafe.JSON). Nothing but the message being
// written is buffered, so a long transcript costs no second
// copy of itself.
func WriteJSON(w io.Writer, msgs []api.Message) error {
	var compact bytes.Buffer
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for i, m := range msgs {
		sep := ",\n  "
		if i == 0 {
			sep = "\n  "
		}
		raw := m.Raw
		if len(raw) == 0 {
			enc, err := json.Marshal(m)
			if err != nil {
				return err
			}
			raw = enc
		}
		compact.Reset()
		compact.WriteString(sep)
		if err := json.Compact(&compact, raw); err != nil {
			return fmt.Errorf("message %d is not valid JSON: %w", i, err)
		}
		// Compact keeps the server's C1 and bidi characters raw; escaped,
		// they mean the same and cannot act on the terminal the file is
		// shown on.
		if _, err := w.Write(textsafe.JSON(compact.Bytes())); err != nil {
			return err
		}
	}
	end := "]\n"
	if len(msgs) > 0 {
		end = "\n]\n"
	}
	_, err := io.WriteString(w, end)
	return err
}
