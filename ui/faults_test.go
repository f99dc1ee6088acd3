package ui

import (
	"context"
	"net"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// rig runs the whole program (UI model, API client, WebSocket session)
// against the demo backend over loopback, with chaos switched on where a
// test wants it. Commands run in goroutines, as under Bubble Tea, and their
// messages come back through one channel, so timing is real.
type rig struct {
	t       *testing.T
	srv     *demo.Server
	hs      *httptest.Server
	store   string
	client  *api.Client
	m       Model
	msgs    chan tea.Msg
	ctx     context.Context
	notices []string
}

func newRig(t *testing.T, key string, timeout, replyTimeout time.Duration, spec string) *rig {
	t.Helper()
	store := filepath.Join(t.TempDir(), "demo.db")
	srv, err := demo.New(demo.Options{StorePath: store, Seed: true, Pace: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewUnstartedServer(srv)
	hs.Start()
	client, err := api.New(api.WithBaseURL(hs.URL), api.WithAPIKey(key), api.WithTimeout(timeout),
		api.WithSendTimeout(timeout), api.WithRetry(2, 10*time.Millisecond, 50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &rig{t: t, srv: srv, store: store, hs: hs, client: client, msgs: make(chan tea.Msg, 4096), ctx: ctx}
	client.OnRateLimit(func(d time.Duration) { r.post(RateLimited{Wait: d}) })
	sess := client.NewSession(func(ev api.Event) { r.post(SessionEvent{Event: ev}) },
		api.WithBackoff(20*time.Millisecond, 200*time.Millisecond), api.WithReplyTimeout(replyTimeout))
	done := make(chan struct{})
	go func() { sess.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		r.hs.CloseClientConnections()
		r.hs.Close()
		_ = r.srv.Close()
	})
	r.chaos(spec) // before the first load
	r.m = New(Config{Backend: client, Sender: sess, UserID: demo.DefaultUserID, Demo: true, Host: "demo",
		Theme: "dark", Timeout: timeout, Location: time.UTC})
	r.update(tea.WindowSizeMsg{Width: 120, Height: 40})
	r.exec(r.m.Init())
	return r
}

// chaos switches faults on (spec) or off ("").
func (r *rig) chaos(spec string) {
	r.t.Helper()
	c, err := demo.ParseChaos(spec)
	if err != nil {
		r.t.Fatal(err)
	}
	r.srv.SetChaos(c)
}

func (r *rig) post(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range m {
			r.exec(c)
		}
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		go func() { // a sequence: one after the other
			for i := range v.Len() {
				if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
					r.post(c())
				}
			}
		}()
		return
	}
	select {
	case r.msgs <- msg:
	case <-r.ctx.Done():
	}
}

func (r *rig) exec(cmd tea.Cmd) {
	if cmd != nil {
		go func() { r.post(cmd()) }()
	}
}

func (r *rig) update(msg tea.Msg) {
	next, cmd := r.m.Update(msg)
	r.m = next.(Model)
	if n := r.m.status.notice; n != "" && (len(r.notices) == 0 || r.notices[len(r.notices)-1] != n) {
		r.notices = append(r.notices, n)
	}
	r.exec(cmd)
}

// until runs the program until cond holds. The deadline only ends a run
// that hangs, which is itself the failure being tested for.
func (r *rig) until(what string, cond func() bool) {
	r.t.Helper()
	deadline := time.NewTimer(60 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case msg := <-r.msgs:
			r.update(msg)
		case <-deadline.C:
			r.t.Fatalf("hangs waiting for %s; notices %q; screen:\n%s", what, r.notices, r.view())
		}
	}
}

func (r *rig) view() string { return ansi.Strip(r.m.View().Content) }

func (r *rig) keys(keys ...string) {
	for _, k := range keys {
		r.update(keyMsg(k))
	}
}

func (r *rig) typeText(s string) {
	for _, c := range s {
		r.update(tea.KeyPressMsg{Code: c, Text: string(c)})
	}
}

// noticeWith reports whether a notice so far holds every one of want.
func (r *rig) noticeWith(want ...string) func() bool {
	return func() bool {
		for _, n := range r.notices {
			ok := true
			for _, w := range want {
				ok = ok && strings.Contains(n, w)
			}
			if ok {
				return true
			}
		}
		return false
	}
}

// checkSentences: every notice is one clear sentence: one line, starting
// with a capital, no raw JSON, no control character.
func (r *rig) checkSentences() {
	r.t.Helper()
	r.t.Logf("notices: %q", r.notices)
	for _, n := range r.notices {
		first := []rune(n)[0]
		if strings.ContainsAny(n, "\n\x1b") || strings.Contains(n, `{"`) || !(unicode.IsUpper(first) || n == "refreshing…") {
			r.t.Errorf("notice is not one clear sentence: %q", n)
		}
	}
}

// openTask opens the newest task once the list and the socket are up.
func (r *rig) openTask() string {
	r.t.Helper()
	r.until("the task list and the live socket", func() bool {
		return len(r.m.tasks.items) > 0 && r.m.status.conn == api.StateLive
	})
	r.keys("enter")
	id := r.m.chat.OpenID()
	r.until("the transcript", func() bool { s := r.m.chat.state(id); return s.loaded && !s.loading })
	return id
}

// sendRow sends text with the faults of spec on, waits for the turn to end
// and checks the row's invariants: the text is not lost and was not sent
// twice.
func (r *rig) sendRow(spec, text string, want ...string) {
	r.t.Helper()
	id := r.openTask()
	r.chaos(spec)
	r.typeText(text)
	r.keys("enter")
	r.until("the turn to end with a notice "+strings.Join(want, " … "), func() bool {
		return !r.m.chat.Replying() && r.noticeWith(want...)()
	})
	r.chaos("")
	msgs, err := r.client.TaskMessages(context.Background(), id)
	if err != nil {
		r.t.Fatalf("reading the transcript back: %v", err)
	}
	sent := 0
	for _, m := range msgs {
		if !m.FromAgent() && m.Text == text {
			sent++
		}
	}
	if sent > 1 {
		r.t.Errorf("the message reached the server %d times", sent)
	}
	if sent == 0 && !strings.Contains(r.view(), text) && !strings.Contains(r.m.composer.value(), text) {
		r.t.Errorf("the typed text is lost: not sent, not on screen, not in the composer:\n%s", r.view())
	}
	if sent == 0 && !strings.Contains(r.view(), "ctrl+r") && !strings.Contains(r.m.composer.value(), text) {
		r.t.Errorf("a failed message does not say how to send it again:\n%s", r.view())
	}
	r.checkSentences()
}

// TestFaultMatrix drives the program through each fault of the demo
// backend's chaos mode. Every row ends with one clear sentence about what
// happened and what to do, nothing typed lost, nothing sent twice, no hang
// and no panic.
func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("the fault matrix runs the whole program against the demo backend")
	}
	const sec = time.Second
	loadRows := []struct {
		name, spec, key string
		timeout         time.Duration
		want            []string
		hint            string
	}{
		{"401 key rejected", "", "wrong-key", 5 * sec, []string{"The API key was rejected (401"}, "AUI_NETWORK_API_KEY"},
		{"403 forbidden", "http403=1", demo.DefaultKey, 5 * sec, []string{"no access to this (403"}, "AUI_NETWORK_API_KEY"},
		{"429 rate limited", "http429=1", demo.DefaultKey, 5 * sec, []string{"rate limiting requests (429", "try again in 1 s"}, "try again"},
		{"422 invalid", "http422=1", demo.DefaultKey, 5 * sec, []string{"user_id: field required"}, "ctrl+r"},
		{"5xx", "http5xx=1", demo.DefaultKey, 5 * sec, []string{"The server had a problem (50"}, "ctrl+r"},
		{"timeout", "latency=3s", demo.DefaultKey, time.Second, []string{"did not answer in time"}, "ctrl+r"},
		{"truncated body", "truncate=1", demo.DefaultKey, 5 * sec, []string{"Could not load tasks: cannot reach"}, "ctrl+r"},
		{"invalid JSON", "invalid-json=1", demo.DefaultKey, 5 * sec, []string{"not the expected JSON"}, "ctrl+r"},
	}
	for _, row := range loadRows {
		t.Run(row.name, func(t *testing.T) {
			r := newRig(t, row.key, row.timeout, time.Minute, row.spec)
			r.until("the task list to fail", r.noticeWith(append([]string{"Could not load tasks: "}, row.want...)...))
			if v := r.view(); !strings.Contains(v, row.hint) {
				t.Errorf("no hint %q on screen:\n%s", row.hint, v)
			}
			if row.spec == "http429=1" && !r.noticeWith("retrying in 1 s")() {
				t.Errorf("the wait the server asked for was not announced: %q", r.notices)
			}
			r.checkSentences()
		})
	}

	sendRows := []struct {
		name, spec string
		want       []string
	}{
		{"moderation 400", "moderation=1", []string{"flagged by content moderation"}},
		{"WS close 1008", "ws-1008=1", []string{"API key was rejected"}},
		{"WS close 1011", "ws-1011=1", []string{"The connection dropped"}},
		{"WS drop mid-reply", "ws-drop=1", []string{"the reply was recovered"}},
		{"reply never comes", "silent=1", []string{"The agent did not answer within 1 s"}},
	}
	for _, row := range sendRows {
		t.Run(row.name, func(t *testing.T) {
			r := newRig(t, demo.DefaultKey, 5*sec, time.Second, "")
			r.sendRow(row.spec, "fault matrix: "+row.name, row.want...)
		})
	}

	t.Run("50 MB transcript", func(t *testing.T) {
		r := newRig(t, demo.DefaultKey, 60*sec, time.Minute, "")
		r.until("the task list", func() bool { return len(r.m.tasks.items) > 0 })
		r.chaos("huge=1")
		r.keys("enter")
		id := r.m.chat.OpenID()
		r.until("the 50 MB transcript", func() bool { s := r.m.chat.state(id); return s.loaded || s.err != "" })
		if s := r.m.chat.state(id); s.err != "" {
			t.Fatalf("a 50 MB transcript failed: %s", s.err)
		}
		if !strings.Contains(r.view(), "chaos chaos") {
			t.Fatalf("the transcript is not shown:\n%s", r.view())
		}
		r.checkSentences()
	})
}

