package main

import (
	"strings"
	"testing"
	"time"
)

// TestEndToEndSearchAll opens two tasks (so both are cached and indexed),
// searches all conversations with ctrl+f, and opens a hit: the conversation
// shows the task at the message, the match found.
func TestEndToEndSearchAll(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 120, 40, "--demo-pace", "3ms", "--theme", "dark")
	s.waitFor("the task list", "tasks · demo_user", "Built-in microwave", "Quiet dishwasher")

	s.keys("Enter")
	s.waitFor("the first task's transcript", "Built-in microwave ·", "agent ·")
	// A lone ESC followed at once by another key reads as alt+…; a
	// person's keys are never that close.
	s.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	s.keys("BTab")
	s.waitFor("the task list focused", "open")
	s.keys("j", "Enter")
	s.waitFor("the second task's transcript", "Quiet dishwasher ·", "Variants")

	s.keys("C-f")
	s.waitFor("the search overlay", "Search all conversations")
	s.typeText(`"halden hb20" grill`)
	scr := s.waitFor("hits from the first task", "matches in 2 cached conversations", "agent: ")
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "agent: ") && !strings.Contains(l, "Built-in microwave") {
			t.Fatalf("a hit from a task without the words: %q\n%s", l, scr)
		}
	}
	s.keys("Enter")
	// The message's first match is the current one: here "grill" comes
	// before "Halden HB20" in its text.
	scr = s.waitFor("the first task at the message, the match found", "Built-in microwave ·", "find “grill” ")
	if !strings.Contains(scr, "Halden HB20") || !strings.Contains(scr, "grill") {
		t.Fatalf("the message is not on screen:\n%s", scr)
	}
	at := findBar(scr)
	s.keys("n")
	deadline := time.Now().Add(10 * time.Second)
	for findBar(s.screen()) == at && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if findBar(s.screen()) == at {
		t.Fatalf("n did not move to the next match (%q):\n%s", at, s.screen())
	}
	s.keys("C-c")
}

// findBar is the conversation's find status ("find “x” 3/9").
func findBar(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, "find “"); i >= 0 {
			if j := strings.Index(l[i:], " · "); j >= 0 {
				return l[i : i+j]
			}
		}
	}
	return ""
}
