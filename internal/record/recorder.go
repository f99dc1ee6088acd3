package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"aui-tui/internal/textsafe"
)

// Options say what a Recorder keeps out of the file.
type Options struct {
	// Key is the API key; it is never written, wherever it appears.
	Key string
	// User is the user id; it is replaced by PlaceholderUser unless
	// KeepUser is set.
	User     string
	KeepUser bool
	// BasePath is the path of the API's base URL ("/api/ia-controller"),
	// left out of recorded paths so a replay server can serve them at its
	// root.
	BasePath string
	// PageSize and Demo describe the session, for replaying it alike.
	PageSize int
	Demo     bool
	// Now is the clock (tests make it step); time.Now when nil.
	Now func() time.Time
}

// Recorder writes a session to a file as it happens. Its methods may be
// called from any goroutine.
type Recorder struct {
	opt   Options
	start time.Time

	mu  sync.Mutex
	f   *os.File
	w   *bufio.Writer
	err error
}

// Create starts a recording in a new file readable only by its owner: it
// holds the conversation.
func Create(path string, opt Options) (*Recorder, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	r := &Recorder{opt: opt, start: opt.Now(), f: f, w: bufio.NewWriter(f)}
	user := PlaceholderUser
	if opt.KeepUser {
		user = opt.User
	}
	r.write(Entry{Kind: KindStart, Version: Version, User: user, PageSize: opt.PageSize, Demo: opt.Demo})
	return r, nil
}

// Close writes what is buffered and closes the file; it reports the first
// error met while recording.
func (r *Recorder) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return r.err
	}
	if err := r.w.Flush(); err != nil && r.err == nil {
		r.err = err
	}
	if err := r.f.Close(); err != nil && r.err == nil {
		r.err = err
	}
	r.f = nil
	return r.err
}

// since is the time since the start in milliseconds.
func (r *Recorder) since() int64 { return r.opt.Now().Sub(r.start).Milliseconds() }

// write adds one line, with the key and user scrubbed from it.
func (r *Recorder) write(e Entry) {
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	// Escaped, the server's control characters in bodies cannot act on a
	// terminal the recording is shown on, and mean the same.
	b = textsafe.JSON(r.scrub(b))
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil || r.err != nil {
		return
	}
	if _, err := r.w.Write(append(b, '\n')); err != nil {
		r.err = err
	}
	// Flushed every line, so a crash or kill keeps what came before.
	if err := r.w.Flush(); err != nil && r.err == nil {
		r.err = err
	}
}

// scrub removes the key wherever it appears and replaces the user id where
// it is a whole JSON string or query value.
func (r *Recorder) scrub(b []byte) []byte {
	if k := r.opt.Key; k != "" {
		b = bytes.ReplaceAll(b, []byte(k), []byte("[key removed]"))
	}
	if u := r.opt.User; u != "" && !r.opt.KeepUser {
		quoted, _ := json.Marshal(u)
		b = bytes.ReplaceAll(b, quoted, []byte(`"`+PlaceholderUser+`"`))
		// The same string escaped inside another JSON string (a raw body).
		inner := bytes.Trim(quoted, `"`)
		b = bytes.ReplaceAll(b, []byte(`\"`+string(inner)+`\"`), []byte(`\"`+PlaceholderUser+`\"`))
	}
	return b
}

// Window records the terminal's size.
func (r *Recorder) Window(w, h int) {
	r.write(Entry{T: r.since(), Kind: KindWindow, Width: w, Height: h})
}

// Key records a key press.
func (r *Recorder) Key(k Key) {
	r.write(Entry{T: r.since(), Kind: KindKey, Key: &k})
}

// Paste records pasted text.
func (r *Recorder) Paste(text string) {
	r.write(Entry{T: r.since(), Kind: KindPaste, Text: text})
}

// Frame records a WebSocket frame: one the client wrote (outgoing) or one
// the server sent. It fits api.WithFrameObserver.
func (r *Recorder) Frame(outgoing bool, b []byte) {
	kind := KindFrame
	if outgoing {
		kind = KindSent
	}
	r.write(Entry{T: r.since(), Kind: kind, Frame: rawJSON(b)})
}

// Transport wraps an HTTP transport so every REST call is recorded with
// its answer; it fits api.WithTransport. The WebSocket upgrade passes
// through unrecorded (its frames are recorded by Frame).
func (r *Recorder) Transport(next http.RoundTripper) http.RoundTripper {
	return roundTripper{r: r, next: next}
}

type roundTripper struct {
	r    *Recorder
	next http.RoundTripper
}

func (t roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("Upgrade") != "" {
		return t.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil && req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			body, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	began := t.r.opt.Now()
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	// The whole answer is read here so it can be both recorded and handed
	// on; the client reads its bodies whole anyway.
	got, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(got))
	if rerr != nil {
		return resp, nil
	}
	t.r.write(Entry{
		T:      began.Sub(t.r.start).Milliseconds(),
		Kind:   KindHTTP,
		Method: req.Method,
		Path:   strings.TrimPrefix(req.URL.EscapedPath(), strings.TrimSuffix(t.r.opt.BasePath, "/")),
		Query:  t.r.query(req.URL.Query()),
		Status: resp.StatusCode,
		Dur:    t.r.opt.Now().Sub(began).Milliseconds(),
		Req:    rawJSON(body),
		Resp:   rawJSON(got),
	})
	return resp, nil
}

// query encodes the query with the user id replaced.
func (r *Recorder) query(q url.Values) string {
	if u := q.Get("user_id"); u != "" && !r.opt.KeepUser && u == r.opt.User {
		q.Set("user_id", PlaceholderUser)
	}
	return q.Encode()
}

// rawJSON keeps a body as JSON when it is JSON, else as a JSON string, so
// every line of the file stays one valid JSON object.
func rawJSON(b []byte) json.RawMessage {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	if json.Valid(b) {
		var buf bytes.Buffer
		if json.Compact(&buf, b) == nil {
			return buf.Bytes()
		}
	}
	s, _ := json.Marshal(strings.ToValidUTF8(string(b), "\uFFFD"))
	return s
}
