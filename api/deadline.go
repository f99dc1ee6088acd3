package api

import (
	"context"
	"fmt"
	"time"
)

// defaultReplyTimeout is how long a turn waits without any frame from the
// server before it is given up on. Agents that search a catalog can be
// quiet for a while before the first word; 90 s is well past that.
const defaultReplyTimeout = 90 * time.Second

// WithReplyTimeout sets how long a turn sent on the socket may go without
// any frame at all before it ends: its reply is then looked up over REST,
// and if there is none the turn fails, so a server that accepts messages
// and never answers cannot leave the task waiting for good. Zero turns the
// deadline off.
func WithReplyTimeout(d time.Duration) SessionOption {
	return func(s *Session) { s.replyTimeout = d }
}

// watchReplies ends the turns on a connection that have waited
// replyTimeout without a frame, until ctx (the connection's) is done.
// heard reports the time of the last frame. The lookups use session, the
// session's context, so a connection dropping meanwhile does not lose
// turns already taken out.
func (s *Session) watchReplies(ctx, session context.Context, heard func() time.Time) {
	every := max(s.replyTimeout/8, time.Millisecond)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		s.mu.Lock()
		stalled := s.replies.stalled(heard(), s.replyTimeout, time.Now())
		s.mu.Unlock()
		if len(stalled) > 0 {
			secs := int(s.replyTimeout.Round(time.Second) / time.Second)
			quiet := fmt.Sprintf("The agent did not answer within %d s", max(secs, 1))
			s.recoverTurns(session, stalled, recoverWords{
				fetchFailed: quiet + ", and the reply could not be fetched",
				notAnswered: quiet,
				notSent:     quiet + "; the message did not reach it",
			})
		}
	}
}
