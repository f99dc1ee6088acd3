package record

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// sessionPath is where the API serves its WebSocket.
const sessionPath = "/api/v1/external/session"

// maxAnswerDelay bounds how long a replayed REST answer is held back to
// match the time it originally took.
const maxAnswerDelay = 5 * time.Second

// Server serves a recording as the API: REST calls are answered with the
// recorded answers, in order, and the WebSocket carries the recorded frames
// when a Player writes them. Nothing reaches the network.
type Server struct {
	speed float64

	mu    sync.Mutex
	calls []*call
	conn  *websocket.Conn
	live  chan struct{} // closed once a socket is connected
	// received gets a value for every frame the client writes.
	received chan struct{}
}

// call is one recorded REST call and whether it has been answered.
type call struct {
	e      Entry
	served bool
	done   chan struct{}
}

// NewServer makes a server for rec; speed scales the recorded answer times
// (2 is twice as fast).
func NewServer(rec *Recording, speed float64) *Server {
	s := &Server{speed: speed, live: make(chan struct{}), received: make(chan struct{}, 4096)}
	for _, e := range rec.Entries {
		if e.Kind == KindHTTP {
			s.calls = append(s.calls, &call{e: e, done: make(chan struct{})})
		}
	}
	return s
}

// ServeHTTP answers a REST call from the recording or accepts the socket.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == sessionPath {
		s.accept(w, r)
		return
	}
	c := s.take(r.Method, r.URL.EscapedPath(), r.URL.Query().Encode())
	if c == nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"detail":"Not found in the recording"}`))
		return
	}
	if d := scaled(c.e.Dur, s.speed); d > 0 {
		t := time.NewTimer(min(d, maxAnswerDelay))
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(c.e.Status)
	w.Write(body(c.e.Resp))
}

// body turns a recorded body back into bytes: JSON as it was, or the
// text of a body that was not JSON.
func body(raw json.RawMessage) []byte {
	var s string
	if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
		return []byte(s)
	}
	return raw
}

// take finds the answer to a call: the first unanswered recorded call with
// the same method, path and query, else with the same method and path,
// else the last answered one (a refresh asks again).
func (s *Server) take(method, path, query string) *call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var again *call
	for _, exact := range []bool{true, false} {
		for _, c := range s.calls {
			if c.e.Method != method || c.e.Path != path || exact && c.e.Query != query {
				continue
			}
			if !c.served {
				c.served = true
				close(c.done)
				return c
			}
			if again == nil || exact {
				again = c
			}
		}
	}
	return again
}

// accept takes the client's socket and notes every frame it writes.
func (s *Server) accept(w http.ResponseWriter, r *http.Request) {
	conn, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadLimit(64 << 20)
	s.mu.Lock()
	first := s.conn == nil
	s.conn = conn
	s.mu.Unlock()
	if first {
		close(s.live)
	}
	for {
		if _, _, err := conn.Read(r.Context()); err != nil {
			break
		}
		select {
		case s.received <- struct{}{}:
		default:
		}
	}
	s.mu.Lock()
	if s.conn == conn {
		s.conn = nil
	}
	s.mu.Unlock()
	conn.CloseNow()
}

// write sends a recorded frame on the client's socket, waiting for one to
// be connected.
func (s *Server) write(ctx context.Context, frame []byte) error {
	select {
	case <-s.live:
	case <-ctx.Done():
		return ctx.Err()
	}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn == nil {
		return nil // the client went away; the replay goes on without it
	}
	return conn.Write(ctx, websocket.MessageText, bytes.Clone(frame))
}

// scaled converts recorded milliseconds to a duration at the given speed.
func scaled(ms int64, speed float64) time.Duration {
	if speed <= 0 {
		speed = 1
	}
	return time.Duration(float64(ms) * float64(time.Millisecond) / speed)
}
