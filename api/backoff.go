package api

import (
	"context"
	"math/rand/v2"
	"time"
)

// backoff computes capped exponential delays with jitter, shared by GET
// retries and WebSocket reconnects.
type backoff struct {
	min, max time.Duration
}

// delay is the wait before retry n (1-based): min doubled n-1 times, capped
// at max, then drawn at random from its upper half. The random part keeps
// many clients that lost the same server from returning all at once; the
// lower bound keeps the wait from collapsing to nothing.
func (b backoff) delay(n int) time.Duration {
	if b.min <= 0 || n <= 0 {
		return 0
	}
	limit := b.max
	if limit < b.min {
		limit = b.min
	}
	d := b.min
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	if d > limit {
		d = limit
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// sleep waits for d or until ctx is done, and reports whether the full wait
// passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
