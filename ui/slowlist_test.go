package ui

import (
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// TestSlowServerIsNamedWhileTheListWaits: a server that takes the
// connection and says nothing leaves the person looking at a spinner; after
// a few seconds the list says which server it waits for, and for how long.
func TestSlowServerIsNamedWhileTheListWaits(t *testing.T) {
	var mu sync.Mutex
	now := testStart
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	cfg := Config{Backend: newFakeBackend(0), Sender: &fakeSender{}, UserID: "u1", Host: "shop.example:8199",
		Theme: "dark", PageSize: 10, Location: time.UTC, Now: clock}
	// Init is not run: the list's request never gets an answer.
	h := &harness{t: t, m: newTestModel(cfg)}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.send(spinner.TickMsg{})
	if v := plainView(h.m); !strings.Contains(v, "loading tasks") || strings.Contains(v, "has not answered") {
		t.Fatalf("at first the list only says it is loading:\n%s", v)
	}
	mu.Lock()
	now = now.Add(7 * time.Second)
	mu.Unlock()
	h.send(spinner.TickMsg{})
	// The note wraps in the narrow list: "…8199 has not" / "answered for 7 s".
	if v := plainView(h.m); !strings.Contains(v, "shop.example:8199 has not") || !strings.Contains(v, "answered for 7 s") {
		t.Fatalf("after 7 s of silence the list should name the server:\n%s", v)
	}
}
