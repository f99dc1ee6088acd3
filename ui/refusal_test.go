package ui

import (
	"strings"
	"testing"

	"aui-tui/api"
)

// TestModerationRefusalIsShownNotAConnectionLoss: AUI refuses a message
// with an error frame and then closes the socket; the session reconnects at
// once. The message says what the server said, category included, and the
// status bar does not claim the connection was lost.
func TestModerationRefusalIsShownNotAConnectionLoss(t *testing.T) {
	h := newHarness(t, 1)
	h.send(SessionEvent{api.StateChange{State: api.StateLive}})
	id := h.openFirst()
	h.typeText("something rude")
	h.key("enter")
	h.send(SessionEvent{api.ErrorFrame{TaskID: id, Err: &api.APIError{
		StatusCode:  400,
		Description: "Content moderation triggered",
		Message:     "The message was flagged by content moderation.",
		Extra:       map[string]any{"moderation_category": "harmful_content"},
	}}})
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 1,
		Err: &api.CloseError{Code: 1008, AfterErrorFrame: true}}})
	h.send(SessionEvent{api.StateChange{State: api.StateConnecting, Attempt: 1}})
	h.send(SessionEvent{api.StateChange{State: api.StateLive}})

	e, ok := h.lastFailed()
	if !ok {
		t.Fatal("the refused message is not marked")
	}
	v := plainView(h.m)
	if !strings.Contains(v, "harmful_content") || strings.Contains(v, "Connection lost") {
		t.Errorf("refusal shown as %+v; screen:\n%s", e, v)
	}
	if !strings.Contains(h.m.status.notice, "Content moderation triggered (harmful_content)") {
		t.Errorf("notice %q", h.m.status.notice)
	}

	// A connection that really drops is still reported.
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 1, Err: &api.CloseError{Code: 1011}}})
	if !strings.Contains(h.m.status.notice, "Connection lost") {
		t.Errorf("a real drop is not reported: %q", h.m.status.notice)
	}
}
