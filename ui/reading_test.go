package ui

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/ui/transcript"

	tea "charm.land/bubbletea/v2"
)

// copied runs y and returns the text the OSC 52 sequence carries.
func copied(t *testing.T, h *harness) string {
	t.Helper()
	next, cmd := h.m.Update(keyMsg("y"))
	h.m = next.(Model)
	for _, msg := range collect(t, cmd) {
		if r, ok := msg.(tea.RawMsg); ok {
			seq, _ := r.Msg.(string)
			b64, _, _ := strings.Cut(strings.TrimPrefix(seq, "\x1b]52;c;"), "\x07")
			text, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				t.Fatalf("bad OSC 52 payload %q", seq)
			}
			next, _ := h.m.Update(msg)
			h.m = next.(Model)
			return string(text)
		}
	}
	t.Fatal("y wrote no OSC 52")
	return ""
}

// longHistory gives the first task n questions and answers, "question i"
// and "answer i".
func longHistory(h *harness, n int) {
	var msgs []api.Message
	for i := range n {
		msgs = append(msgs, userMsg(fmt.Sprintf("question %d", i)), agentMsg(fmt.Sprintf("a%d", i), fmt.Sprintf("answer %d", i)))
	}
	h.b.msgs[h.b.tasks[0].ID] = msgs
}

// TestCopyTakesWhatIsOnScreen: after g the first message is on screen, and
// y copies it (not the last message, far below), saying which it copied.
func TestCopyTakesWhatIsOnScreen(t *testing.T) {
	h := newHarness(t, 1)
	longHistory(h, 60)
	h.openFirst()
	h.key("esc")
	if got := copied(t, h); got != "answer 59" {
		t.Fatalf("at the bottom y copied %q, want the last message", got)
	}
	h.key("g")
	if got := copied(t, h); got != "question 0" {
		t.Fatalf("after g, y copied %q, want the message at the top", got)
	}
	h.send(clipboardDoneMsg{what: "x"}) // flush any earlier notice
	h.key("g")
	next, cmd := h.m.Update(keyMsg("y"))
	h.m = next.(Model)
	for _, msg := range collect(t, cmd) {
		next, _ := h.m.Update(msg)
		h.m = next.(Model)
	}
	if v := plainView(h.m); !strings.Contains(v, "your message of 14:22 (10 characters)") {
		t.Fatalf("the notice does not say which message was copied:\n%s", v)
	}
	h.key("v")
	if got := copied(t, h); !strings.Contains(got, `"text": "question 0"`) {
		t.Fatalf("y in the raw view copied %q, want the JSON shown", got)
	}
}

// TestTaskRowsShowTheirDate: tasks of the same title differ by the date
// their id carries: the time today, the day this year, the year before.
func TestTaskRowsShowTheirDate(t *testing.T) {
	h := newHarness(t, 0)
	stamp := func(tm time.Time) string { return fmt.Sprintf("%08x%016x", tm.Unix(), 1) }
	now := time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)
	h.b.tasks = []api.Task{
		{ID: stamp(now.Add(-time.Hour)), Title: "Built-in microwave"},
		{ID: stamp(now.AddDate(0, -1, 0)), Title: "Built-in microwave"},
		{ID: stamp(now.AddDate(-1, 0, 0)), Title: "Built-in microwave"},
	}
	h.key("ctrl+r")
	v := plainView(h.m)
	for _, want := range []string{"Built-in microwave 14:00", "Built-in microwave Feb 9", "Built-in microwave 2025"} {
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("no row %q in:\n%s", want, v)
		}
	}
}

// TestOpenLinkShowsThenOpens: the URL is shown in the status bar and handed
// to the system opener; a failure says what to do instead.
func TestOpenLinkShowsThenOpens(t *testing.T) {
	h := newHarness(t, 1)
	var opened []string
	h.m.com.cfg.OpenURL = func(u string) error { opened = append(opened, u); return nil }
	h.send(transcript.OpenLinkMsg{URL: "https://shop.example.com/ovens/bo71"})
	if len(opened) != 1 || opened[0] != "https://shop.example.com/ovens/bo71" {
		t.Fatalf("opener got %q", opened)
	}
	if v := plainView(h.m); !strings.Contains(v, "Opening https://shop.example.com/ovens/bo71") {
		t.Fatalf("the URL is not shown:\n%s", v)
	}
	h.m.com.cfg.OpenURL = func(string) error { return errors.New("xdg-open: no method available") }
	h.send(transcript.OpenLinkMsg{URL: "https://shop.example.com/x"})
	if v := plainView(h.m); !strings.Contains(v, "Could not open https://shop.example.com/x") {
		t.Fatalf("no failure notice:\n%s", v)
	}
	h.send(transcript.OpenLinkMsg{})
	if v := plainView(h.m); !strings.Contains(v, "no link to open") {
		t.Fatalf("no notice for a message without a link:\n%s", v)
	}
}
