// Package demo is an embedded stand-in for the AUI Messaging API: an
// http.Handler serving the same REST and WebSocket endpoints, JSON shapes,
// authentication and error bodies as AUI's documented external API, backed
// by a scripted shopping agent over a built-in catalog and a local bbolt
// store. The ordinary API client talks to it unchanged, and the curl
// examples of AUI's documentation work against it with only the host and
// key changed.
package demo

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultKey is the API key the demo accepts unless told otherwise.
const DefaultKey = "demo-key"

// DefaultUserID is the user whose past tasks are seeded.
const DefaultUserID = "demo_user"

// Options configure a demo Server.
type Options struct {
	Key       string        // "" => DefaultKey
	StorePath string        // bbolt file; "" => a temporary file removed on Close
	Pace      time.Duration // delay between streamed words; 0 => instant
	Seed      bool          // seed the demo user's past tasks when the store has none
	Reset     bool          // start fresh (delete the store's contents)
	Now       func() time.Time
	// ExtraLong > 0 also seeds a task "Stress test · N messages" holding N
	// generated messages (once per N).
	ExtraLong int
	// Varied makes the ExtraLong task one that never repeats itself (see
	// vary): its title says "varied".
	Varied bool
	// Chaos injects faults (see ParseChaos); nil serves faithfully.
	Chaos *Chaos
	// ReplyWords > 0 makes every reply at least this many words long, to
	// try long streamed replies.
	ReplyWords int
}

// DefaultPace is a natural reading pace for streamed replies.
func DefaultPace() time.Duration { return 35 * time.Millisecond }

// Server is the demo backend. It is an http.Handler; Close releases the
// store.
type Server struct {
	key    string
	pace   time.Duration
	now    func() time.Time
	store  *store
	notice string
	chaos  atomic.Pointer[Chaos]
	// replyWords: see Options.ReplyWords.
	replyWords int

	// ctx is cancelled by Close so open WebSockets stop streaming at once.
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	closed bool
	active sync.WaitGroup // requests in flight, awaited by Close
}

// New opens the store, seeds it if asked, and returns a ready Server.
func New(opts Options) (*Server, error) {
	if opts.Key == "" {
		opts.Key = DefaultKey
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	st, notice, err := openStore(opts.StorePath, opts.Reset, opts.Now())
	if err != nil {
		return nil, err
	}
	s := &Server{key: opts.Key, pace: opts.Pace, now: opts.Now, store: st, notice: notice, replyWords: opts.ReplyWords}
	s.chaos.Store(opts.Chaos)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if err := s.seed(opts); err != nil {
		_ = st.close()
		return nil, err
	}
	return s, nil
}

// seed writes the demo history when asked and not already there.
func (s *Server) seed(opts Options) error {
	now := s.now()
	if opts.Seed {
		has, err := s.store.hasTasks(DefaultUserID)
		if err != nil {
			return fmt.Errorf("read the demo store: %w", err)
		}
		if !has {
			if err := s.store.seed("seeded", seedTasks(now, DefaultUserID)); err != nil {
				return fmt.Errorf("seed the demo store: %w", err)
			}
		}
	}
	if opts.ExtraLong > 0 {
		marker, name, kind := "stress-"+itoa(opts.ExtraLong), "stress", ""
		if opts.Varied {
			marker, name, kind = marker+"-varied", "stress-varied", "varied "
		}
		has, err := s.store.hasMarker(marker)
		if err != nil {
			return fmt.Errorf("read the demo store: %w", err)
		}
		if !has {
			title := "Stress test · " + thousands(opts.ExtraLong) + " " + kind + "messages"
			t := longTask(now.Add(-time.Minute), DefaultUserID, name, title, opts.ExtraLong, true)
			if opts.Varied {
				t.msgs = vary(t.rec.ID, t.msgs)
			}
			if err := s.store.seed(marker, []seeded{t}); err != nil {
				return fmt.Errorf("seed the demo store: %w", err)
			}
		}
	}
	return nil
}

// SetChaos changes the faults injected from now on; nil stops them.
func (s *Server) SetChaos(c *Chaos) { s.chaos.Store(c) }

// Notice is a sentence about something the user should know from start-up
// (the store was damaged and replaced), or "".
func (s *Server) Notice() string { return s.notice }

// Close stops open WebSocket sessions, waits for requests in flight and
// closes the store (removing it if it was temporary). Requests after Close
// get 503.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	s.active.Wait()
	return s.store.close()
}

// enter registers a request, or reports that the server is closed.
func (s *Server) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.active.Add(1)
	return true
}

// External API paths, relative to the REST base.
const (
	pathTasks   = "/api/v1/external/tasks"
	pathMessage = "/api/v1/external/message"
	pathSession = "/api/v1/external/session"
)

// basePrefixes are the path prefixes of AUI's hosted base URLs; they are
// accepted so that documented URLs work with only the host changed.
var basePrefixes = []string{"/api/ia-controller", "/ia-controller"}

// ServeHTTP routes a request: unknown paths get 404, wrong methods 405,
// then the key is checked (REST: header; WebSocket: after the upgrade).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.enter() {
		writeDetail(w, http.StatusServiceUnavailable, "The demo server is shutting down")
		return
	}
	defer s.active.Done()

	path := r.URL.Path
	for _, p := range basePrefixes {
		if strings.HasPrefix(path, p+"/") {
			path = strings.TrimPrefix(path, p)
			break
		}
	}
	if c := s.chaos.Load(); c != nil && c.intercept(w, r, path) {
		return
	}
	handlers := s.route(path)
	if handlers == nil {
		writeDetail(w, http.StatusNotFound, "Not Found")
		return
	}
	h, ok := handlers[r.Method]
	if !ok {
		allow := make([]string, 0, len(handlers))
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if _, ok := handlers[m]; ok {
				allow = append(allow, m)
			}
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeDetail(w, http.StatusMethodNotAllowed, "Method Not Allowed")
		return
	}
	if path != pathSession && !s.authorised(r.Header.Get("x-network-api-key")) {
		writeDetail(w, http.StatusUnauthorized, "Not authenticated")
		return
	}
	h(w, r)
}

// route maps a path to its handlers by method, or nil when unknown.
func (s *Server) route(path string) map[string]http.HandlerFunc {
	switch path {
	case pathTasks:
		return map[string]http.HandlerFunc{http.MethodGet: s.listTasks, http.MethodPost: s.createTask}
	case pathMessage:
		return map[string]http.HandlerFunc{http.MethodPost: s.sendMessage}
	case pathSession:
		return map[string]http.HandlerFunc{http.MethodGet: s.session}
	}
	rest, ok := strings.CutPrefix(path, pathTasks+"/")
	if !ok {
		return nil
	}
	id, sub, hasSub := strings.Cut(rest, "/")
	switch {
	case id == "":
		return nil
	case !hasSub:
		return map[string]http.HandlerFunc{http.MethodGet: func(w http.ResponseWriter, r *http.Request) { s.getTask(w, id) }}
	case sub == "messages":
		return map[string]http.HandlerFunc{http.MethodGet: func(w http.ResponseWriter, r *http.Request) { s.taskMessages(w, id) }}
	}
	return nil
}
