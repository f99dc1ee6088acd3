package api

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// swallowTurns scripts the fake's socket to read every turn and never
// answer, the way a wedged agent looks.
func swallowTurns(t *testing.T, f *fakeAPI) {
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		for {
			if _, ok := readTurn(ctx, t, c); !ok {
				return
			}
		}
	})
}

// TestReplyDeadlineFailsASilentTurn: a socket that accepts a message and
// never answers used to leave the turn waiting for good; after the reply
// deadline the reply is looked up over REST and, with none there, the turn
// fails with the reason.
func TestReplyDeadlineFailsASilentTurn(t *testing.T) {
	f := newFake(t)
	f.setTranscript("t1", userMessageJSON("u1", "hello?"))
	swallowTurns(t, f)
	s, rec, _ := run(t, f.client(), WithReplyTimeout(50*time.Millisecond))
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hello?", nil); err != nil {
		t.Fatal(err)
	}
	ef := rec.errorFrame()
	if ef.TaskID != "t1" || ef.Prompt != "hello?" || !strings.HasPrefix(ef.Err.Error(), "The agent did not answer within") {
		t.Fatalf("error frame %q for %q (prompt %q)", ef.Err, ef.TaskID, ef.Prompt)
	}
	if n := f.count("POST", "/message"); n != 0 {
		t.Fatalf("the message was sent again over REST (%d)", n)
	}
}

// TestReplyDeadlineRecoversAReplyKeptByTheServer: the reply the socket
// never delivered is found in the transcript and delivered.
func TestReplyDeadlineRecoversAReplyKeptByTheServer(t *testing.T) {
	f := newFake(t)
	f.setTranscript("t1", userMessageJSON("u1", "hello?"), agentMessage("a1", "Hi there."))
	swallowTurns(t, f)
	s, rec, _ := run(t, f.client(), WithReplyTimeout(50*time.Millisecond))
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hello?", nil); err != nil {
		t.Fatal(err)
	}
	if fm := rec.final(); !fm.Recovered || fm.TaskID != "t1" || fm.Message.ID != "a1" {
		t.Fatalf("final %#v", fm)
	}
}

func TestStalledTakesOnlyQuietTurns(t *testing.T) {
	r := newReplyBook()
	r.expect("t1", "a")
	now := r.pending[0].at
	if got := r.stalled(time.Time{}, time.Minute, now.Add(59*time.Second)); got != nil {
		t.Fatalf("stalled before the deadline: %v", got)
	}
	if got := r.stalled(now.Add(30*time.Second), time.Minute, now.Add(61*time.Second)); got != nil {
		t.Fatalf("stalled though a frame came 31 s ago: %v", got)
	}
	if got := r.stalled(time.Time{}, time.Minute, now.Add(61*time.Second)); len(got) != 1 || len(r.pending) != 0 {
		t.Fatalf("stalled = %v, pending %v", got, r.pending)
	}
}
