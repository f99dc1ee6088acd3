package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// limitFirst answers the first n requests with 429 and Retry-After.
func limitFirst(f *fakeAPI, n int32, retryAfter string) {
	var seen atomic.Int32
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if seen.Add(1) > n {
			return false
		}
		w.Header().Set("Retry-After", retryAfter)
		writeJSON(w, 429, `{"detail":"Too Many Requests"}`)
		return true
	})
}

// TestRateLimitHonoursRetryAfter: a 429 used to fail at once as "The
// request failed"; the call now waits as asked and succeeds.
func TestRateLimitHonoursRetryAfter(t *testing.T) {
	f := newFake(t)
	limitFirst(f, 1, "1") // one second: the shortest wait the header can ask
	c := f.client()
	var told []time.Duration
	c.OnRateLimit(func(d time.Duration) { told = append(told, d) })
	if _, err := c.ListTasks(context.Background(), "u1", 1, 10); err != nil {
		t.Fatalf("after the wait: %v", err)
	}
	if n := f.count("GET", "/tasks"); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	if len(told) != 1 || told[0] != time.Second {
		t.Fatalf("the wait was reported as %v, want [1s]", told)
	}
}

// TestRateLimitTooLongSaysWhen: a wait longer than the call may take is
// not waited; the error says what happened and when to try again.
func TestRateLimitTooLongSaysWhen(t *testing.T) {
	f := newFake(t)
	limitFirst(f, 10, "120")
	_, err := f.client().ListTasks(context.Background(), "u1", 1, 10)
	if !errors.Is(err, ErrRateLimited) || err.Error() != "The server is rate limiting requests (429 Too Many Requests); try again in 120 s" {
		t.Fatalf("error %q", err)
	}
	if n := f.count("GET", "/tasks"); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// TestRateLimitedSendIsTriedOnceMore: a 429 means the message was not
// taken, so it is sent again once after the wait, and only once.
func TestRateLimitedSendIsTriedOnceMore(t *testing.T) {
	f := newFake(t)
	limitFirst(f, 5, "1")
	_, err := f.client().SendMessage(context.Background(), "t1", "hello", nil)
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("error %v", err)
	}
	if n := f.count("POST", "/message"); n != 2 {
		t.Fatalf("%d POSTs, want 2 (the first and one retry)", n)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Mon, 09 Mar 2026 15:00:30 GMT": 30 * time.Second,
		"Mon, 09 Mar 2026 14:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", h, got, want)
		}
	}
	if !strings.Contains((&APIError{StatusCode: 429}).Error(), "wait a moment") {
		t.Error("a 429 without Retry-After does not say to wait")
	}
}
