package demo

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// fixedNow is the clock of test servers, so ids and timestamps are stable.
var fixedNow = time.Date(2026, 3, 9, 14, 22, 1, 0, time.UTC)

// newTestServer starts a demo server on loopback with a temporary store.
func newTestServer(t testing.TB, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return fixedNow }
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv, hs
}

// storeIn returns a store path inside a test's temporary folder.
func storeIn(t testing.TB) string {
	return filepath.Join(t.TempDir(), "state", "demo.db")
}

// call makes a curl-like request and returns the status and body.
func call(t testing.TB, method, url, key, body string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("x-network-api-key", key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusSwitchingProtocols && ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, url, ct)
	}
	return resp.StatusCode, b
}

// mustCall is call that expects a status.
func mustCall(t testing.TB, want int, method, url, key, body string) []byte {
	t.Helper()
	got, b := call(t, method, url, key, body)
	if got != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, url, got, want, b)
	}
	return b
}

// sameJSON compares two JSON documents ignoring formatting and key order.
func sameJSON(t testing.TB, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Errorf("body\n got %s\nwant %s", gb, wb)
	}
}

// keysOf lists an object's keys, sorted.
func keysOf(t testing.TB, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not an object: %s", raw)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// createTask makes a task over REST and returns its id.
func createTask(t testing.TB, base, user string) string {
	t.Helper()
	b := mustCall(t, 200, "POST", base+"/api/v1/external/tasks", DefaultKey, `{"user_id":"`+user+`"}`)
	var task struct{ ID string }
	if err := json.Unmarshal(b, &task); err != nil || task.ID == "" {
		t.Fatalf("create task: %s", b)
	}
	return task.ID
}

// send posts a message over REST and returns the raw reply.
func send(t testing.TB, base, taskID, text string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"task_id": taskID, "text": text})
	return mustCall(t, 200, "POST", base+"/api/v1/external/message?is_external_api=true", DefaultKey, string(body))
}

// createTask2 makes a task on a server with a custom key.
func createTask2(t testing.TB, base, key string) string {
	t.Helper()
	b := mustCall(t, 200, "POST", base+"/api/v1/external/tasks", key, `{"user_id":"u"}`)
	var task struct{ ID string }
	_ = json.Unmarshal(b, &task)
	return task.ID
}

// newServerOn serves an existing Server on loopback.
func newServerOn(t testing.TB, srv *Server) *httptest.Server {
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs
}
