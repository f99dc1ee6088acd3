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
	reconnect(h)
	if h.m.tasks.err != "" || !strings.Contains(plainView(h.m), "Renamed while away") {
		t.Fatalf("the task list was not reloaded on reconnect:\n%s", plainView(h.m))
	}
}

// reconnect is the states a session goes through when its socket drops
// and comes back: an attempt is made (connecting) between the two.
func reconnect(h *harness) {
	h.t.Helper()
	h.send(SessionEvent{api.StateChange{State: api.StateRetrying, Attempt: 1}})
	h.send(SessionEvent{api.StateChange{State: api.StateConnecting, Attempt: 1}})
	h.send(SessionEvent{api.StateChange{State: api.StateLive}})
}

// TestReconnectAfterOfflineRefresh: ctrl+r while the server is down shows
// the cached list (stored before a task was started) and puts an error on
// the open transcript; when the socket is back both are loaded again, so
// the new task is at the top and the error goes, without another ctrl+r.
func TestReconnectAfterOfflineRefresh(t *testing.T) {
	st := openStore(t, t.TempDir())
	b := newFakeBackend(3)
	h := newHarnessWith(t, b, st) // the list is cached as the server sent it
	id := h.openFirst()
	b.mu.Lock()
	b.tasks = append([]api.Task{{ID: "new-task", UserID: "u1", Title: "Started since"}}, b.tasks...)
	down := &api.NetError{Host: "127.0.0.1:1", Reason: "connection refused"}
	b.listErr, b.msgsErr = down, down
	b.mu.Unlock()
	h.key("ctrl+r")
	if v := plainView(h.m); !strings.Contains(v, "cannot reach 127.0.0.1:1") || strings.Contains(v, "Started since") {
		t.Fatalf("the offline refresh should show the cached list and the error:\n%s", v)
	}
	b.mu.Lock()
	b.listErr, b.msgsErr = nil, nil
	b.mu.Unlock()
	reconnect(h)
	if h.m.tasks.items[0].ID != "new-task" {
		t.Fatalf("the list was not loaded again on reconnect: first task %q", h.m.tasks.items[0].Title)
	}
	if v := plainView(h.m); strings.Contains(v, "cannot reach") || h.m.chat.OpenID() != id {
		t.Fatalf("the transcript's error should go on reconnect:\n%s", v)
	}
}

// TestRecoveredReplyAfterAReloadIsNotDoubled: the reload on reconnect can
// bring the server's copy of a cut reply before the session's recovery
// delivers it; the reply is then shown once.
func TestRecoveredReplyAfterAReloadIsNotDoubled(t *testing.T) {
	h := newHarness(t, 1)
	id := cutReply(h)
	whole := agentMsg("r1", "the whole reply")
	b := h.b
	b.mu.Lock()
	b.msgs[id] = append(b.msgs[id], userMsg("compare them"), whole)
	b.mu.Unlock()
	h.key("ctrl+r") // the server's copy, reply included
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Recovered: true, Prompt: "compare them", Message: whole}})
	n := 0
	for _, e := range h.entries() {
		if e.Msg.Text == "the whole reply" {
			n++
		}
		if strings.Contains(e.Msg.Text, "first half") {
			t.Fatalf("the cut reply is still shown beside the whole one")
		}
	}
	if n != 1 {
		t.Fatalf("the recovered reply is shown %d times, want once", n)
	}
}

// cutReply opens the first task, sends "compare them" and has its reply
// cut off after "Here is the first half", as the session reports a reply
// lost with the connection; it returns the task's id.
func cutReply(h *harness) string {
	h.t.Helper()
	id := h.openFirst()
	h.typeText("compare them")
	h.key("enter")
	h.send(SessionEvent{api.TextUpdate{TaskID: id, Text: "Here is the first half"}})
	h.send(SessionEvent{api.ErrorFrame{TaskID: id, Prompt: "compare them", Interrupted: true,
		Err: &api.APIError{Message: "Reply cut off (the rest is fetched when the server is back)"}}})
	return id
}

// TestOfflineRefreshKeepsTheServersList: ctrl+r while the server is away
// keeps the list the server gave in this run, a task started since
// included at its top, rather than going back to the older cached copy.
func TestOfflineRefreshKeepsTheServersList(t *testing.T) {
	b := newFakeBackend(3)
	h := newHarnessWith(t, b, openStore(t, t.TempDir()))
	h.key("ctrl+n")
	first := h.m.tasks.items[0].ID
	if b.creates != 1 || first == b.tasks[len(b.tasks)-1].ID {
		t.Fatalf("ctrl+n did not start a task at the top (creates %d)", b.creates)
	}
	b.mu.Lock()
	b.listErr = &api.NetError{Host: "127.0.0.1:1", Reason: "connection refused"}
	b.mu.Unlock()
	h.key("ctrl+r")
	if got := h.m.tasks.items[0].ID; got != first || !h.m.status.offline {
		t.Fatalf("after an offline refresh the first task is %q (offline %v), want the new one %q", got, h.m.status.offline, first)
	}
}
