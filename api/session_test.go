package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wait bounds every wait for an event; tests never assert on timing.
const wait = 5 * time.Second

// recorder collects a session's events and fails the test if the handler is
// called after Run returned.
type recorder struct {
	t        *testing.T
	events   chan Event
	returned atomic.Bool
}

func (r *recorder) handle(ev Event) {
	if r.returned.Load() {
		r.t.Errorf("handler called after Run returned: %#v", ev)
	}
	r.events <- ev
}

// next returns the next event.
func (r *recorder) next() Event {
	r.t.Helper()
	select {
	case ev := <-r.events:
		return ev
	case <-time.After(wait):
		r.t.Fatal("no event within 5s")
		return nil
	}
}

// until returns the first event match accepts, and the events before it.
func (r *recorder) until(what string, match func(Event) bool) (Event, []Event) {
	r.t.Helper()
	var skipped []Event
	deadline := time.After(wait)
	for {
		select {
		case ev := <-r.events:
			if match(ev) {
				return ev, skipped
			}
			skipped = append(skipped, ev)
		case <-deadline:
			r.t.Fatalf("no %s within 5s; saw %#v", what, skipped)
			return nil, nil
		}
	}
}

func (r *recorder) state(st ConnState) (StateChange, []Event) {
	r.t.Helper()
	ev, skipped := r.until(st.String(), func(ev Event) bool {
		sc, ok := ev.(StateChange)
		return ok && sc.State == st
	})
	return ev.(StateChange), skipped
}

func (r *recorder) final() FinalMessage {
	r.t.Helper()
	ev, _ := r.until("final message", func(ev Event) bool { _, ok := ev.(FinalMessage); return ok })
	return ev.(FinalMessage)
}

func (r *recorder) errorFrame() ErrorFrame {
	r.t.Helper()
	ev, _ := r.until("error frame", func(ev Event) bool { _, ok := ev.(ErrorFrame); return ok })
	return ev.(ErrorFrame)
}

// run starts a session on c with fast backoff and no pings; the returned
// stop cancels it and waits for Run to return (also at cleanup).
func run(t *testing.T, c *Client, opts ...SessionOption) (*Session, *recorder, func()) {
	t.Helper()
	rec := &recorder{t: t, events: make(chan Event, 1000)}
	s := c.NewSession(rec.handle, append([]SessionOption{WithBackoff(time.Millisecond, 5*time.Millisecond), WithPingInterval(0)}, opts...)...)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx)
		rec.returned.Store(true)
		close(done)
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(wait):
				t.Fatal("Run did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return s, rec, stop
}

// readTurn reads the next user frame a client wrote.
func readTurn(ctx context.Context, t *testing.T, c *websocket.Conn) (userMessage, bool) {
	_, b, err := c.Read(ctx)
	if err != nil {
		return userMessage{}, false
	}
	var um userMessage
	if err := json.Unmarshal(b, &um); err != nil {
		t.Errorf("client sent %q: %v", b, err)
	}
	return um, true
}

func write(ctx context.Context, c *websocket.Conn, frame string) {
	_ = c.Write(ctx, websocket.MessageText, []byte(frame))
}

func envelope(taskID, messageID, text string) string {
	b, _ := json.Marshal(text)
	ctx := map[string]string{"interaction_id": "68e78d98240f9b18e0f578c8"}
	if taskID != "" {
		ctx["task_id"] = taskID
	}
	if messageID != "" {
		ctx["message_id"] = messageID
	}
	cb, _ := json.Marshal(ctx)
	return fmt.Sprintf(`{"channel":{"type":"WEBSOCKET","channel_name":"aeab24b2-a335-4561-976e-40f9c2b7babe","event_name":"thread-message-text-content-updated"},"scope":{"type":"LLM_ACTIVATION_EXECUTION","data":{"status":"SUCCESS"},"context":%s},"data":{"text":%s}}`, cb, b)
}

func simple(text string) string {
	b, _ := json.Marshal(text)
	return `{"event":"thread-message-text-content-updated","data":{"text":` + string(b) + `}}`
}

