package ui

import (
	"strings"
	"testing"

	"aui-tui/api"
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

// TestFilterEnterOpensTheFirstMatch: typing a filter moves the cursor to
// the first match, and enter in the filter opens it (the cursor's old row
// number does not pick the third match).
func TestFilterEnterOpensTheFirstMatch(t *testing.T) {
	h := newHarness(t, 12)
	h.key("down", "down", "down", "/")
	h.typeText("number 1")
	h.key("enter")
	if got := h.m.chat.OpenID(); got != h.b.tasks[0].ID {
		t.Fatalf("enter in the filter opened %q, want the first match %q", got, h.b.tasks[0].ID)
	}
	if h.m.focus != focusComposer {
		t.Fatalf("focus %v after opening, want the composer", h.m.focus)
	}
	// esc while filtering leaves the cursor on the task it was on.
	h = newHarness(t, 12)
	h.key("/")
	h.typeText("number 1")
	h.key("down", "down", "esc")
	if got := h.m.tasks.selectedID(); got != h.b.tasks[10].ID {
		t.Fatalf("after esc the cursor is on %q, want %q (Task number 11)", got, h.b.tasks[10].ID)
	}
}

// TestTaskList404SaysCheckBaseURL: a task listing that is not there means
// a wrong address; the hint says so instead of offering a retry.
func TestTaskList404SaysCheckBaseURL(t *testing.T) {
	h := newHarness(t, 0)
	h.b.listErr = &api.APIError{StatusCode: 404}
	h.key("ctrl+r")
	v := strings.Join(strings.Fields(plainView(h.m)), " ")
	if !strings.Contains(v, "check --base-url") {
		t.Fatalf("no base URL hint:\n%s", plainView(h.m))
	}
}
