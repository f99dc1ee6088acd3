package api

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

// syncBuffer is a log destination written from the session's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func debugLogger(w *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// lineWith is the first log line containing every part.
func lineWith(log string, parts ...string) string {
next:
	for _, l := range strings.Split(log, "\n") {
		for _, p := range parts {
			if !strings.Contains(l, p) {
				continue next
			}
		}
		return l
	}
	return ""
}

func TestDebugLogRecordsRequestsRetriesAndTheSocketWithoutTheKey(t *testing.T) {
	f := newFake(t)
	var log syncBuffer
	c := f.client(WithLogger(debugLogger(&log)))

	failures := 1
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if failures > 0 && r.Method == "GET" && strings.HasSuffix(r.URL.Path, "/tasks") {
			failures--
			writeJSON(w, 503, `{"detail":"busy"}`)
			return true
		}
		return false
	})
	if _, err := c.ListTasks(context.Background(), "user_1", 1, 10); err != nil {
		t.Fatal(err)
	}
	f.setSocket(func(ctx context.Context, conn *websocket.Conn) {
		if _, ok := readTurn(ctx, t, conn); !ok {
			return
		}
		write(ctx, conn, simple("Hello"))
		write(ctx, conn, agentMessage("m1", "Hello there"))
		readTurn(ctx, t, conn)
	})
	s, rec, stop := run(t, c)
	rec.state(StateLive)
	if err := s.Send(context.Background(), "t1", "hi "+strings.Repeat("x", 1000), nil); err != nil {
		t.Fatal(err)
	}
	rec.final()
	stop()

	out := log.String()
	for _, want := range [][]string{
		{"msg=request", "method=GET", "path=\"/api/ia-controller/api/v1/external/tasks?", "status=503", "duration="},
		{"msg=retrying", "attempt=2"},
		{"msg=request", "method=GET", "status=200", "bytes="},
		{"msg=\"ws dial\"", "network_api_key=REDACTED", "X-Network-Api-Key: REDACTED"},
		{"msg=\"ws state\"", "state=live"},
		{"msg=\"ws frame out\"", "(1", "bytes)"},
		{"msg=\"ws frame in\"", "Hello there"},
		{"msg=request", "X-Network-Api-Key: REDACTED"},
	} {
		if lineWith(out, want...) == "" {
			t.Errorf("no log line with %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, testKey) {
		t.Fatalf("the key is in the debug log:\n%s", out)
	}
	if strings.Contains(out, "<nil>") || strings.Contains(out, " =") {
		t.Errorf("a request without an error logs an empty attribute:\n%s", out)
	}
}

func TestDebugLogRedactsTheKeyFromErrorsAndMessages(t *testing.T) {
	var log syncBuffer
	l := newLog(debugLogger(&log), testKey)
	l.Debug("failed "+testKey, "err", errors.New("dial wss://h/s?network_api_key="+testKey+": refused"),
		"url", "wss://h/s?x-network-api-key="+testKey, slog.Group("g", "v", testKey))
	l.With("k", testKey).Debug("with")
	out := log.String()
	if strings.Contains(out, testKey) {
		t.Fatalf("key leaked:\n%s", out)
	}
	if strings.Count(out, redacted) != 5 {
		t.Errorf("want 5 redactions, got:\n%s", out)
	}
}

func TestNoLoggerLogsNothing(t *testing.T) {
	f := newFake(t)
	c := f.client()
	if _, err := c.ListTasks(context.Background(), "u", 1, 10); err != nil {
		t.Fatal(err)
	}
	if c.log.Enabled(context.Background(), slog.LevelDebug) {
		t.Error("a client without WithLogger has debug logging on")
	}
}
