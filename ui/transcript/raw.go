package transcript

import (
	"bytes"
	"encoding/json"
	"strings"

	"charm.land/bubbles/v2/key"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"

	"github.com/charmbracelet/x/ansi"
)

// rawView shows one message's JSON as received, pretty-printed, for
// debugging an agent without leaving the transcript.
type rawView struct {
	key   string
	label string   // what the title names: the key, or where the JSON is from
	text  string   // sanitised, pretty-printed JSON
	note  string   // a word about how a value was read, above the JSON
	lines []string // note word-wrapped and text hard-wrapped to the pane width
	off   int
}

// newRawView builds the view of e: Msg.Raw when the message came from the
// server, else the message as this program would encode it, saying so
// (refresh names the key that fetches the transcript again).
func newRawView(e Entry, width int, refresh string) *rawView {
	v := &rawView{key: e.Key, label: e.Key, text: rawJSON(e.Msg)}
	var notes []string
	if len(bytes.TrimSpace([]byte(e.Msg.Raw))) == 0 {
		switch {
		case e.Welcome:
			v.label = "welcome message"
			notes = append(notes, "The welcome message comes with the task, not as a message from the server; this is how it is held here.")
		case e.Status == StatusStreaming:
			v.label = "reply still arriving"
			notes = append(notes, "The reply is still arriving: this is what has come so far, not the server's message.")
		case e.fromUser() && e.Msg.ID == "":
			v.label = "not confirmed by the server"
			notes = append(notes, "Not yet confirmed by the server: this is the message as sent from here, without the server's id. "+
				"The server's copy shows here once the transcript is fetched again ("+refresh+").")
		}
	}
	if ts := e.Msg.CreatedAt; ts.Zoneless() {
		notes = append(notes, textsafe.Line("created_at "+ts.Raw+" names no time zone; it is read as UTC."))
	}
	v.note = strings.Join(notes, " ")
	v.wrap(width)
	return v
}

func rawJSON(msg api.Message) string {
	src := []byte(msg.Raw)
	if len(bytes.TrimSpace(src)) == 0 {
		b, err := json.Marshal(msg)
		if err != nil {
			return textsafe.Text(err.Error())
		}
		src = b
	}
	var out bytes.Buffer
	if err := json.Indent(&out, src, "", "  "); err != nil {
		return textsafe.Text(string(src))
	}
	// JSON escapes C0 controls but may carry C1 controls and other runes
	// raw, so the pretty text is sanitised like any server text.
	return textsafe.Text(out.String())
}

// wrap re-wraps the text for a pane width, keeping the scroll offset.
func (v *rawView) wrap(width int) {
	v.lines = strings.Split(ansi.Hardwrap(v.text, max(width, 1), true), "\n")
	if v.note != "" {
		note := cells.WrapLines(v.note, width)
		v.lines = append(append(note, ""), v.lines...)
	}
	v.off = min(v.off, max(len(v.lines)-1, 0))
}

// scroll moves the view n lines, clamped so the last page stays full.
func (v *rawView) scroll(n, rows int) {
	v.off = min(max(v.off+n, 0), max(len(v.lines)-rows, 0))
}

// rows is the height available for JSON lines under the title row.
func rawRows(h int) int { return max(h-1, 0) }

// view renders the title row and the visible JSON lines, h rows of width w.
func (v *rawView) view(w, h int, st *theme.Styles, close key.Binding) []string {
	if h <= 0 {
		return nil
	}
	out := make([]string, 0, h)
	title := st.Chat.Marker.Render("raw JSON") + st.Chat.Notice.Render(" · "+textsafe.Line(v.label)+" · "+close.Help().Key+" close")
	out = append(out, ansi.Truncate(title, w, "…"))
	for i := v.off; i < len(v.lines) && len(out) < h; i++ {
		out = append(out, v.lines[i])
	}
	return out
}
