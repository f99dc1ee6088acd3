package sshserve

import (
	"context"
	"fmt"
	"sync"
	"time"

	"aui-tui/api"
)

// rateLimit allows at most n events in any window (a sliding window, so a
// burst at the end of one minute and the start of the next is still
// limited).
type rateLimit struct {
	n      int
	window time.Duration
	now    func() time.Time

	mu   sync.Mutex
	past []time.Time // the times of the last events, oldest first, at most n
}

func newRateLimit(n int, window time.Duration, now func() time.Time) *rateLimit {
	return &rateLimit{n: n, window: window, now: now}
}

// take records an event if the limit allows it; otherwise it reports how
// long until it would. n <= 0 means no limit.
func (r *rateLimit) take() (wait time.Duration, ok bool) {
	if r.n <= 0 {
		return 0, true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	if len(r.past) == r.n {
		if free := r.past[0].Add(r.window); now.Before(free) {
			return free.Sub(now), false
		}
		r.past = r.past[1:]
	}
	r.past = append(r.past, now)
	return 0, true
}

// Sender delivers a message the visitor typed; the UI's sender (an
// api.Session) satisfies it.
type Sender interface {
	Send(ctx context.Context, taskID, text string, mc *api.MessageContext) error
}

// Limit wraps the visitor's sender so it enforces the messages-per-minute
// limit and counts what was sent for the session's log line.
func (v *Visitor) Limit(s Sender) Sender { return limitedSender{next: s, v: v} }

type limitedSender struct {
	next Sender
	v    *Visitor
}

// Send refuses a message over the limit with the wait before the next
// one; the UI keeps it, marked failed with this reason, for ctrl+r.
func (l limitedSender) Send(ctx context.Context, taskID, text string, mc *api.MessageContext) error {
	if wait, ok := l.v.rate.take(); !ok {
		return fmt.Errorf("this demo takes %s a minute; try again in %s", plural(l.v.perMin, "message"), spell(wait.Truncate(time.Second)+time.Second))
	}
	if err := l.next.Send(ctx, taskID, text, mc); err != nil {
		return err
	}
	l.v.sent.Add(1)
	return nil
}
