package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// maxRetryAfter is the longest wait a server's Retry-After is honoured for;
// asked to wait longer, the call fails and says when to try again.
const maxRetryAfter = 30 * time.Second

// retry runs fn up to attempts times, waiting with backoff between tries,
// while the failure is one a later try may not repeat (a network error, a
// transport timeout, a 5xx answer) and ctx still has time left. Only
// idempotent calls may use it, except after a 429: a rate-limited call was
// not carried out, so any call is tried again once after the wait the
// server asked for, when that fits in the time left; onWait hears of that
// wait first.
func retry(ctx context.Context, attempts int, b backoff, onWait func(time.Duration), fn func() error) error {
	limited := false
	for n := 1; ; n++ {
		err := fn()
		if err == nil || ctx.Err() != nil {
			return err
		}
		if wait, ok := rateLimitWait(ctx, err); ok && !limited {
			limited = true
			onWait(wait)
			if !sleep(ctx, wait) {
				return err
			}
			continue
		}
		if n >= attempts || !retryable(err) {
			return err
		}
		if !sleep(ctx, b.delay(n)) {
			return err
		}
	}
}

// rateLimitWait returns how long to wait before trying a rate-limited call
// again, if the server said and the wait fits the deadline.
func rateLimitWait(ctx context.Context, err error) (time.Duration, bool) {
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusTooManyRequests || ae.RetryAfter <= 0 || ae.RetryAfter > maxRetryAfter {
		return 0, false
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < ae.RetryAfter {
		return 0, false
	}
	return ae.RetryAfter, true
}

func retryable(err error) bool {
	return errors.Is(err, ErrOffline) || errors.Is(err, ErrTimeout) || errors.Is(err, ErrServer)
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
func parseRetryAfter(h string, now time.Time) time.Duration {
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil && n >= 0 {
		return time.Duration(min(n, 86400)) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
