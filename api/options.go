package api

import (
	"net/http"
	"strings"
	"time"
)

// Option configures a Client.
type Option func(*Client)

// WithBaseURL sets the REST base, e.g. BaseURLGCP or a demo server's URL.
// New validates it.
func WithBaseURL(u string) Option {
	return func(c *Client) { c.rawBase = u }
}

// WithAPIKey sets the network API key sent with every call. Surrounding
// whitespace (a trailing newline from a file) is dropped.
func WithAPIKey(k string) Option {
	return func(c *Client) { c.key = strings.TrimSpace(k) }
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) { c.userAgent = ua }
}

// WithHTTPClient replaces the HTTP client. Its Timeout should be zero:
// deadlines come from WithTimeout and the caller's context.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) { c.http = h }
}

// WithTransport wraps the HTTP transport of the client New builds, so a
// caller can watch or record every request (the WebSocket upgrade included)
// while keeping the client's own redirect rule. It has no effect together
// with WithHTTPClient.
func WithTransport(wrap func(http.RoundTripper) http.RoundTripper) Option {
	return func(c *Client) { c.wrapTransport = wrap }
}

// WithFrameObserver has every WebSocket text frame passed to observe as it
// is about to be written (outgoing) or as it is read, before it is decoded. observe runs on the
// session's goroutines and must not keep b.
func WithFrameObserver(observe func(outgoing bool, b []byte)) Option {
	return func(c *Client) { c.observeFrame = observe }
}

// WithTimeout bounds each call that reads data (listing, fetching and
// creating tasks), retries included. Zero means no bound besides the
// caller's context.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) { c.timeout = d }
}

// WithSendTimeout bounds SendMessage, which waits while the agent writes its
// whole reply and so needs longer than other calls. Zero means no bound
// besides the caller's context.
func WithSendTimeout(d time.Duration) Option {
	return func(c *Client) { c.sendTimeout = d }
}

// WithRetry sets how GET calls retry after a network error or a 5xx answer:
// attempts in total (1 disables retrying) and the backoff bounds between them.
// POST calls never retry, so a message is never sent twice.
func WithRetry(attempts int, base, max time.Duration) Option {
	return func(c *Client) {
		c.retry = backoff{min: base, max: max}
		c.attempts = attempts
	}
}

// SessionOption configures a Session.
type SessionOption func(*Session)

// WithBackoff sets the reconnect delay bounds: the first retry waits about
// min, each further one twice as long, never more than max (plus or minus
// jitter so many clients do not reconnect in step).
func WithBackoff(min, max time.Duration) SessionOption {
	return func(s *Session) { s.backoff = backoff{min: min, max: max} }
}

// WithPingInterval sets how often the session pings a quiet connection to
// notice one that died silently (a laptop waking on another network). Zero
// turns pinging off.
func WithPingInterval(d time.Duration) SessionOption {
	return func(s *Session) { s.pingEvery = d }
}

// WithPanicHandler gives the session's goroutines a place to report a
// panic: it is recovered and handed to h with its stack, and the goroutine
// ends, instead of the whole process dying with the terminal left raw. The
// caller is expected to stop the program.
func WithPanicHandler(h func(v any, stack []byte)) SessionOption {
	return func(s *Session) { s.onPanic = h }
}
