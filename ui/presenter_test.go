package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"aui-tui/api"
)

// presenting is a harness in presenter mode with the first task open.
func presenting(t *testing.T, w, h int) *harness {
	t.Helper()
	hs := newHarness(t, 12, func(c *Config) { c.Presenter = true })
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(SessionEvent{api.StateChange{State: api.StateLive}})
	hs.openFirst()
	return hs
}

func TestPresenterHidesIDsHostAndHelpBar(t *testing.T) {
	normal := newHarness(t, 12)
	normal.send(SessionEvent{api.StateChange{State: api.StateLive}})
	id := normal.openFirst()
	before := plainView(normal.m)
	p := presenting(t, 120, 40)
	after := plainView(p.m)
	for _, s := range []string{shortID(id), id, "127.0.0.1:1", "u1", "send suggestion"} {
		if !strings.Contains(before, s) {
			t.Fatalf("the normal screen lacks %q, so the check below proves nothing:\n%s", s, before)
		}
		if strings.Contains(after, s) {
			t.Errorf("presenter screen shows %q:\n%s", s, after)
		}
	}
	for _, s := range []string{"Task number 1", "DEMO", "connected", "answer for task 1"} {
		if !strings.Contains(after, s) {
			t.Errorf("presenter screen lacks %q:\n%s", s, after)
		}
	}
	if n := len(strings.Split(after, "\n")); n != 40 {
		t.Errorf("presenter screen has %d lines, want 40 (the help bar's row goes to the panes)", n)
	}
}

func TestPresenterQuestionMarkTogglesTheHelpBar(t *testing.T) {
	p := presenting(t, 120, 40)
	p.key("esc") // out of the composer, where ? is text
	if strings.Contains(plainView(p.m), "scroll") {
		t.Fatalf("help bar shown before ?:\n%s", plainView(p.m))
	}
	p.key("?")
	if bar := p.helpBarText(); !strings.Contains(bar, "scroll") || p.m.overlay.IsOpen() {
		t.Errorf("after ? the last line is %q (overlay open: %v), want the help bar", bar, p.m.overlay.IsOpen())
	}
	if n := len(strings.Split(plainView(p.m), "\n")); n != 40 {
		t.Errorf("screen has %d lines with the help bar, want 40", n)
	}
	p.key("?")
	if strings.Contains(p.helpBarText(), "scroll") {
		t.Errorf("? again left the help bar: %q", p.helpBarText())
	}
}

// blankRunBefore counts the blank conversation rows right above the line
// that contains marker.
func blankRunBefore(screen, marker string) int {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if !strings.Contains(l, marker) {
			continue
		}
		n := 0
		for j := i - 1; j >= 0; j-- {
			// The conversation pane is the right-hand box; a blank row is
			// empty between its borders.
			row := lines[j]
			if k := strings.LastIndex(row, "││"); k >= 0 {
				row = row[k:]
			}
			if strings.Trim(row, "│ ") != "" {
				break
			}
			n++
		}
		return n
	}
	return -1
}

func TestPresenterSpacesMessagesFurther(t *testing.T) {
	normal := newHarness(t, 12)
	normal.openFirst()
	p := presenting(t, 120, 40)
	a, b := blankRunBefore(plainView(normal.m), "agent ·"), blankRunBefore(plainView(p.m), "agent ·")
	if a < 1 || b != a+1 {
		t.Errorf("blank rows before the reply: %d normally, %d presenting; want one more when presenting", a, b)
	}
}

// TestPresenterGolden pins the presenter screen at the two sizes a demo
// runs at. Regenerate with: go test ./ui -run TestPresenterGolden -update
func TestPresenterGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			p := presenting(t, sz[0], sz[1])
			golden.RequireEqual(t, ansi.Strip(p.m.View().Content))
		})
	}
}

func TestQuitsTellsTextFromQuitting(t *testing.T) {
	h := newHarness(t, 3)
	q, ctrlC := keyMsg("q"), keyMsg("ctrl+c")
	if !h.m.Quits(q) || !h.m.Quits(ctrlC) {
		t.Errorf("in the task list q and ctrl+c must quit")
	}
	h.openFirst() // the composer has focus: q is text
	if h.m.Quits(q) || !h.m.Quits(ctrlC) {
		t.Errorf("in the composer q is text and ctrl+c quits; got q %v, ctrl+c %v", h.m.Quits(q), h.m.Quits(ctrlC))
	}
}
