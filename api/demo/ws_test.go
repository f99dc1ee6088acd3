package demo

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// wsURL is the session URL of a test server with a key.
func wsURL(base, key string) string {
	u := "ws" + strings.TrimPrefix(base, "http") + "/api/v1/external/session"
	if key != "" {
		u += "?network_api_key=" + key
	}
	return u
}

// dial opens a session; the connection is closed when the test ends.
func dial(t *testing.T, ctx context.Context, url string, h http.Header) *websocket.Conn {
	t.Helper()
	c, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.CloseNow() })
	return c
}

// frame is one server frame, classified as a client would.
type frame struct {
	raw   json.RawMessage
	kind  string // "error", "stream", "final"
	chunk string
}

// readFrame reads and classifies the next frame.
func readFrame(t *testing.T, ctx context.Context, c *websocket.Conn) frame {
	t.Helper()
	typ, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if typ != websocket.MessageText {
		t.Fatalf("frame type %v", typ)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(b, &probe); err != nil {
		t.Fatalf("frame is not a JSON object: %s", b)
	}
	f := frame{raw: b}
	switch {
	case probe["status_code"] != nil:
		f.kind = "error"
	case probe["channel"] != nil:
		f.kind = "stream"
		var s streamFrame
		_ = json.Unmarshal(b, &s)
		f.chunk = s.Data.Text
	case probe["id"] != nil && probe["text"] != nil:
		f.kind = "final"
	default:
		t.Fatalf("unknown frame %s", b)
	}
	return f
}

// writeText sends a text frame.
func writeText(t *testing.T, ctx context.Context, c *websocket.Conn, s string) {
	t.Helper()
	if err := c.Write(ctx, websocket.MessageText, []byte(s)); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// turn sends a message and collects the stream frames and the final one.
func turn(t *testing.T, ctx context.Context, c *websocket.Conn, taskID, text string) (streams []frame, final frame) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"task_id": taskID, "text": text})
	writeText(t, ctx, c, string(b))
	for {
		f := readFrame(t, ctx, c)
		switch f.kind {
		case "stream":
			streams = append(streams, f)
		case "final":
			return streams, f
		default:
			t.Fatalf("unexpected frame %s", f.raw)
		}
	}
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestWebSocketStreamsWordByWord(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	ctx := testCtx(t)
	id := createTask(t, hs.URL, "user_123")
	c := dial(t, ctx, wsURL(hs.URL, DefaultKey), nil)

	streams, final := turn(t, ctx, c, id, "I need a built-in microwave, 20 l or more")
	var msg struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(final.raw, &msg); err != nil {
		t.Fatal(err)
	}
	if got := keysOf(t, final.raw); !reflect.DeepEqual(got, messageKeys) {
		t.Errorf("final keys %v", got)
	}
	if len(streams) < 10 {
		t.Fatalf("only %d stream frames", len(streams))
	}
	var text strings.Builder
	var channel string
	for i, f := range streams {
		if n := len(strings.Fields(f.chunk)); n != 1 {
			t.Errorf("chunk %d %q holds %d words", i, f.chunk, n)
		}
		text.WriteString(f.chunk)
		var s streamFrame
		if err := json.Unmarshal(f.raw, &s); err != nil {
			t.Fatal(err)
		}
		if got := keysOf(t, f.raw); !reflect.DeepEqual(got, []string{"channel", "data", "scope", "timestamp"}) {
			t.Errorf("envelope keys %v", got)
		}
		if i == 0 {
			channel = s.Channel.ChannelName
		}
		ctxOK := s.Scope.Context.MessageID == msg.ID && s.Scope.Context.TaskID == id &&
			reObjectID.MatchString(s.Scope.Context.InteractionID) && s.Scope.Context.Pillar == "WORK"
		if s.Channel.Type != "WEBSOCKET" || s.Channel.EventName != "thread-message-text-content-updated" ||
			!reUUID4.MatchString(s.Channel.ChannelName) || s.Channel.ChannelName != channel ||
			s.Scope.Type != "LLM_ACTIVATION_EXECUTION" || s.Scope.Data.Status != "PENDING" || !ctxOK ||
			!reG2Time.MatchString(s.Timestamp) {
			t.Errorf("envelope %d: %s", i, f.raw)
		}
	}
	if text.String() != msg.Text {
		t.Errorf("chunks concatenate to\n%q\nwant the final text\n%q", text.String(), msg.Text)
	}

	// The final message is exactly what REST has stored.
	b := mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, "")
	var stored []json.RawMessage
	_ = json.Unmarshal(b, &stored)
	if len(stored) != 2 {
		t.Fatalf("%d stored messages", len(stored))
	}
	sameJSON(t, stored[1], string(final.raw))
}

