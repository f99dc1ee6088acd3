package demo

import (
	"strings"
	"time"

	"aui-tui/api"
)

// lengthen extends a reply to at least words words with the agent's
// answers from a generated conversation (markdown with lists, tables and
// code), so a long streamed reply can be tried and measured. The text added
// is the same on every call.
func lengthen(text string, words int) string {
	if words <= 0 || len(strings.Fields(text)) >= words {
		return text
	}
	var b strings.Builder
	b.WriteString(text)
	n := len(strings.Fields(text))
	msgs := GenerateTranscript("long-reply", DefaultUserID, 40, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))
	for n < words {
		for _, m := range msgs {
			if m.Sender.Type != api.ActorAgent || m.Text == "" {
				continue
			}
			b.WriteString("\n\n")
			b.WriteString(m.Text)
			if n += len(strings.Fields(m.Text)); n >= words {
				break
			}
		}
	}
	return b.String()
}
