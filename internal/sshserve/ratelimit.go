package sshserve

import (
	"sync"
	"time"
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
