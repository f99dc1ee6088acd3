package transcript

import (
	"encoding/json"
	"strings"
	"testing"

	"aui-tui/api"
)

// TestRawViewSaysAZonelessTimeIsReadAsUTC: AUI sends some times without a
// zone; the raw view, where the exact value matters, says how it was read.
func TestRawViewSaysAZonelessTimeIsReadAsUTC(t *testing.T) {
	for _, c := range []struct {
		created string
		note    bool
	}{
		{"2025-10-09 12:26:07.576000", true},
		{"2025-11-12T14:03:46.984000", true},
		{"2026-03-09T14:22:01.000Z", false},
		{"2026-03-09 14:22:01+02:00", false},
	} {
		var msg api.Message
		b := `{"id":"srv-1","created_at":"` + c.created + `","text":"hi","sender":{"id":"a","type":"agent"}}`
		if err := json.Unmarshal([]byte(b), &msg); err != nil {
			t.Fatal(err)
		}
		m := newModel(t, 80, 12, true, []Entry{{Key: "srv-1", Msg: msg}})
		m = press(m, "v")
		v := strings.Join(plainLines(m.View()), "\n")
		if got := strings.Contains(v, "created_at "+c.created+" names no time zone; it is read as UTC."); got != c.note {
			t.Errorf("%s: note shown %v, want %v:\n%s", c.created, got, c.note, v)
		}
	}
}
