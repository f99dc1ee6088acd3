package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
)

// fuzzKeys are the keys the fuzzer presses.
var fuzzKeys = []string{"enter", "tab", "shift+tab", "esc", "up", "down", "left", "right", "ctrl+n", "ctrl+r",
	"alt+enter", "backspace", "j", "k", "g", "G", "/", "?", "n", "[", "]", "v", "y", "1", "alt+1", "q"}

// fuzzTexts are server texts the fuzzer delivers, hostile ones included.
var fuzzTexts = []string{"Hello", "**bold** and a table\n\n|a|b|\n|-|-|\n|1|2|", strings.Repeat(">", 100) + " deep",
	"\x1b]0;title\x07\x1b[2J\u009b31m\u202eevil", strings.Repeat("wide漢字", 200), "- a\n  - b\n    - c", ""}

// FuzzUpdate feeds the root model random keys, mouse wheels, resizes,
// pastes and session events: it never panics and never draws a line wider
// or a screen taller than the window.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	f.Add([]byte{2, 40, 10, 0, 8, 6, 3, 7, 1, 5, 0, 200, 60})
	f.Add([]byte("\x00\x00\x05\x05\x06\x01\x07\x02\x02\x14\x05"))
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		h := newHarness(t, 3)
		w, ht := 120, 40
		next := func(i *int) byte {
			*i++
			if *i < len(ops) {
				return ops[*i]
			}
			return 0
		}
		id := func() string { return h.openID() }
		for i := 0; i < len(ops); i++ {
			op := ops[i]
			arg := next(&i)
			switch op % 8 {
			case 0:
				h.key(fuzzKeys[int(arg)%len(fuzzKeys)])
			case 1:
				h.typeText(string(rune('a' + arg%26)))
			case 2:
				w, ht = 20+int(arg)%180, 5+int(next(&i))%55
				h.send(tea.WindowSizeMsg{Width: w, Height: ht})
			case 3:
				h.send(tea.MouseWheelMsg{Button: tea.MouseWheelUp + tea.MouseButton(arg%2)})
			case 4:
				h.send(tea.PasteMsg{Content: fuzzTexts[int(arg)%len(fuzzTexts)]})
			case 5:
				h.send(SessionEvent{api.TextUpdate{TaskID: id(), Text: fuzzTexts[int(arg)%len(fuzzTexts)]}})
			case 6:
				h.send(SessionEvent{api.FinalMessage{TaskID: id(), Message: api.Message{ID: "f", Text: fuzzTexts[int(arg)%len(fuzzTexts)],
					Sender: api.Party{ID: "agent", Type: api.ActorAgent}, FollowupSuggestions: []string{fuzzTexts[int(arg)%len(fuzzTexts)]}}}})
			case 7:
				h.send(SessionEvent{api.ErrorFrame{TaskID: id(), Err: &api.APIError{StatusCode: 500, Message: fuzzTexts[int(arg)%len(fuzzTexts)]}}})
			}
			lines := strings.Split(h.m.View().Content, "\n")
			if len(lines) > ht {
				t.Fatalf("%d lines in a %d-line window", len(lines), ht)
			}
			for n, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Fatalf("line %d is %d cells in a %d-cell window: %q", n, lw, w, ansi.Strip(l))
				}
			}
		}
	})
}