func TestSessionStreamsToFinal(t *testing.T) {
	const task = "68e78d0dc5a4b19a030d03d6"
	tests := []struct {
		name      string
		frames    []string
		messageID string
	}{
		{"chunks in the simplified form", []string{simple("I found"), simple(" two"), simple(" microwaves.")}, ""},
		{"cumulative in the full envelope", []string{envelope(task, "m1", "I found"), envelope(task, "m1", "I found two"), envelope(task, "m1", "I found two microwaves.")}, "m1"},
		{"chunks naming only the message", []string{envelope("", "m1", "I found"), envelope("", "m1", " two"), envelope("", "m1", " microwaves.")}, "m1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.setSocket(func(ctx context.Context, c *websocket.Conn) {
				um, ok := readTurn(ctx, t, c)
				if !ok {
					return
				}
				if um.TaskID != task || um.Text != "microwave, 20 l" {
					t.Errorf("server got %+v", um)
				}
				for _, fr := range tt.frames {
					write(ctx, c, fr)
				}
				write(ctx, c, agentMessage("m1", "I found two microwaves. **Final.**"))
				readTurn(ctx, t, c)
			})
			s, rec, _ := run(t, f.client())
			if sc := rec.next().(StateChange); sc.State != StateConnecting || sc.Attempt != 0 {
				t.Errorf("first event %+v", sc)
			}
			if sc := rec.next().(StateChange); sc.State != StateLive {
				t.Errorf("second event %+v", sc)
			}
			if s.State() != StateLive {
				t.Errorf("State() = %v", s.State())
			}
			if err := s.Send(context.Background(), task, "microwave, 20 l", nil); err != nil {
				t.Fatal(err)
			}
			want := []string{"I found", "I found two", "I found two microwaves."}
			for _, w := range want {
				u, ok := rec.next().(TextUpdate)
				if !ok || u.Text != w || u.TaskID != task || u.MessageID != tt.messageID {
					t.Errorf("update = %#v, want text %q", u, w)
				}
			}
			fm, ok := rec.next().(FinalMessage)
			if !ok || fm.TaskID != task || fm.Message.Text != "I found two microwaves. **Final.**" || fm.ViaREST || fm.Recovered {
				t.Errorf("final = %#v", fm)
			}
			// The upgrade carried the key as documented: query and header.
			f.mu.Lock()
			defer f.mu.Unlock()
			for _, r := range f.requests {
				if strings.HasSuffix(r.Path, "/session") && (r.Header.Get("x-network-api-key") != testKey || r.Path != prefix+"/api/v1/external/session") {
					t.Errorf("upgrade request %+v", r)
				}
			}
		})
	}
}

// TestSessionForbiddenFrameIsNotARejectedKey: a 403 error frame (a task
// of another network, or one gone after a server reset) and the 1008 close
// after it, as the first frames of a connection, are about that message:
// the session reconnects and streams on, the key is not called rejected.
func TestSessionForbiddenFrameIsNotARejectedKey(t *testing.T) {
	f := newFake(t)
	refuseFirstTurn(t, f, `{"status_code":403,"errors":["Forbidden"]}`)
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	if err := s.Send(context.Background(), "gone", "hello", nil); err != nil {
		t.Fatal(err)
	}
	if ef := rec.errorFrame(); !errors.Is(ef.Err, ErrForbidden) {
		t.Errorf("error frame %#v", ef)
	}
	sc, _ := rec.state(StateRetrying)
	if errors.Is(sc.Err, ErrUnauthorized) {
		t.Errorf("a 403 refusal was taken for a rejected key: %v", sc.Err)
	}
	rec.state(StateLive)
}

// refuseFirstTurn scripts the fake's socket: the first connection answers
// its first turn with the error frame and closes with 1008, as the API
// does after an application error; later ones read a turn and wait.
func refuseFirstTurn(t *testing.T, f *fakeAPI, frame string) {
	var n atomic.Int32
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if n.Add(1) > 1 {
			readTurn(ctx, t, c)
			return
		}
		readTurn(ctx, t, c)
		write(ctx, c, frame)
		c.Close(websocket.StatusPolicyViolation, "application error")
	})
}

