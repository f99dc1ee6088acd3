package ui

import (
	"encoding/json"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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

// TestComposerDrawsDraftsTerminalsDisagreeOn: a family emoji is 2 cells to
// a terminal that joins it and 8 to tmux and most others, and a skin tone
// 2 or 4; drawn as typed it pushed the composer's border off its row in
// tmux. The draft is drawn with such clusters apart (and bidi controls
// left out), every row inside the pane, while the text itself is kept.
func TestComposerDrawsDraftsTerminalsDisagreeOn(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	words := "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar"
	draft := "family:👨\u200d👩\u200d👧\u200d👦 thumbs:👍🏽 bidi:\u202eevil.exe\u202c " + words + " end"
	h.send(tea.PasteMsg{Content: draft})
	if got := h.m.composer.value(); got != draft {
		t.Fatalf("the draft changed: %q, want %q", got, draft)
	}
	v := h.m.View().Content
	if strings.ContainsAny(v, "\u200d\u202e\u202c\U0001f3fd") {
		t.Fatalf("the composer draws joiners, skin tones or bidi controls:\n%s", ansi.Strip(v))
	}
	for n, l := range strings.Split(v, "\n") {
		// The cells every terminal gives the line (wcwidth: no joining).
		if lw := ansi.WcWidth.StringWidth(l); lw > 60 {
			t.Fatalf("row %d is %d cells in a 60-cell window: %q", n, lw, ansi.Strip(l))
		}
	}
	if !strings.Contains(ansi.Strip(v), "family:👨👩👧👦 thumbs:👍") {
		t.Fatalf("the emoji are not drawn apart:\n%s", ansi.Strip(v))
	}
	// Drawn wider than the text area measures it, a row must not lose its
	// end: every word typed is on screen.
	for _, w := range strings.Fields(words + " end") {
		if !strings.Contains(ansi.Strip(v), w) {
			t.Fatalf("%q typed but not on screen:\n%s", w, ansi.Strip(v))
		}
	}
}
