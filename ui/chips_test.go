package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
)

// demoChips are the demo agent's suggestions after a product question:
// long enough that at 80 columns they do not all fit in two rows.
var demoChips = []string{"Show me cheaper options", "Which one is the quietest?",
	"Compare the top three for me", "What's the warranty on it?"}

// screenShape is where the composer's prompt is and how many rows the
// chips take: what focus must not change.
func screenShape(m Model) (prompt int, chipRows int) {
	lines := strings.Split(plainView(m), "\n")
	prompt = slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "› ") })
	return prompt, len(m.chipRows())
}

// TestFocusingChipsKeepsTheLayout: tab onto the chips and moving along
// them changes the highlight only; the chip rows and the composer stay
// where they were.
func TestFocusingChipsKeepsTheLayout(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 60, Height: 24}, {Width: 160, Height: 48}} {
		h := newHarness(t, 1)
		id := h.openFirst()
		h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("s", "pick one", demoChips...)}})
		h.send(size)
		h.key("esc")
		wantPrompt, wantRows := screenShape(h.m)
		if wantPrompt < 0 || wantRows == 0 {
			t.Fatalf("%dx%d: setup: prompt at %d, %d chip rows:\n%s", size.Width, size.Height, wantPrompt, wantRows, plainView(h.m))
		}
		h.key("tab")
		if h.m.focus != focusChips {
			t.Fatalf("focus %v", h.m.focus)
		}
		for range demoChips {
			if p, r := screenShape(h.m); p != wantPrompt || r != wantRows {
				t.Fatalf("%dx%d: chip %d chosen: prompt at row %d with %d chip rows, want row %d with %d:\n%s",
					size.Width, size.Height, h.m.chips.index+1, p, r, wantPrompt, wantRows, plainView(h.m))
			}
			if !strings.Contains(plainView(h.m), demoChips[h.m.chips.index][:10]) {
				t.Fatalf("chosen chip %d not on screen:\n%s", h.m.chips.index+1, plainView(h.m))
			}
			h.key("right")
		}
	}
}

// TestChipLabelsAreCutAtAWord: a label too long for its row ends in a
// whole word and "…".
func TestChipLabelsAreCutAtAWord(t *testing.T) {
	c := newChips(newHarness(t, 0).m.com.st, DefaultKeyMap().Chips)
	c.set([]string{"Compare the top three dishwashers under six hundred dollars"})
	c.SetSize(30, 2)
	got := ansi.Strip(c.View())
	want := " 1 Compare the top three…"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("chip = %q, want it to start %q", got, want)
	}
}
