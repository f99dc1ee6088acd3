package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Documented REST bases (aui-api.md §1). The WebSocket URL is derived from
// the base, so one setting serves both.
const (
	BaseURLGCP   = "https://data-services.aui.io/api/ia-controller"
	BaseURLAzure = "https://azure.aui.io/api/ia-controller"
)

// DefaultUserAgent is sent when WithUserAgent is not used.
const DefaultUserAgent = "aui-tui"

// Defaults for per-call deadlines and GET retries.
const (
	DefaultTimeout     = 30 * time.Second
	DefaultSendTimeout = 2 * time.Minute
	defaultAttempts    = 3
)

// Bounds on bodies read into memory. A successful body is decoded as it
// streams in, so the bound is only there to refuse a runaway server before
// it exhausts memory: a 50,000-message transcript is well over 64 MiB.
// Error bodies are only ever summarised.
const (
	maxBodyBytes  = 1 << 30
	maxErrorBytes = 64 << 10
)

// RegionBaseURL maps a region name ("gcp" or "azure") to its REST base.
func RegionBaseURL(region string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(region)) {
	case "gcp":
		return BaseURLGCP, nil
	case "azure":
		return BaseURLAzure, nil
	}
	return "", fmt.Errorf("unknown region %q: use gcp or azure", region)
}

// Client calls the AUI Messaging API. It is safe for concurrent use and
// reuses one HTTP client (and so its kept-alive connections) for every call.
type Client struct {
	rawBase     string
	base        *url.URL
	key         string
	userAgent   string
	http        *http.Client
	timeout     time.Duration
	sendTimeout time.Duration
	attempts    int
	retry       backoff
	reach       *reachSignal
	maxBody     int64 // bound on a 2xx body (maxBodyBytes; tests lower it)
	rawLog      *slog.Logger
	log         *slog.Logger // rawLog behind redaction; never nil
	// wrapTransport and observeFrame are the recording hooks of
	// WithTransport and WithFrameObserver; nil when unused.
	wrapTransport func(http.RoundTripper) http.RoundTripper
	observeFrame  func(outgoing bool, b []byte)
	// onRateLimit hears of each wait a 429 imposes (see OnRateLimit).
	onRateLimit atomic.Pointer[func(time.Duration)]
}

// OnRateLimit sets f to be told, from the calling goroutine, each time a
// call waits before trying again because the server answered 429 with a
// Retry-After, so a UI can say so while it waits.
func (c *Client) OnRateLimit(f func(wait time.Duration)) { c.onRateLimit.Store(&f) }

// rateLimited reports a wait to the OnRateLimit listener, if any.
func (c *Client) rateLimited(d time.Duration) {
	if f := c.onRateLimit.Load(); f != nil && *f != nil {
		(*f)(d)
	}
}

// New makes a Client. Without WithBaseURL it talks to BaseURLGCP. The base
// must be an absolute http or https URL without query, fragment or
// credentials.
func New(opts ...Option) (*Client, error) {
	c := &Client{
		rawBase:     BaseURLGCP,
		userAgent:   DefaultUserAgent,
		timeout:     DefaultTimeout,
		sendTimeout: DefaultSendTimeout,
		attempts:    defaultAttempts,
		retry:       backoff{min: 200 * time.Millisecond, max: 2 * time.Second},
		reach:       &reachSignal{},
		maxBody:     maxBodyBytes,
	}
	for _, o := range opts {
		o(c)
	}
	base, err := parseBase(c.rawBase)
	if err != nil {
		return nil, err
	}
	c.base = base
	c.log = newLog(c.rawLog, c.key)
	for _, r := range c.key {
		if r <= ' ' || r >= 0x7f {
			return nil, errors.New("the API key contains characters that cannot be sent in a header")
		}
	}
	if c.http == nil {
		var rt http.RoundTripper = http.DefaultTransport.(*http.Transport).Clone()
		if c.wrapTransport != nil {
			rt = c.wrapTransport(rt)
		}
		c.http = &http.Client{Transport: rt, CheckRedirect: keepKeyOnHost}
	}
	if c.attempts < 1 {
		c.attempts = 1
	}
	return c, nil
}

// keepKeyOnHost follows redirects but drops the key header when one leads to
// another host: Go forwards custom headers across hosts, and the key must
// only ever go to the configured server.
func keepKeyOnHost(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		req.Header.Del("x-network-api-key")
	}
	return nil
}

// CheckBaseURL reports why raw cannot be a base URL, or nil: the check
// New makes, for callers that validate settings before connecting.
func CheckBaseURL(raw string) error {
	_, err := parseBase(raw)
	return err
}

