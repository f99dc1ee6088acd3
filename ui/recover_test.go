package ui

import (
	"errors"
	"strings"
	"testing"

	"aui-tui/api"
)

// TestRetryAfterFailedHistoryLoadsItToo: with the server down, the history
// failed to load and the message failed to send; ctrl+r used to re-send the
// message only, leaving the task without its history until a second ctrl+r.
func TestRetryAfterFailedHistoryLoadsItToo(t *testing.T) {
	h := newHarness(t, 2)
	down := errors.New("The server had a problem (502 Bad Gateway)")
	h.b.msgsErr = down
	h.s.err = down
	h.openFirst()
	h.typeText("still there?")
	h.key("enter")
	if _, ok := h.lastFailed(); !ok {
		t.Fatal("the send did not fail")
	}

	h.b.mu.Lock()
	h.b.msgsErr = nil
	h.b.mu.Unlock()
	h.s.mu.Lock()
	h.s.err = nil
	h.s.mu.Unlock()
	h.key("ctrl+r")
	if got := h.s.last(); got != "still there?" {
		t.Fatalf("ctrl+r sent %q", got)
	}
	v := plainView(h.m)
	for _, want := range []string{"question for task 1", "answer for task 1", "still there?"} {
		if !strings.Contains(v, want) {
			t.Fatalf("after ctrl+r the conversation lacks %q:\n%s", want, v)
		}
	}
	if strings.Index(v, "answer for task 1") > strings.Index(v, "still there?") {
		t.Fatalf("the retried message is not after the history:\n%s", v)
	}
}

// TestReconnectReloadsWhatFailed: with the server down at start the task
// list failed and waited for ctrl+r, though the socket reconnected by
// itself; it now reloads when the socket is back.
func TestReconnectReloadsWhatFailed(t *testing.T) {
	h := newHarness(t, 3)
	b := h.b
	b.mu.Lock()
	b.tasks[0].Title = "Renamed while away"
	b.listErr = errors.New("cannot reach 127.0.0.1:1: connection refused")
	b.mu.Unlock()
	h.key("ctrl+r") // fails like the first load with the server down
	if h.m.tasks.err == "" {
		t.Fatal("the list load did not fail")
	}
	b.mu.Lock()
	b.listErr = nil
	b.mu.Unlock()
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 1}})
	h.send(SessionEvent{api.StateChange{State: api.StateLive}})
	if h.m.tasks.err != "" || !strings.Contains(plainView(h.m), "Renamed while away") {
		t.Fatalf("the task list was not reloaded on reconnect:\n%s", plainView(h.m))
	}
}
