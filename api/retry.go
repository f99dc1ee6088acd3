package api

import (
	"context"
	"errors"
)

// retry runs fn up to attempts times, waiting with backoff between tries,
// while the failure is one a later try may not repeat (a network error, a
// transport timeout, a 5xx answer) and ctx still has time left. Only
// idempotent calls may use it.
func retry(ctx context.Context, attempts int, b backoff, fn func() error) error {
	for n := 1; ; n++ {
		err := fn()
		if err == nil || n >= attempts || ctx.Err() != nil || !retryable(err) {
			return err
		}
		if !sleep(ctx, b.delay(n)) {
			return err
		}
	}
}

func retryable(err error) bool {
	return errors.Is(err, ErrOffline) || errors.Is(err, ErrTimeout) || errors.Is(err, ErrServer)
}