// TestFaultMatrixServerRestart: a message typed while the server is down
// fails with the reason and is kept; once the server is back the program
// reconnects by itself and ctrl+r sends the message once.
func TestFaultMatrixServerRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole program against the demo backend")
	}
	r := newRig(t, demo.DefaultKey, 2*time.Second, time.Minute, "")
	id := r.openTask()
	addr := r.hs.Listener.Addr().String()
	r.hs.CloseClientConnections()
	r.hs.Close()
	if err := r.srv.Close(); err != nil { // its sockets end here
		t.Fatal(err)
	}
	r.until("the program to notice the server is gone", func() bool { return r.m.status.conn != api.StateLive })
	const text = "typed while the server was down"
	r.typeText(text)
	r.keys("enter")
	r.until("the send to fail", func() bool { _, failed := r.lastFailedText(id); return failed && !r.m.chat.Replying() })
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	if r.srv, err = demo.New(demo.Options{StorePath: r.store, Pace: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	r.hs = httptest.NewUnstartedServer(r.srv)
	r.hs.Listener.Close()
	r.hs.Listener = ln
	r.hs.Start()
	r.until("the reconnect", func() bool { return r.m.status.conn == api.StateLive })
	r.keys("ctrl+r")
	r.until("the reply", func() bool { _, failed := r.lastFailedText(id); return !failed && !r.m.chat.Replying() })
	msgs, err := r.client.TaskMessages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, m := range msgs {
		if !m.FromAgent() && m.Text == text {
			sent++
		}
	}
	if sent != 1 {
		t.Fatalf("the message reached the server %d times, want once", sent)
	}
	r.checkSentences()
}

// lastFailedText is the open task's newest failed message, if any.
func (r *rig) lastFailedText(id string) (string, bool) {
	e, ok := r.m.chat.state(id).lastFailed()
	return e.Msg.Text, ok
}

// TestFaultMatrixNotFound: the 404 row; a task that is gone says so.
func TestFaultMatrixNotFound(t *testing.T) {
	r := newRig(t, demo.DefaultKey, 5*time.Second, time.Minute, "")
	_, err := r.client.TaskMessages(context.Background(), "000000000000000000000000")
	if err == nil || err.Error() != "The server has no such item (404 Task not found)" {
		t.Errorf("404: %v", err)
	}
}
