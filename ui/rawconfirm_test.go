package ui

import (
	"strings"
	"testing"

	"aui-tui/api"
)

// TestRawViewOfASentMessage: v on a message sent here says it is not yet
// confirmed while its reply is awaited, and shows the server's copy (its
// id, as the server sent it) once the reply has come.
func TestRawViewOfASentMessage(t *testing.T) {
	h := newHarness(t, 1)
	h.b.msgs[h.b.tasks[0].ID][0].ID = "srv-q1" // the server names every message
	id := h.openFirst()
	h.typeText("which one is the quietest?")
	h.key("enter", "esc", "G", "[", "v")
	if v := plainView(h.m); !strings.Contains(v, "not confirmed by the server") {
		t.Fatalf("the raw view of an unconfirmed message does not say so:\n%s", v)
	}
	h.key("esc")

	// The server stores the message with its id, then replies.
	sent := userMsg("which one is the quietest?")
	sent.ID, sent.Raw = "srv-u1", []byte(`{"id":"srv-u1","text":"which one is the quietest?","sender":{"id":"u1","type":"user"}}`)
	reply := agentMsg("srv-a1", "The Nordvik is the quietest.")
	h.b.mu.Lock()
	h.b.msgs[id] = append(h.b.msgs[id], sent, reply)
	h.b.mu.Unlock()
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: reply}})

	h.key("v") // the same message is still focused
	v := plainView(h.m)
	if !strings.Contains(v, "raw JSON · srv-u1") || !strings.Contains(v, `"id": "srv-u1"`) || strings.Contains(v, "not confirmed") {
		t.Fatalf("the raw view does not show the server's copy after the reply:\n%s", v)
	}
}
