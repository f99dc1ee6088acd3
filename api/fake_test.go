package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// testKey looks like a real key so a leak would be easy to spot.
const testKey = "API_KEY_01K92N5BD5M7239VRK7YTK4Y6N"

// prefix is the documented base path; the fake serves under it so the tests
// also check how the client joins base and endpoint paths.
const prefix = "/api/ia-controller"

// recorded is one request the fake received.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// fakeAPI is a small in-test AUI server: the documented REST endpoints and
// WebSocket session with its auth rules, plus hooks to script failures.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu          sync.Mutex
	requests    []recorded
	transcripts map[string]string // task id -> JSON array

	// before, when set, sees every request first and may answer it itself.
	before func(w http.ResponseWriter, r *http.Request) bool
	// socket runs for each accepted WebSocket after the key check.
	socket  func(ctx context.Context, c *websocket.Conn)
	sockets atomic.Int32
	newConn atomic.Int32
}

func newFake(t *testing.T) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, transcripts: map[string]string{}}
	mux := http.NewServeMux()
	base := prefix + "/api/v1/external"
	mux.HandleFunc("POST "+base+"/tasks", f.createTask)
	mux.HandleFunc("GET "+base+"/tasks", f.listTasks)
	mux.HandleFunc("GET "+base+"/tasks/{id}", f.getTask)
	mux.HandleFunc("GET "+base+"/tasks/{id}/messages", f.taskMessages)
	mux.HandleFunc("POST "+base+"/message", f.sendMessage)
	mux.HandleFunc("GET "+base+"/session", f.session)
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.Method, r.URL.EscapedPath(), r.URL.RawQuery, r.Header.Clone(), body})
		before := f.before
		f.mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		if before != nil && before(w, r) {
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/session") && r.Header.Get("x-network-api-key") != testKey {
			writeJSON(w, 401, `{"detail":"Not authenticated"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	f.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.newConn.Add(1)
		}
	}
	f.srv.Start()
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) client(opts ...Option) *Client {
	f.t.Helper()
	all := append([]Option{
		WithBaseURL(f.srv.URL + prefix),
		WithAPIKey(testKey),
		WithRetry(3, time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := New(all...)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

func (f *fakeAPI) setBefore(h func(w http.ResponseWriter, r *http.Request) bool) {
	f.mu.Lock()
	f.before = h
	f.mu.Unlock()
}

func (f *fakeAPI) setSocket(script func(ctx context.Context, c *websocket.Conn)) {
	f.mu.Lock()
	f.socket = script
	f.mu.Unlock()
}

func (f *fakeAPI) setTranscript(taskID string, msgs ...string) {
	f.mu.Lock()
	f.transcripts[taskID] = "[" + strings.Join(msgs, ",") + "]"
	f.mu.Unlock()
}

// count is how many requests matched method and path.
func (f *fakeAPI) count(method, pathSuffix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.Method == method && strings.HasSuffix(r.Path, pathSuffix) {
			n++
		}
	}
	return n
}

func (f *fakeAPI) last() recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1]
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (f *fakeAPI) createTask(w http.ResponseWriter, r *http.Request) {
	var in struct {
		UserID string `json:"user_id"`
	}
	if json.NewDecoder(r.Body).Decode(&in) != nil || in.UserID == "" {
		writeJSON(w, 422, `{"detail":[{"loc":["body","user_id"],"msg":"field required","type":"value_error.missing"}]}`)
		return
	}
	writeJSON(w, 200, fmt.Sprintf(`{"id":"68e78d0dc5a4b19a030d03d6","user_id":%q,"title":"New Conversation","welcome_message":"Hi!","followup_suggestions":["Show me your best sellers"]}`, in.UserID))
}

func (f *fakeAPI) listTasks(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	writeJSON(w, 200, fmt.Sprintf(`{"tasks":[{"id":"t1","user_id":%q,"title":"Microwave search","welcome_message":null,"followup_suggestions":null}],"total":24,"page":%s,"size":%s}`,
		q.Get("user_id"), q.Get("page"), q.Get("size")))
}

func (f *fakeAPI) getTask(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if id == "missing" {
		writeJSON(w, 404, `{"detail":"Task not found"}`)
		return
	}
	writeJSON(w, 200, fmt.Sprintf(`{"id":%q,"user_id":"u","title":"T"}`, id))
}

func (f *fakeAPI) taskMessages(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	body, ok := f.transcripts[r.PathValue("id")]
	f.mu.Unlock()
	if !ok {
		writeJSON(w, 404, `{"detail":"Task not found"}`)
		return
	}
	writeJSON(w, 200, body)
}

func (f *fakeAPI) sendMessage(w http.ResponseWriter, r *http.Request) {
	var in userMessage
	_ = json.NewDecoder(r.Body).Decode(&in)
	if in.TaskID == "" {
		writeJSON(w, 422, `{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}`)
		return
	}
	writeJSON(w, 200, agentMessage("rest-"+in.TaskID, "echo: "+in.Text))
}

// session accepts the WebSocket and, like the real server, closes it with
// 1008 at once when the key is wrong.
func (f *fakeAPI) session(w http.ResponseWriter, r *http.Request) {
	f.sockets.Add(1)
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	if r.URL.Query().Get("network_api_key") != testKey {
		c.Close(websocket.StatusPolicyViolation, "Invalid API key")
		return
	}
	f.mu.Lock()
	script := f.socket
	f.mu.Unlock()
	if script != nil {
		script(r.Context(), c)
		return
	}
	// Default: keep the socket open until the client leaves.
	for {
		if _, _, err := c.Read(r.Context()); err != nil {
			return
		}
	}
}

func agentMessage(id, text string) string {
	b, _ := json.Marshal(text)
	return fmt.Sprintf(`{"id":%q,"created_at":"2025-10-09 12:26:07.576000","text":%s,"sender":{"id":"intelligent-agent","type":"agent","email":null},"receiver":{"id":"u","type":"user","email":null},"options":[],"variants_options":[],"followup_suggestions":["More?"]}`, id, b)
}

func userMessageJSON(id, text string) string {
	b, _ := json.Marshal(text)
	return fmt.Sprintf(`{"id":%q,"created_at":"2025-10-09 12:26:00.000000","text":%s,"sender":{"id":"u","type":"user","email":null},"receiver":{"id":"intelligent-agent","type":"agent","email":null},"options":[],"variants_options":[],"followup_suggestions":[]}`, id, b)
}