func TestWebSocketSeveralFramesInOrder(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	ctx := testCtx(t)
	id := createTask(t, hs.URL, "user_123")
	c := dial(t, ctx, wsURL(hs.URL, DefaultKey), nil)

	lines := []string{"I need a built-in microwave, 20 l or more", "Show me cheaper options", "Compare the top two"}
	for _, l := range lines { // all sent before any reply is read
		b, _ := json.Marshal(map[string]string{"task_id": id, "text": l})
		writeText(t, ctx, c, string(b))
	}
	var finals []string
	var current strings.Builder
	for len(finals) < len(lines) {
		f := readFrame(t, ctx, c)
		switch f.kind {
		case "stream":
			current.WriteString(f.chunk)
		case "final":
			var m struct{ Text string }
			_ = json.Unmarshal(f.raw, &m)
			if m.Text != current.String() {
				t.Errorf("turn %d: streamed text differs from final text", len(finals))
			}
			current.Reset()
			finals = append(finals, m.Text)
		default:
			t.Fatalf("unexpected %s", f.raw)
		}
	}
	wantStarts := []string{"I found **three built-in microwaves", "Here is one built-in microwave", "Here's how the"}
	for i, w := range wantStarts {
		if !strings.HasPrefix(finals[i], w) {
			t.Errorf("reply %d starts %.60q, want %q", i, finals[i], w)
		}
	}
}

func TestWebSocketWrongKeyClosesWith1008(t *testing.T) {
	_, hs := newTestServer(t, Options{Key: "s3cret"})
	ctx := testCtx(t)
	for _, url := range []string{wsURL(hs.URL, "wrong"), wsURL(hs.URL, "")} {
		c := dial(t, ctx, url, nil)
		_, _, err := c.Read(ctx)
		var ce websocket.CloseError
		if !errors.As(err, &ce) || ce.Code != websocket.StatusPolicyViolation || ce.Reason != "Invalid API key" {
			t.Errorf("%s: read error %v, want close 1008 \"Invalid API key\"", url, err)
		}
	}
	// The header form of the key is accepted too.
	id := createTask2(t, hs.URL, "s3cret")
	c := dial(t, ctx, wsURL(hs.URL, ""), http.Header{"x-network-api-key": {"s3cret"}})
	if _, final := turn(t, ctx, c, id, "hello"); final.kind != "final" {
		t.Error("no reply with the header key")
	}
}