func TestSessionErrorFrame(t *testing.T) {
	f := newFake(t)
	refuseFirstTurn(t, f, errorFrame)
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hello", nil); err != nil {
		t.Fatal(err)
	}
	ef := rec.errorFrame()
	if ef.TaskID != "t1" || !errors.Is(ef.Err, ErrValidation) || ef.Err.Message != "text is required" {
		t.Errorf("error frame %#v", ef)
	}
	// A 1008 on a connection that worked is not a rejected key: retry.
	sc, skipped := rec.state(StateRetrying)
	var ce *CloseError
	if !errors.As(sc.Err, &ce) || ce.Code != 1008 || sc.Attempt != 1 || sc.RetryIn <= 0 {
		t.Errorf("retrying %#v", sc)
	}
	for _, ev := range skipped {
		if _, ok := ev.(FinalMessage); ok {
			t.Errorf("unexpected %#v", ev)
		}
	}
	rec.state(StateLive)
}

func TestSessionRejectedKey(t *testing.T) {
	f := newFake(t)
	s, rec, stop := run(t, f.client(WithAPIKey("API_KEY_WRONG")))
	sc, skipped := rec.state(StateOffline)
	if !errors.Is(sc.Err, ErrUnauthorized) {
		t.Errorf("offline with %v", sc.Err)
	}
	for _, ev := range skipped {
		if st, ok := ev.(StateChange); ok && st.State == StateRetrying {
			t.Errorf("retried after 1008: %#v", ev)
		}
	}
	if s.State() != StateOffline {
		t.Errorf("State() = %v", s.State())
	}
	// Run keeps going (offline); a send falls back to REST, which reports
	// the same rejected key.
	err := s.Send(context.Background(), "t1", "hi", nil)
	assertOnly(t, err, ErrUnauthorized)
	stop()
	if n := f.sockets.Load(); n != 1 {
		t.Errorf("%d connection attempts after 1008, want 1", n)
	}
	if s.State() != StateClosed {
		t.Errorf("State() after Run = %v", s.State())
	}
	if err := s.Send(context.Background(), "t1", "hi", nil); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("Send after Run: %v", err)
	}
}

func TestSessionHandshakeRefused(t *testing.T) {
	f := newFake(t)
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/session") {
			writeJSON(w, 403, `{"status_code":403,"errors":["Forbidden"]}`)
			return true
		}
		return false
	})
	_, rec, stop := run(t, f.client())
	sc, _ := rec.state(StateOffline)
	assertOnly(t, sc.Err, ErrForbidden)
	stop()
	if n := f.count("GET", "/session"); n != 1 {
		t.Errorf("%d upgrade attempts, want 1", n)
	}
}

func TestSessionRecoversReplyAfterDrop(t *testing.T) {
	f := newFake(t)
	f.setTranscript("t1", agentMessage("w", "Welcome"), userMessageJSON("u1", "fridge for a studio"), agentMessage("a1", "Here is the full reply."))
	var n atomic.Int32
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if n.Add(1) > 1 {
			readTurn(ctx, t, c)
			return
		}
		readTurn(ctx, t, c)
		write(ctx, c, simple("Here is"))
		c.CloseNow() // the socket dies mid-reply, without a close frame
	})
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "fridge for a studio", nil); err != nil {
		t.Fatal(err)
	}
	if u := rec.next().(TextUpdate); u.Text != "Here is" || u.TaskID != "t1" {
		t.Errorf("update %#v", u)
	}
	sc, _ := rec.state(StateRetrying)
	assertOnly(t, sc.Err, ErrOffline)
	rec.state(StateLive)
	fm := rec.final()
	if !fm.Recovered || fm.ViaREST || fm.TaskID != "t1" || fm.Message.ID != "a1" || fm.Message.Text != "Here is the full reply." || fm.Prompt != "fridge for a studio" {
		t.Errorf("recovered final %#v", fm)
	}
	if f.count("GET", "/tasks/t1/messages") != 1 {
		t.Error("transcript not fetched once")
	}
}