func parseBase(raw string) (*url.URL, error) {
	s := strings.TrimRight(strings.TrimSpace(raw), "/")
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return nil, fmt.Errorf("base URL %q is not a URL", redactURL(raw))
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("base URL %q must start with https:// or http://", redactURL(raw))
	case u.Host == "":
		return nil, fmt.Errorf("base URL %q has no host", redactURL(raw))
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("base URL %q must not carry credentials, a query or a fragment", redactURL(u.Redacted()))
	}
	return u, nil
}

// BaseURL is the REST base in use, without a trailing slash.
func (c *Client) BaseURL() string { return c.base.String() }

// Host is host[:port] of the base URL, for display.
func (c *Client) Host() string { return c.base.Host }

// endpoint joins the base and an already-escaped path.
func (c *Client) endpoint(path string, query url.Values) string {
	s := c.base.String() + path
	if len(query) > 0 {
		s += "?" + query.Encode()
	}
	return s
}

// call performs one API call within timeout (0: none): GETs retry on network
// errors and 5xx answers, other methods are tried once. out receives the
// decoded JSON body.
func (c *Client) call(ctx context.Context, timeout time.Duration, method, path string, query url.Values, body, out any) error {
	if timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encoding the request: %w", err)
		}
	}
	attempts := 1
	if method == http.MethodGet {
		attempts = c.attempts
	}
	n := 0
	return retry(ctx, attempts, c.retry, c.rateLimited, func() error {
		n++
		if n > 1 {
			c.log.Debug("retrying", "method", method, "path", path, "attempt", n, "of", attempts)
		}
		return c.once(ctx, method, c.endpoint(path, query), payload, out)
	})
}

// once sends a single request and reads the whole answer, so the connection
// goes back to the pool for the next call.
func (c *Client) once(ctx context.Context, method, target string, payload []byte, out any) (err error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("building the request: %s", redactKey(err.Error(), c.key))
	}
	c.setHeaders(req.Header)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		err = transportError(ctx, err, c.Host())
		if c.logging() {
			c.log.Debug("request failed", "method", method, "path", logTarget(target), "sent", len(payload),
				"duration", time.Since(start), "headers", logHeaders(req.Header), logErr(err))
		}
		return err
	}
	defer resp.Body.Close()
	read := &countingReader{r: resp.Body}
	resp.Body = struct {
		io.Reader
		io.Closer
	}{read, resp.Body}
	defer func() {
		if !c.logging() {
			return
		}
		c.log.Debug("request", "method", method, "path", logTarget(target), "status", resp.StatusCode,
			"duration", time.Since(start), "sent", len(payload), "bytes", read.n,
			"headers", logHeaders(req.Header), logErr(err))
	}()
	if resp.StatusCode < 500 {
		c.reach.reached()
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBytes))
		e := parseErrorBody(resp.StatusCode, b, c.key)
		e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
		return e
	}
	if out == nil {
		if _, err := io.Copy(io.Discard, io.LimitReader(resp.Body, maxBodyBytes)); err != nil {
			return transportError(ctx, err, c.Host())
		}
		return nil
	}
	// Decoded as it arrives: holding the whole body first would cost a long
	// transcript's size again (twice, while io.ReadAll grows its buffer) on
	// top of the messages decoded from it.
	return c.decodeReply(ctx, resp.Body, out)
}

// setHeaders adds what every request, REST or WebSocket upgrade, carries.
func (c *Client) setHeaders(h http.Header) {
	if c.key != "" {
		h.Set("x-network-api-key", c.key)
	}
	h.Set("User-Agent", c.userAgent)
	h.Set("Accept", "application/json")
}

// badReply describes a 2xx body that is not the expected JSON without
// quoting it. b is the body, or at least its first non-blank byte.
func (c *Client) badReply(b []byte, err error) error {
	what := "a body that is not the expected JSON"
	var typeErr *json.UnmarshalTypeError
	switch t := bytes.TrimSpace(b); {
	case errors.Is(err, errMissingID):
		what = "a reply without an id"
	case len(t) > 0 && t[0] == '<':
		what = "a web page instead of JSON"
	case len(t) == 0:
		what = "an empty body"
	case errors.As(err, &typeErr) && typeErr.Field != "":
		what = fmt.Sprintf("JSON with an unexpected %s for %q", typeErr.Value, safeText(typeErr.Field, c.key))
	}
	return fmt.Errorf("%w: %s sent %s", ErrBadReply, c.Host(), what)
}
