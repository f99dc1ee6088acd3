package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// refuseSessions makes the fake drop every WebSocket upgrade without an
// answer while away is set, the way a server that went down looks.
func refuseSessions(f *fakeAPI, away *atomic.Bool) {
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if !away.Load() || !strings.HasSuffix(r.URL.Path, "/session") {
			return false
		}
		hangUp(w)
		return true
	})
}

// hangUp closes the request's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// cutFirstReply scripts the fake's socket: the first connection streams the
// start of a reply and dies; later ones answer each turn with a final
// message, so a test can tell when the session is reading again.
func cutFirstReply(t *testing.T, f *fakeAPI, onCut func()) {
	cutFirstReplyAfter(t, f, "Here is", onCut)
}

// cutFirstReplyAfter is cutFirstReply with the part of the reply streamed
// before the cut (none when partial is "").
func cutFirstReplyAfter(t *testing.T, f *fakeAPI, partial string, onCut func()) {
	var n atomic.Int32
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if n.Add(1) == 1 {
			readTurn(ctx, t, c)
			if partial != "" {
				write(ctx, c, simple(partial))
			}
			onCut()
			c.CloseNow()
			return
		}
		for {
			um, ok := readTurn(ctx, t, c)
			if !ok {
				return
			}
			write(ctx, c, agentMessage("live-"+um.Text, "live answer to "+um.Text))
		}
	})
}

// sendThenCut sends text on task t1 of a fake whose transcript answers it
// with reply; the socket is cut mid-reply and, while away is set, new
// sessions are refused.
func sendThenCut(t *testing.T, text, reply string) (*fakeAPI, *Session, *recorder, *atomic.Bool) {
	t.Helper()
	return sendThenCutAfter(t, text, "Here is", userMessageJSON("u1", text), agentMessage("a1", reply))
}

// sendThenCutAfter is sendThenCut with the part of the reply streamed
// before the cut and the transcript the server keeps.
func sendThenCutAfter(t *testing.T, text, partial string, kept ...string) (*fakeAPI, *Session, *recorder, *atomic.Bool) {
	t.Helper()
	f := newFake(t)
	f.setTranscript("t1", kept...)
	away := &atomic.Bool{}
	refuseSessions(f, away)
	cutFirstReplyAfter(t, f, partial, func() { away.Store(true) })
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", text, nil); err != nil {
		t.Fatal(err)
	}
	return f, s, rec, away
}

func TestSessionFailsCutReplyWhileServerAway(t *testing.T) {
	_, _, rec, away := sendThenCut(t, "fridge for a studio", "Here is the full reply.")
	// The reconnect fails: the user hears that the reply stopped, why,
	// and that the message need not be sent again (part of the reply
	// came, so the server has it).
	ef := rec.errorFrame()
	if ef.TaskID != "t1" || !ef.Interrupted || !strings.HasPrefix(ef.Err.Error(), msgReplyCutStarted+": cannot reach ") {
		t.Errorf("error frame %q (interrupted %v) for %q", ef.Err, ef.Interrupted, ef.TaskID)
	}
	assertOnly(t, ef.Err, ErrOffline)

	// The server returns: the reply it kept is delivered after all, and
	// the failure is not repeated.
	away.Store(false)
	rec.state(StateLive)
	ev, skipped := rec.until("recovered reply", func(ev Event) bool {
		fm, ok := ev.(FinalMessage)
		return ok && fm.Recovered
	})
	if fm := ev.(FinalMessage); fm.TaskID != "t1" || fm.Message.ID != "a1" {
		t.Errorf("recovered %#v", fm)
	}
	for _, ev := range skipped {
		if _, ok := ev.(ErrorFrame); ok {
			t.Errorf("failure reported twice: %#v", ev)
		}
	}
}

// TestSessionCutBeforeTheReplyIsNotInterrupted: nothing of the reply came,
// so the message may not have reached the server, and the turn fails as
// one to send again.
func TestSessionCutBeforeTheReplyIsNotInterrupted(t *testing.T) {
	_, _, rec, _ := sendThenCutAfter(t, "hello", "")
	ef := rec.errorFrame()
	if ef.Interrupted || !strings.HasPrefix(ef.Err.Error(), msgReplyCut+": cannot reach ") {
		t.Errorf("error frame %q (interrupted %v)", ef.Err, ef.Interrupted)
	}
}

// TestSessionCutReplyTheServerLost: the reply was cut off and, back, the
// server has the question but no answer: the user is told the rest will
// not come after all.
func TestSessionCutReplyTheServerLost(t *testing.T) {
	_, _, rec, away := sendThenCutAfter(t, "hello", "Here is", userMessageJSON("u1", "hello"))
	if ef := rec.errorFrame(); !ef.Interrupted {
		t.Fatalf("first error frame %q is not an interruption", ef.Err)
	}
	away.Store(false)
	rec.state(StateLive)
	ef := rec.errorFrame()
	if ef.TaskID != "t1" || ef.Prompt != "hello" || !ef.Interrupted || ef.Err.Error() != msgReplyLost {
		t.Errorf("second error frame %q (interrupted %v, prompt %q)", ef.Err, ef.Interrupted, ef.Prompt)
	}
}

