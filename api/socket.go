package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

const (
	pathSession      = "/api/v1/external/session"
	defaultDialLimit = 30 * time.Second
	pongTimeout      = 15 * time.Second
	// maxFrameBytes bounds one frame: a frame is one message, held whole.
	maxFrameBytes = 64 << 20
)

// sessionURL is the REST base with ws/wss instead of http/https, the
// session path, and the key as the network_api_key query parameter (the
// documented way; the header is sent on the upgrade as well).
func (c *Client) sessionURL() string {
	u := c.base.JoinPath(pathSession)
	switch u.Scheme {
	case "https":
		u.Scheme = "wss"
	case "http":
		u.Scheme = "ws"
	}
	if c.key != "" {
		u.RawQuery = url.Values{"network_api_key": {c.key}}.Encode()
	}
	return u.String()
}

// connectLoop connects, reads until the connection ends, and reconnects with
// backoff, until ctx is done or the server refuses the key.
func (s *Session) connectLoop(ctx context.Context) {
	attempt := 0
	// grace fails the turns a dropped connection cut short if the server
	// does not come back soon, so the user is not left watching a reply
	// that stopped; a quick reconnect recovers them without a word.
	var grace *time.Timer
	stopGrace := func() {
		if grace != nil {
			grace.Stop()
			grace = nil
		}
	}
	defer stopGrace()
	for ctx.Err() == nil {
		s.setState(StateChange{State: StateConnecting, Attempt: attempt})
		conn, fatal, err := s.dial(ctx)
		if err == nil {
			stopGrace()
			s.mu.Lock()
			s.conn = conn
			s.mu.Unlock()
			s.setState(StateChange{State: StateLive})
			liveAt := time.Now()
			s.recoverLost(ctx)
			fatal, err = s.read(ctx, conn)
			conn.CloseNow()
			s.mu.Lock()
			s.conn = nil
			s.replies.dropped()
			cut := len(s.replies.lost) > 0
			s.mu.Unlock()
			if cut && s.lostGrace > 0 && ctx.Err() == nil {
				cause := err
				grace = time.AfterFunc(s.lostGrace, func() {
					defer s.recoverPanic()
					s.failLost(msgReplyCut, cause)
				})
			}
			// A connection that held for a while starts the count afresh;
			// one that drops at once keeps backing off.
			if time.Since(liveAt) >= s.backoff.max {
				attempt = 0
			}
		} else if ctx.Err() == nil {
			// The server is out of reach: stop waiting for cut replies.
			s.failLost(msgReplyCut, err)
		}
		if ctx.Err() != nil {
			break
		}
		if fatal {
			stopGrace()
			s.giveUp(err)
			<-ctx.Done()
			return
		}
		attempt++
		wait := s.backoff.delay(attempt)
		// After a network failure, a REST call that gets through shows the
		// server is back: try again at once rather than after the backoff.
		// The wait starts before the state is reported, so a call made in
		// response to it is not missed.
		var reached <-chan struct{}
		if errors.Is(err, ErrOffline) || errors.Is(err, ErrTimeout) {
			reached = s.c.reach.wait()
		}
		s.setState(StateChange{State: StateRetrying, Attempt: attempt, RetryIn: wait, Err: err})
		if !pause(ctx, wait, reached) {
			break
		}
	}
	s.setState(StateChange{State: StateOffline})
}

// msgReplyCut explains a turn whose reply stopped when the connection did.
const msgReplyCut = "The connection dropped during the reply"

// msgReplyCutStarted is msgReplyCut for a reply that had begun: the
// server has the message, and the whole reply is fetched once it is back.
const msgReplyCutStarted = "Reply cut off (the rest is fetched when the server is back)"

// msgReplyLost says the server kept no reply to a turn cut off mid-reply.
const msgReplyLost = "Reply cut off, and the server kept no copy of it; ask again for the whole answer"

// pause waits for d, until reached is closed (a nil channel never is) or
// until ctx is done, and reports whether ctx is still live.
func pause(ctx context.Context, d time.Duration, reached <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-reached:
	case <-ctx.Done():
	}
	return ctx.Err() == nil
}

// giveUp stops connecting for good: the turns still waiting fail with the
// reason (those already reported are left alone), and the state becomes
// offline.
func (s *Session) giveUp(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.replies.failLost() {
		s.emitLocked(ErrorFrame{TaskID: t.taskID, Err: localError("The reply was not received", err)})
	}
	s.replies.takeLost()
	s.state = StateOffline
	logState(s.c.log, StateChange{State: StateOffline, Err: err})
	s.emitLocked(StateChange{State: StateOffline, Err: err})
}

