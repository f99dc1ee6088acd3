package ui

import (
	"fmt"
	"strings"
	"testing"

	"aui-tui/api"
)

// TestTaskRecordIsOptional: a server without the (undocumented) task record
// answers 404, reported as api.ErrUnavailable. A new task's title is then
// not refreshed from it: no error is shown, the conversation goes on, and
// the call is not made again after every reply.
func TestTaskRecordIsOptional(t *testing.T) {
	h := newHarness(t, 1)
	h.b.getErr = fmt.Errorf("%w: the task record (404)", api.ErrUnavailable)
	h.key("ctrl+n")
	id := h.m.chat.OpenID()
	for i, q := range []string{"need a microwave", "a cheaper one"} {
		h.typeText(q)
		h.key("enter")
		h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg(fmt.Sprint("r", i), "answer "+q)}})
	}
	v := plainView(h.m)
	if !strings.Contains(v, "answer a cheaper one") || strings.Contains(v, "✗") || strings.Contains(v, "not found") || strings.Contains(v, "Could not update") {
		t.Errorf("screen:\n%s", v)
	}
	if h.b.gets != 1 {
		t.Errorf("%d task record calls, want 1", h.b.gets)
	}
	if title := h.m.chat.Task(id).Title; title != "New Conversation" {
		t.Errorf("title %q", title)
	}
}

func TestOneTaskIsNotPlural(t *testing.T) {
	h := newHarness(t, 1)
	if v := plainView(h.m); !strings.Contains(v, "page 1 of 1 · 1 task") || strings.Contains(v, "1 tasks") {
		t.Errorf("footer:\n%s", v)
	}
}