func TestSessionRecoveryFailures(t *testing.T) {
	tests := []struct {
		name       string
		transcript []string // nil: the transcript call fails with 500
		want       error
		text       string
	}{
		{"transcript unavailable", nil, ErrServer, "The connection dropped during the reply, and the reply could not be fetched: the server had a problem (500 Internal server error)"},
		{"message never arrived", []string{agentMessage("w", "Welcome")}, nil, "The connection dropped before the message reached the agent"},
		{"no reply yet", []string{userMessageJSON("u1", "hello")}, nil, "The connection dropped before the agent replied; reload the task to see whether the reply arrived"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			if tt.transcript != nil {
				f.setTranscript("t1", tt.transcript...)
			} else {
				f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
					if strings.HasSuffix(r.URL.Path, "/messages") {
						writeJSON(w, 500, `{"status_code":500,"description":"Internal server error"}`)
						return true
					}
					return false
				})
			}
			var n atomic.Int32
			f.setSocket(func(ctx context.Context, c *websocket.Conn) {
				readTurn(ctx, t, c)
				if n.Add(1) == 1 {
					c.Close(websocket.StatusInternalError, "boom")
				}
			})
			s, rec, _ := run(t, f.client())
			rec.state(StateLive)
			if err := s.Send(context.Background(), "t1", "hello", nil); err != nil {
				t.Fatal(err)
			}
			sc, _ := rec.state(StateRetrying)
			assertOnly(t, sc.Err, ErrServer) // 1011
			ef := rec.errorFrame()
			if ef.TaskID != "t1" || ef.Err.Error() != tt.text {
				t.Errorf("error frame %q for %q", ef.Err, ef.TaskID)
			}
			if tt.want != nil {
				assertOnly(t, ef.Err, tt.want)
			}
		})
	}
}

func TestSessionRESTFallback(t *testing.T) {
	f := newFake(t)
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasSuffix(r.URL.Path, "/session") {
			writeJSON(w, 503, `<html><title>503 Service Unavailable</title></html>`)
			return true
		}
		return false
	})
	s, rec, _ := run(t, f.client())
	sc, _ := rec.state(StateRetrying)
	assertOnly(t, sc.Err, ErrServer)
	if err := s.Send(context.Background(), "t1", "hi there", nil); err != nil {
		t.Fatal(err)
	}
	fm := rec.final()
	if !fm.ViaREST || fm.Recovered || fm.TaskID != "t1" || fm.Message.Text != "echo: hi there" {
		t.Errorf("final %#v", fm)
	}
	if n := f.count("POST", "/message"); n != 1 {
		t.Errorf("%d REST sends", n)
	}
	// A REST failure is returned to the caller, who keeps the text.
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 503, `oops`)
		return true
	})
	err := s.Send(context.Background(), "t1", "again", nil)
	assertOnly(t, err, ErrServer)
}

func TestSessionConcurrentSends(t *testing.T) {
	f := newFake(t)
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		for i := 0; ; i++ {
			um, ok := readTurn(ctx, t, c)
			if !ok {
				return
			}
			write(ctx, c, simple("reply to "))
			write(ctx, c, simple(um.Text))
			write(ctx, c, agentMessage(fmt.Sprint("m", i), "reply to "+um.Text))
		}
	})
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := s.Send(context.Background(), fmt.Sprint("task", i), fmt.Sprint("task", i), nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for range n {
		fm := rec.final()
		if fm.Message.Text != "reply to "+fm.TaskID || fm.ViaREST {
			t.Errorf("final %q attributed to %q", fm.Message.Text, fm.TaskID)
		}
		seen[fm.TaskID] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct tasks answered, want %d", len(seen), n)
	}
}

func TestSessionDetectsStalledConnection(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	var n atomic.Int32
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if n.Add(1) == 1 {
			// Never read, so pings go unanswered.
			select {
			case <-release:
			case <-ctx.Done():
			}
			return
		}
		readTurn(ctx, t, c)
	})
	_, rec, _ := run(t, f.client(), WithPingInterval(20*time.Millisecond))
	rec.state(StateLive)
	sc, _ := rec.state(StateRetrying)
	assertOnly(t, sc.Err, ErrTimeout)
	rec.state(StateLive)
}

func TestSessionStopsCleanly(t *testing.T) {
	f := newFake(t)
	s, rec, stop := run(t, f.client())
	rec.state(StateLive)
	stop()
	var last Event
	for {
		select {
		case ev := <-rec.events:
			last = ev
			continue
		default:
		}
		break
	}
	if sc, ok := last.(StateChange); !ok || sc.State != StateOffline || sc.Err != nil {
		t.Errorf("last event %#v", last)
	}
	if s.State() != StateClosed {
		t.Errorf("State() = %v", s.State())
	}
	if err := s.Send(context.Background(), "t", "x", nil); !errors.Is(err, ErrSessionClosed) {
		t.Errorf("Send after Run: %v", err)
	}
	// A second Run returns at once.
	s.Run(context.Background())
}