// dial opens the socket. fatal reports an answer that retrying cannot
// change: the key was refused or the server has no such endpoint.
func (s *Session) dial(ctx context.Context) (*websocket.Conn, bool, error) {
	limit := s.c.timeout
	if limit <= 0 {
		limit = defaultDialLimit
	}
	dctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	h := http.Header{}
	s.c.setHeaders(h)
	start := time.Now()
	conn, resp, err := websocket.Dial(dctx, s.c.sessionURL(), &websocket.DialOptions{
		HTTPClient: s.c.http,
		HTTPHeader: h,
	})
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	if s.c.logging() {
		s.c.log.Debug("ws dial", "url", s.c.sessionURL(), "status", status, "duration", time.Since(start),
			"headers", logHeaders(h), logErr(err))
	}
	if err == nil {
		conn.SetReadLimit(maxFrameBytes)
		return conn, false, nil
	}
	if resp != nil && resp.StatusCode >= 400 {
		var b []byte
		if resp.Body != nil {
			b, _ = io.ReadAll(resp.Body)
		}
		code := resp.StatusCode
		fatal := code < 500 && code != http.StatusRequestTimeout && code != http.StatusTooManyRequests
		return nil, fatal, parseErrorBody(code, b, s.c.key)
	}
	if resp != nil {
		return nil, false, &NetError{Host: s.c.Host(), Reason: "it did not accept a live connection"}
	}
	return nil, false, transportError(ctx, err, s.c.Host())
}

// read handles frames until the connection ends and says why it ended. A
// 1008 close is fatal only on a connection that never worked (no frame other
// than an auth error frame arrived): the API also uses 1008 for application
// errors, which follow an error frame on a working connection.
func (s *Session) read(ctx context.Context, conn *websocket.Conn) (fatal bool, err error) {
	var stalled atomic.Bool
	if s.pingEvery > 0 {
		pctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			defer s.recoverPanic()
			s.keepAlive(pctx, conn, &stalled)
		}()
	}
	var heard atomic.Int64 // unix nanoseconds of the last frame
	if s.replyTimeout > 0 {
		wctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			defer s.recoverPanic()
			s.watchReplies(wctx, ctx, func() time.Time { return time.Unix(0, heard.Load()) })
		}()
	}
	worked, refused := false, false
	for {
		_, b, rerr := conn.Read(ctx)
		if rerr != nil {
			fatal, err := s.readEnded(ctx, rerr, worked, stalled.Load())
			var ce *CloseError
			if refused && errors.As(err, &ce) {
				ce.AfterErrorFrame = true
			}
			s.c.log.Debug("ws closed", "fatal", fatal, logErr(err))
			return fatal, err
		}
		if s.c.logging() {
			s.c.log.Debug("ws frame in", "bytes", len(b), "frame", logFrame(b))
		}
		heard.Store(time.Now().UnixNano())
		if s.c.observeFrame != nil {
			s.c.observeFrame(false, b)
		}
		f := parseFrame(b, s.c.key)
		refused = false
		switch f.kind {
		case frameStream, frameFinal:
			worked = true
		case frameError:
			// Only a rejected key makes the 1008 after it a verdict on the
			// connection. A 403 is about the task (one of another network,
			// or gone), like any refusal of a message.
			if !f.err.Is(ErrUnauthorized) {
				worked, refused = true, true
			}
		}
		s.dispatch(f)
	}
}

// readEnded says why a connection ended and whether to stop connecting.
func (s *Session) readEnded(ctx context.Context, err error, worked, stalled bool) (bool, error) {
	var ce websocket.CloseError
	switch {
	case errors.As(err, &ce):
		fatal := ce.Code == websocket.StatusPolicyViolation && !worked
		return fatal, &CloseError{Code: int(ce.Code), Reason: safeText(ce.Reason, s.c.key)}
	case stalled:
		return false, &NetError{Host: s.c.Host(), Reason: "the connection stopped answering", timeout: true}
	}
	return false, transportError(ctx, err, s.c.Host())
}

// dispatch turns a frame into an event for its task.
func (s *Session) dispatch(f frame) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch f.kind {
	case frameStream:
		s.emitLocked(s.replies.update(f.stream))
	case frameFinal:
		s.emitLocked(FinalMessage{TaskID: s.replies.final(f.final), Message: f.final})
	case frameError:
		s.emitLocked(ErrorFrame{TaskID: s.replies.failed(), Err: f.err})
	}
}

// keepAlive pings a quiet connection so one that died without a word (the
// network changed under it) is noticed and replaced rather than waited on
// for ever.
func (s *Session) keepAlive(ctx context.Context, conn *websocket.Conn, stalled *atomic.Bool) {
	t := time.NewTicker(s.pingEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		pctx, cancel := context.WithTimeout(ctx, min(pongTimeout, s.pingEvery))
		err := conn.Ping(pctx)
		cancel()
		if err != nil && ctx.Err() == nil {
			stalled.Store(true)
			conn.CloseNow()
			return
		}
	}
}
