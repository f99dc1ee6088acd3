package api

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"
)

// WithLogger records what the client does (every request with its status,
// duration and size, retries, WebSocket state changes, frames in both
// directions, shortened) at debug level, for a user to read or send along
// when a connection misbehaves. Secrets never reach l: the key, a
// network_api_key URL parameter and the x-network-api-key header are
// replaced by REDACTED in every message and attribute. A nil l logs
// nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *Client) { c.rawLog = l }
}

// logFrameBytes bounds how much of a frame is logged: enough to tell what it
// was, not a whole transcript per line.
const logFrameBytes = 300

// discardLog is the logger of a client without WithLogger.
var discardLog = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelError + 1}))

// newLog wraps l so nothing it writes can carry key.
func newLog(l *slog.Logger, key string) *slog.Logger {
	if l == nil {
		return discardLog
	}
	return slog.New(redactHandler{h: l.Handler(), key: key})
}

// redactHandler scrubs secrets from every record before the real handler
// sees it, so a log call anywhere in the client cannot leak the key, even
// through an error string or a URL.
type redactHandler struct {
	h   slog.Handler
	key string
}

// Enabled defers to the real handler.
func (r redactHandler) Enabled(ctx context.Context, l slog.Level) bool { return r.h.Enabled(ctx, l) }

// Handle passes on a copy of the record with every secret replaced.
func (r redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, redactKey(rec.Message, r.key), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(r.attr(a))
		return true
	})
	return r.h.Handle(ctx, out)
}

// WithAttrs redacts attributes added once for every later record.
func (r redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = r.attr(a)
	}
	return redactHandler{h: r.h.WithAttrs(clean), key: r.key}
}

// WithGroup keeps the redaction in force inside the group.
func (r redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h: r.h.WithGroup(name), key: r.key}
}

// attr redacts one attribute: strings, errors and anything printed as text.
func (r redactHandler) attr(a slog.Attr) slog.Attr {
	if a.Equal(slog.Attr{}) {
		return a // nothing, which handlers skip
	}
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, redactKey(v.String(), r.key))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, ga := range g {
			clean[i] = r.attr(ga)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		return slog.String(a.Key, redactKey(fmt.Sprint(v.Any()), r.key))
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// logging reports whether the debug log is on, so the attributes of a
// record nobody reads are not even built.
func (c *Client) logging() bool { return c.log.Enabled(context.Background(), slog.LevelDebug) }

// logHeaders is h as one line, the key header's value hidden.
func logHeaders(h http.Header) string {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		v := strings.Join(h[n], ",")
		if strings.EqualFold(n, "x-network-api-key") {
			v = redacted
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(n + ": " + v)
	}
	return b.String()
}

// logTarget is a request URL's path and query, with the key hidden.
func logTarget(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return redactURL(target)
	}
	s := u.EscapedPath()
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return redactURL(s)
}

// logFrame is the start of a frame, cut at a rune boundary.
func logFrame(b []byte) string {
	if len(b) <= logFrameBytes {
		return string(b)
	}
	n := logFrameBytes
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]) + fmt.Sprintf("… (%d bytes)", len(b))
}

// countingReader counts the bytes of a response body as it is read.
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the body and counts what it read.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// logErr is an "err" attribute, or nothing (which handlers skip) for nil.
func logErr(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.Any("err", err)
}
