package ui

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/hostile"
)

// TestHostileCorpusOnEveryScreen: with the corpus in every field of the
// task list and the transcript (titles, texts, senders, product cards,
// variants, suggestions, the welcome message), no frame of any screen
// holds a sequence other than the program's own styling, at any size.
func TestHostileCorpusOnEveryScreen(t *testing.T) {
	corpus := hostile.Corpus()
	var page api.TaskPage
	if err := json.Unmarshal([]byte(hostile.TaskPageJSON(corpus)), &page); err != nil {
		t.Fatal(err)
	}
	big := ""
	if !testing.Short() {
		big = hostile.Big()
	}
	var msgs []api.Message
	if err := json.Unmarshal([]byte(hostile.MessagesJSON(corpus, big)), &msgs); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 0)
	h.b.mu.Lock()
	for i := range page.Tasks {
		page.Tasks[i].ID = page.Tasks[i].ID + string(rune('a'+i))
		h.b.tasks = append(h.b.tasks, page.Tasks[i])
		h.b.msgs[page.Tasks[i].ID] = msgs
	}
	h.b.mu.Unlock()
	check := func(where string) {
		t.Helper()
		if err := hostile.Check(h.m.View().Content, true); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
	}
	h.key("ctrl+r")
	check("task list")
	h.key("enter")
	check("transcript")
	if v := plainView(h.m); !strings.Contains(v, "before") || !strings.Contains(v, "after") {
		t.Fatalf("the hostile transcript is not on screen:\n%s", v)
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 20}, {200, 60}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		check("resized")
	}
	h.key("esc", "shift+tab", "tab") // the conversation
	for i := 0; i < 40; i++ {
		h.key("[")
		check("message by message")
	}
	h.key("v")
	check("raw view")
	h.key("esc", "G", "?")
	check("help")
	h.key("esc", "shift+tab", "j", "enter")
	check("another task")
}