func TestWebSocketErrorFramesKeepSocketOpen(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	ctx := testCtx(t)
	id := createTask(t, hs.URL, "user_123")
	c := dial(t, ctx, wsURL(hs.URL, DefaultKey), nil)

	cases := []struct{ send, want string }{
		{`this is not json`, `{"status_code":422,"description":"Unprocessable Entity","message":"Expecting a JSON object: invalid JSON at byte 2","extra_data":{}}`},
		{`{"task_id":"` + id + `"}`, `{"status_code":422,"description":"Unprocessable Entity","message":"text: field required","extra_data":{}}`},
		{`{"text":"hi"}`, `{"status_code":422,"description":"Unprocessable Entity","message":"task_id: field required","extra_data":{}}`},
		{`[1]`, `{"status_code":422,"description":"Unprocessable Entity","message":"value is not a valid dict","extra_data":{}}`},
		{`{"task_id":"000000000000000000000000","text":"hi"}`,
			`{"status_code":422,"description":"Unprocessable Entity","message":"Task not found","extra_data":{"task_id":"000000000000000000000000"}}`},
	}
	for _, tc := range cases {
		writeText(t, ctx, c, tc.send)
		f := readFrame(t, ctx, c)
		if f.kind != "error" {
			t.Fatalf("%s: got %s", tc.send, f.raw)
		}
		sameJSON(t, f.raw, tc.want)
	}
	if err := c.Write(ctx, websocket.MessageBinary, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if f := readFrame(t, ctx, c); f.kind != "error" {
		t.Fatalf("binary frame: got %s", f.raw)
	}
	if _, final := turn(t, ctx, c, id, "Show me your best sellers"); final.kind != "final" {
		t.Fatal("socket unusable after error frames")
	}
}

func TestWebSocketReplyStoredBeforeStreaming(t *testing.T) {
	srv, hs := newTestServer(t, Options{Pace: 50 * time.Millisecond})
	ctx := testCtx(t)
	id := createTask(t, hs.URL, "user_123")
	c := dial(t, ctx, wsURL(hs.URL, DefaultKey), nil)
	writeText(t, ctx, c, `{"task_id":"`+id+`","text":"Show me your best sellers"}`)
	if f := readFrame(t, ctx, c); f.kind != "stream" {
		t.Fatalf("first frame %s", f.raw)
	}
	// While the reply is still streaming, REST already has all of it.
	b := mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, "")
	var stored []struct{ Text string }
	_ = json.Unmarshal(b, &stored)
	if len(stored) != 2 || !strings.HasPrefix(stored[1].Text, "Here are our best sellers") {
		t.Fatalf("stored during streaming: %+v", stored)
	}

	// Closing the server ends the stream with "going away" instead of
	// finishing it.
	closed := make(chan error, 1)
	go func() { closed <- srv.Close() }()
	for {
		_, _, err := c.Read(ctx)
		if err == nil {
			continue
		}
		if websocket.CloseStatus(err) != websocket.StatusGoingAway {
			t.Errorf("socket ended with %v, want 1001", err)
		}
		break
	}
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("Close did not return")
	}
}

func TestSessionWithoutUpgrade(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	b := mustCall(t, http.StatusUpgradeRequired, "GET", hs.URL+"/api/v1/external/session?network_api_key="+DefaultKey, "", "")
	sameJSON(t, b, `{"detail":"This endpoint is a WebSocket; connect with a WebSocket client"}`)
}

func TestChunks(t *testing.T) {
	for _, s := range []string{"", "one", "  lead", "a b\n\n- **c** d\t e ", "héllo wörld ✓"} {
		got := chunks(s)
		if strings.Join(got, "") != s {
			t.Errorf("chunks(%q) = %q", s, got)
		}
		for _, c := range got[:max(len(got)-1, 0)] {
			if len(strings.Fields(c)) != 1 {
				t.Errorf("chunks(%q): chunk %q is not one word", s, c)
			}
		}
	}
}

func TestWebSocketStopsWhenClientLeaves(t *testing.T) {
	// With a slow pace a full reply would stream for minutes; a client that
	// leaves after the first word must free the handler at once, which
	// lets Close return.
	srv, hs := newTestServer(t, Options{Pace: 2 * time.Second})
	ctx := testCtx(t)
	id := createTask(t, hs.URL, "user_123")
	c := dial(t, ctx, wsURL(hs.URL, DefaultKey), nil)
	writeText(t, ctx, c, `{"task_id":"`+id+`","text":"Show me your best sellers"}`)
	if f := readFrame(t, ctx, c); f.kind != "stream" {
		t.Fatalf("first frame %s", f.raw)
	}
	_ = c.CloseNow()
	closed := make(chan error, 1)
	go func() { closed <- srv.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the handler kept streaming to a client that left")
	}
}