func TestSessionResentTurnIsNotRecovered(t *testing.T) {
	f, s, rec, away := sendThenCut(t, "hello", "Hi.")
	rec.errorFrame()

	// The user sends the failed text again; it goes over REST.
	if err := s.Send(context.Background(), "t1", "hello", nil); err != nil {
		t.Fatal(err)
	}
	if fm := rec.final(); !fm.ViaREST || fm.Message.Text != "echo: hello" {
		t.Errorf("final %#v", fm)
	}
	away.Store(false)
	rec.state(StateLive)
	// A turn on the new socket is answered only after recovery has run.
	if err := s.Send(context.Background(), "t2", "ping", nil); err != nil {
		t.Fatal(err)
	}
	ev, skipped := rec.until("the live answer", func(ev Event) bool {
		fm, ok := ev.(FinalMessage)
		return ok && fm.TaskID == "t2"
	})
	if fm := ev.(FinalMessage); fm.Message.Text != "live answer to ping" {
		t.Errorf("final %#v", fm)
	}
	for _, ev := range skipped {
		if fm, ok := ev.(FinalMessage); ok && fm.Recovered {
			t.Errorf("the re-sent turn's old reply was recovered too: %#v", fm)
		}
	}
	if n := f.count("GET", "/tasks/t1/messages"); n != 0 {
		t.Errorf("transcript fetched %d times for a turn that was sent again", n)
	}
}

func TestSessionGraceFailsCutReplyWhileReconnectHangs(t *testing.T) {
	f := newFake(t)
	f.setTranscript("t1", userMessageJSON("u1", "hello"), agentMessage("a1", "Hi."))
	var hang atomic.Bool
	release := make(chan struct{})
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if hang.Load() && strings.HasSuffix(r.URL.Path, "/session") {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}
		return false
	})
	cutFirstReply(t, f, func() { hang.Store(true) })
	grace := func(s *Session) { s.lostGrace = time.Millisecond }
	s, rec, _ := run(t, f.client(), grace)
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hello", nil); err != nil {
		t.Fatal(err)
	}
	// The reconnect is still under way when the grace period ends.
	ef := rec.errorFrame()
	if ef.TaskID != "t1" || !ef.Interrupted || !strings.HasPrefix(ef.Err.Error(), msgReplyCutStarted) {
		t.Errorf("error frame %q for %q", ef.Err, ef.TaskID)
	}
	hang.Store(false)
	close(release)
	rec.state(StateLive)
	if fm := rec.final(); !fm.Recovered || fm.Message.ID != "a1" {
		t.Errorf("final %#v", fm)
	}
}

func TestSessionReconnectsWhenRESTReachesServer(t *testing.T) {
	f := newFake(t)
	var n atomic.Int32
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if n.Add(1) == 1 {
			c.CloseNow()
			return
		}
		readTurn(ctx, t, c)
	})
	c := f.client()
	// The backoff is far longer than any test: only the REST call below
	// can bring the session back.
	_, rec, _ := run(t, c, WithBackoff(time.Hour, time.Hour))
	rec.state(StateLive)
	sc, _ := rec.state(StateRetrying)
	if !errors.Is(sc.Err, ErrOffline) || sc.RetryIn < 30*time.Minute {
		t.Fatalf("retrying %#v", sc)
	}
	if _, err := c.ListTasks(context.Background(), "u", 1, 10); err != nil {
		t.Fatal(err)
	}
	rec.state(StateLive)
}

func TestSessionFailedResendKeepsTurnForRecovery(t *testing.T) {
	f := newFake(t)
	f.setTranscript("t1", userMessageJSON("u1", "hello"), agentMessage("a1", "Hi."))
	var away, restDown atomic.Bool
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case restDown.Load() && strings.HasSuffix(r.URL.Path, "/message"):
			writeJSON(w, 503, `{"status_code":503,"description":"Service unavailable"}`)
			return true
		case away.Load() && strings.HasSuffix(r.URL.Path, "/session"):
			hangUp(w)
			return true
		}
		return false
	})
	cutFirstReply(t, f, func() { away.Store(true) })
	s, rec, _ := run(t, f.client())
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hello", nil); err != nil {
		t.Fatal(err)
	}
	rec.errorFrame()

	// Sending it again fails too: the old turn still waits for recovery.
	restDown.Store(true)
	assertOnly(t, s.Send(context.Background(), "t1", "hello", nil), ErrServer)
	away.Store(false)
	rec.state(StateLive)
	if fm := rec.final(); !fm.Recovered || fm.Message.ID != "a1" {
		t.Errorf("final %#v", fm)
	}
}
