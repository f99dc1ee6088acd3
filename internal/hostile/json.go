package hostile

import (
	"fmt"
	"strings"
)

// JSONString writes s as a JSON string the way a careless server would:
// only what JSON cannot hold raw is escaped, so C1 controls, DEL, bidi
// characters and invalid UTF-8 arrive as they are.
func JSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pick is corpus entry i (wrapping) as a JSON string.
func pick(corpus []string, i int) string { return JSONString(corpus[i%len(corpus)]) }

// TaskJSON is a task (id "hostile-task") whose title, user, welcome
// message and suggestions come from the corpus, starting at entry i.
func TaskJSON(corpus []string, i int) string {
	return fmt.Sprintf(`{"id":"hostile-task","user_id":%s,"title":%s,"created_at":"2026-03-09T14:22:01.000Z","welcome_message":%s,"followup_suggestions":[%s]}`,
		pick(corpus, i), pick(corpus, i+1), pick(corpus, i+2), pick(corpus, i+3))
}

// TaskPageJSON is a page of ten such tasks.
func TaskPageJSON(corpus []string) string {
	ts := make([]string, 10)
	for i := range ts {
		ts[i] = TaskJSON(corpus, i*4)
	}
	return fmt.Sprintf(`{"tasks":[%s],"total":10,"page":1,"size":10}`, strings.Join(ts, ","))
}

// MessagesJSON is a transcript with one message per corpus entry, the
// corpus in every field (text, sender, product and variant parameters,
// suggestions), and a last message holding big when it is not empty.
func MessagesJSON(corpus []string, big string) string {
	msgs := make([]string, 0, len(corpus)+1)
	for i := range corpus {
		sender := `{"id":"u1","type":"user"}`
		if i%2 == 1 {
			sender = fmt.Sprintf(`{"id":%s,"type":"agent","email":%s}`, pick(corpus, i+1), pick(corpus, i+2))
		}
		msgs = append(msgs, fmt.Sprintf(`{"id":"m%d","created_at":"2026-03-09T14:22:01.000Z","text":%s,"sender":%s,"receiver":{"id":"x","type":"user"},`+
			`"options":[{"is_recommended":true,"widget_parameters":[{"title":%s,"value":%s,"type":"string"},{"title":"Price","value":%s}]}],`+
			`"variants_options":[{"name":%s,"widget_parameters":[{"title":%s,"value":%s}]}],"followup_suggestions":[%s,%s]}`,
			i, pick(corpus, i), sender, pick(corpus, i+3), pick(corpus, i+4), pick(corpus, i+5), pick(corpus, i+6),
			pick(corpus, i+7), pick(corpus, i+8), pick(corpus, i+9), pick(corpus, i+10)))
	}
	if big != "" {
		msgs = append(msgs, `{"id":"big","text":`+JSONString(big)+`,"sender":{"id":"a","type":"agent"}}`)
	}
	return "[" + strings.Join(msgs, ",") + "]"
}
