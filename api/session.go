package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// Session defaults.
const (
	defaultBackoffMin = 500 * time.Millisecond
	defaultBackoffMax = 30 * time.Second
	defaultPingEvery  = 30 * time.Second
	defaultLostGrace  = 4 * time.Second
	writeTimeout      = 10 * time.Second
)

// Session is a live WebSocket connection to the API that keeps itself up:
// Run connects, reads frames and reconnects; Send writes user messages (over
// REST when the socket is not live). Everything the session learns reaches
// the handler as an Event, in order, on Run's goroutine, and never after Run
// returns. Send and State may be called from any goroutine.
type Session struct {
	c         *Client
	handler   func(Event)
	backoff   backoff
	pingEvery time.Duration
	// lostGrace is how long turns cut short by a dropped connection wait
	// for a reconnect to recover them before they are reported as failed.
	lostGrace time.Duration
	// onPanic receives a panic recovered in one of the session's
	// goroutines; nil lets it crash the process as usual.
	onPanic func(v any, stack []byte)
	// replyTimeout ends a turn that hears no frame for this long (see
	// WithReplyTimeout).
	replyTimeout time.Duration

	// sendMu keeps socket writes in the order their turns are recorded, so
	// replies, which the server sends in order, match the right turn.
	sendMu sync.Mutex

	mu      sync.Mutex
	state   ConnState
	conn    *websocket.Conn // non-nil while live
	started bool
	closed  bool
	queue   []Event
	wake    chan struct{}
	replies replyBook
}

// NewSession makes a session that reports to handler. Nothing happens until
// Run is called.
func (c *Client) NewSession(handler func(Event), opts ...SessionOption) *Session {
	if handler == nil {
		handler = func(Event) {}
	}
	s := &Session{
		c:            c,
		handler:      handler,
		backoff:      backoff{min: defaultBackoffMin, max: defaultBackoffMax},
		pingEvery:    defaultPingEvery,
		lostGrace:    defaultLostGrace,
		replyTimeout: defaultReplyTimeout,
		wake:         make(chan struct{}, 1),
		replies:      newReplyBook(),
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// State is the connection state now.
func (s *Session) State() ConnState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// Run keeps the connection up until ctx is done, calling the handler for
// every event, then returns. After the key is rejected it stops connecting
// but keeps running (so REST sends still report) until ctx is done. A
// session runs once; further calls return at once.
func (s *Session) Run(ctx context.Context) {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return
	}
	s.started = true
	s.mu.Unlock()

	done := make(chan struct{})
	go func() {
		defer close(done)
		defer s.recoverPanic()
		s.connectLoop(ctx)
	}()
	for {
		select {
		case <-s.wake:
			s.deliver()
		case <-done:
			s.mu.Lock()
			s.closed = true
			s.state = StateClosed
			s.mu.Unlock()
			s.deliver()
			return
		}
	}
}

// deliver hands queued events to the handler outside the lock, so a handler
// may call Send or State.
func (s *Session) deliver() {
	for {
		s.mu.Lock()
		q := s.queue
		s.queue = nil
		s.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, ev := range q {
			s.handler(ev)
		}
	}
}

// emit queues an event for Run's goroutine; it reports false once Run has
// returned, when nobody will deliver it.
func (s *Session) emit(ev Event) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emitLocked(ev)
}

func (s *Session) emitLocked(ev Event) bool {
	if s.closed {
		return false
	}
	s.queue = append(s.queue, ev)
	select {
	case s.wake <- struct{}{}:
	default:
	}
	return true
}

// setState records and reports a state change.
func (s *Session) setState(sc StateChange) {
	logState(s.c.log, sc)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = sc.State
	s.emitLocked(sc)
}

// Send sends the user's text for taskID. When the socket is live the frame
// is written and Send returns nil; the reply arrives as TextUpdate events
// and a FinalMessage. Otherwise, or if the write fails, the message goes
// over REST and the reply is delivered as FinalMessage{ViaREST: true} before
// Send returns nil. An error means the message was not delivered at all; the
// caller keeps the text so it can be sent again.
func (s *Session) Send(ctx context.Context, taskID, text string, mc *MessageContext) error {
	um, err := newUserMessage(taskID, text, mc)
	if err != nil {
		return err
	}
	sent, err := s.sendLive(ctx, um)
	if err != nil {
		return err
	}
	if sent {
		s.resent(taskID, um.Text)
		return nil
	}
	m, err := s.c.SendMessage(ctx, taskID, text, mc)
	if err != nil {
		return err
	}
	s.resent(taskID, um.Text)
	if !s.emit(FinalMessage{TaskID: taskID, Message: m, ViaREST: true}) {
		return ErrSessionClosed
	}
	return nil
}

// resent forgets a failed turn once its text has been delivered again, so
// the old turn's reply is not recovered as a second answer. A send that
// fails keeps the old turn, whose reply may still be found.
func (s *Session) resent(taskID, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies.resent(taskID, text)
}

// sendLive writes the message on the socket if it is live. It reports
// false, with no error, when the caller should fall back to REST.
func (s *Session) sendLive(ctx context.Context, um userMessage) (bool, error) {
	b, err := json.Marshal(um)
	if err != nil {
		return false, err
	}
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return false, ErrSessionClosed
	}
	conn := s.conn
	if conn == nil {
		s.mu.Unlock()
		return false, nil
	}
	id := s.replies.expect(um.TaskID, um.Text)
	s.mu.Unlock()

	// The write must not be cut short by the caller's context: the library
	// closes the whole connection when a write is cancelled.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), writeTimeout)
	defer cancel()
	if s.c.observeFrame != nil {
		// Before the write: the reply can arrive before Write returns.
		s.c.observeFrame(true, b)
	}
	werr := conn.Write(wctx, websocket.MessageText, b)
	if s.c.logging() {
		s.c.log.Debug("ws frame out", "bytes", len(b), "frame", logFrame(b), logErr(werr))
	}
	if werr == nil {
		return true, nil
	}
	s.mu.Lock()
	s.replies.withdraw(id)
	s.mu.Unlock()
	return false, nil
}

// logState records a connection state change.
func logState(l *slog.Logger, sc StateChange) {
	attrs := []any{"state", sc.State.String()}
	if sc.Attempt > 0 {
		attrs = append(attrs, "attempt", sc.Attempt)
	}
	if sc.RetryIn > 0 {
		attrs = append(attrs, "retry_in", sc.RetryIn)
	}
	if sc.Err != nil {
		attrs = append(attrs, "err", sc.Err)
	}
	l.Debug("ws state", attrs...)
}

// recoverPanic is deferred at the top of the session's goroutines: see
// WithPanicHandler.
func (s *Session) recoverPanic() {
	if s.onPanic == nil {
		return
	}
	if r := recover(); r != nil {
		s.onPanic(r, debug.Stack())
	}
}
