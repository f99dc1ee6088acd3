package ui

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// TestFlowAgainstDemoBackend runs the real program (teatest) on the real
// client, WebSocket session and demo backend over loopback: start, task
// list, ctrl+n, type, streamed reply, chip.
func TestFlowAgainstDemoBackend(t *testing.T) {
	srv, err := demo.New(demo.Options{StorePath: filepath.Join(t.TempDir(), "demo.db"), Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	client, err := api.New(api.WithBaseURL(hs.URL), api.WithAPIKey(demo.DefaultKey))
	if err != nil {
		t.Fatal(err)
	}

	var tm *teatest.TestModel
	ready := make(chan struct{})
	sess := client.NewSession(func(ev api.Event) {
		<-ready
		tm.Send(SessionEvent{Event: ev})
	})
	m := New(Config{Backend: client, Sender: sess, UserID: demo.DefaultUserID, Demo: true,
		Host: "demo", Theme: "dark", Location: time.UTC})
	tm = teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	close(ready)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); sess.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })

	out := tm.Output()
	wait := func(what string, want ...string) {
		t.Helper()
		var seen bytes.Buffer
		teatest.WaitFor(t, out, func(b []byte) bool {
			seen.Write(b)
			s := ansi.Strip(seen.String())
			for _, w := range want {
				if !bytes.Contains([]byte(s), []byte(w)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}

	wait("the task list", "page 1 of", "tasks")
	tm.Send(tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl})
	wait("the welcome message", "perfect product")
	tm.Type("I need a built-in microwave, 20 l or more")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	wait("the streamed reply", "built-in", "recommended")
	tm.Send(tea.KeyPressMsg{Code: '1', Mod: tea.ModAlt})
	wait("the reply to the chip and its new chips", "Add it to my cart")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})

	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(Model)
	id := final.chat.OpenID()
	es := final.chat.Entries()
	var users, agents int
	for _, e := range es {
		if e.Msg.FromAgent() {
			agents++
		} else {
			users++
		}
	}
	if users != 2 || agents < 3 {
		t.Fatalf("task %s has %d user and %d agent entries, want 2 and at least 3 (welcome + 2 replies)", id, users, agents)
	}
	if final.chat.Replying() {
		t.Fatal("a turn is still in flight at the end")
	}
}
