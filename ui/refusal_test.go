package ui

import (
	"strings"
	"testing"

	"aui-tui/api"
)

// TestModerationRefusalIsShownNotAConnectionLoss: AUI refuses a message
// with an error frame and then closes the socket; the session reconnects at
// once. The message says what the server said, category included, the
// status bar does not claim the connection was lost, and the text comes
// back to the composer to be edited.
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

	// Sending it unchanged would be refused again: no retry is offered,
	// ctrl+r does not send it, and the text is back in the composer to be
	// edited.
	if !e.Refused || strings.Contains(v, "to retry") || !strings.Contains(v, "edit it and send again") {
		t.Errorf("a refused message should offer editing, not a retry:\n%s", v)
	}
	if got := h.m.composer.value(); got != "something rude" {
		t.Errorf("composer holds %q, want the refused text to edit", got)
	}
	sent := len(h.s.sent)
	h.key("ctrl+r")
	if len(h.s.sent) != sent {
		t.Errorf("ctrl+r sent the refused text again: %q", h.s.last())
	}

	// A connection that really drops is still reported.
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 1, Err: &api.CloseError{Code: 1011}}})
	if !strings.Contains(h.m.status.notice, "Connection lost") {
		t.Errorf("a real drop is not reported: %q", h.m.status.notice)
	}
}

// TestErrorFrameWithoutAnErrorFailsTheTurn: an error event that carries no
// error (nothing sends one today, but a session may) fails the turn in
// flight with a plain reason instead of crashing the program.
func TestErrorFrameWithoutAnErrorFailsTheTurn(t *testing.T) {
	h := newHarness(t, 1)
	id := h.openFirst()
	h.typeText("hello")
	h.key("enter")
	h.send(SessionEvent{api.ErrorFrame{TaskID: id}})
	e, ok := h.lastFailed()
	if !ok || e.Err != "The agent could not reply." || e.Refused {
		t.Fatalf("the turn should fail with the plain reason, got %+v (failed %v)", e, ok)
	}
}
