package ui

import (
	"strings"
	"testing"
)

// TestDigitInTaskListSendsNothing: a bare digit in the task list does not
// send a suggestion (to the open task, whatever the cursor is on), and the
// help bar does not offer it there; alt+digit still sends, and a digit in
// the conversation still does.
func TestDigitInTaskListSendsNothing(t *testing.T) {
	h := newHarness(t, 3)
	h.openFirst()
	h.key("esc", "shift+tab", "down")
	if h.m.focus != focusTasks {
		t.Fatalf("setup: focus %v, want the task list", h.m.focus)
	}
	h.key("1")
	if len(h.s.sent) != 0 {
		t.Fatalf("1 in the task list sent %v", h.s.sent)
	}
	if bar := plainView(h.m); strings.Contains(bar, "• 1-9 send") {
		t.Fatalf("the task list's help bar offers digits:\n%s", bar)
	}
	h.key("alt+1")
	if got := h.s.last(); got != "Tell me more" {
		t.Fatalf("alt+1 in the task list sent %q", got)
	}
}
