package demo

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
)

// TestVariedTranscriptNeverRepeats: no two agent replies of a varied
// transcript share their text or their cards, the products a reply names
// in its text are the ones on its cards, and the same arguments give the
// same messages.
func TestVariedTranscriptNeverRepeats(t *testing.T) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	msgs := GenerateVariedTranscript("t", "u", 2000, start)
	plain := GenerateTranscript("t", "u", 2000, start)
	if len(msgs) != len(plain) {
		t.Fatalf("%d messages, want %d", len(msgs), len(plain))
	}
	checkTranscript(t, msgs)
	texts, cards := map[string]int{}, map[string]int{}
	withCards := 0
	for i, m := range msgs {
		if m.Sender.Type != api.ActorAgent {
			if m.Text != plain[i].Text {
				t.Errorf("user message %d changed: %q", i, m.Text)
			}
			continue
		}
		if j, ok := texts[m.Text]; ok {
			t.Fatalf("messages %d and %d have the same text %q", j, i, m.Text)
		}
		texts[m.Text] = i
		prods, vars := m.Products()
		if len(prods)+len(vars) == 0 {
			continue
		}
		withCards++
		key, _ := json.Marshal([2][]api.Card{prods, vars})
		if j, ok := cards[string(key)]; ok {
			t.Fatalf("messages %d and %d have the same cards", j, i)
		}
		cards[string(key)] = i
		suffix := "-" + itoa(i)
		for _, p := range prods {
			if !strings.Contains(p.Name, suffix) {
				t.Errorf("message %d: card %q lacks the reply's number", i, p.Name)
			}
		}
	}
	if withCards < len(msgs)/4 {
		t.Errorf("only %d replies have cards", withCards)
	}
	// A product named in the plain reply's text is named with the number.
	for i, m := range plain {
		for _, p := range catalog {
			if n := p.shortName(); m.Sender.Type == api.ActorAgent && strings.Contains(m.Text, n) && !strings.Contains(msgs[i].Text, n+"-"+itoa(i)) {
				t.Fatalf("message %d names %s, but not numbered: %q", i, n, msgs[i].Text)
			}
		}
	}
	if again := GenerateVariedTranscript("t", "u", 2000, start); !reflect.DeepEqual(again, msgs) {
		t.Error("the same arguments gave other messages")
	}
}

// TestVariedLongTask: the server's varied long task is titled so, holds
// varied replies, and sits beside the plain one rather than replacing it.
func TestVariedLongTask(t *testing.T) {
	path := storeIn(t)
	srv, hs := newTestServer(t, Options{StorePath: path, ExtraLong: 301, Varied: true})
	tasks, total, _ := allTasks(t, hs.URL, DefaultUserID, 10)
	if total != 1 || tasks[0].Title != "Stress test · 301 varied messages" {
		t.Fatalf("tasks %+v", tasks)
	}
	msgs := messagesOf(t, hs.URL, tasks[0].ID)
	if len(msgs) != 301 {
		t.Fatalf("%d messages", len(msgs))
	}
	if !strings.Contains(msgs[1].Text, "-1") {
		t.Errorf("the first reply is not varied: %q", msgs[1].Text)
	}
	hs.Close()
	_ = srv.Close()

	_, hs2 := newTestServer(t, Options{StorePath: path, ExtraLong: 301})
	if _, total, _ := allTasks(t, hs2.URL, DefaultUserID, 10); total != 2 {
		t.Errorf("%d tasks after adding the plain long task, want 2", total)
	}
}
