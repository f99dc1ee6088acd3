package api

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// assertNoKey fails when the key shows in err's text or in any error it
// wraps.
func assertNoKey(t *testing.T, err error) {
	t.Helper()
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), testKey) {
			t.Errorf("key in error text: %q", e.Error())
		}
	}
}

func TestNewValidatesBaseURL(t *testing.T) {
	for _, bad := range []string{"", "data-services.aui.io", "ftp://x/y", "https://", "https://u:p@x/", "https://x/?network_api_key=" + testKey, "https://x/#f", "://"} {
		_, err := New(WithBaseURL(bad))
		if err == nil {
			t.Errorf("New(%q) accepted", bad)
			continue
		}
		assertNoKey(t, err)
	}
	c, err := New(WithBaseURL(" https://data-services.aui.io/api/ia-controller/ "))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != BaseURLGCP || c.Host() != "data-services.aui.io" {
		t.Errorf("BaseURL %q Host %q", c.BaseURL(), c.Host())
	}
	def, _ := New()
	if def.BaseURL() != BaseURLGCP {
		t.Errorf("default base %q", def.BaseURL())
	}
	if _, err := New(WithAPIKey("bad key\x00")); err == nil {
		t.Error("a key with control characters was accepted")
	} else {
		assertNoKey(t, err)
	}
	if c, err := New(WithAPIKey(" " + testKey + "\n")); err != nil || c.key != testKey {
		t.Errorf("key not trimmed: %v", err)
	}
}

func TestRegionBaseURL(t *testing.T) {
	for region, want := range map[string]string{"gcp": BaseURLGCP, "Azure": BaseURLAzure, " GCP ": BaseURLGCP} {
		if got, err := RegionBaseURL(region); err != nil || got != want {
			t.Errorf("%q -> %q, %v", region, got, err)
		}
	}
	if _, err := RegionBaseURL("aws"); err == nil {
		t.Error("unknown region accepted")
	}
}

func TestSessionURL(t *testing.T) {
	for base, want := range map[string]string{
		"https://data-services.aui.io/api/ia-controller": "wss://data-services.aui.io/api/ia-controller/api/v1/external/session?network_api_key=k%2By",
		"http://127.0.0.1:8080":                          "ws://127.0.0.1:8080/api/v1/external/session?network_api_key=k%2By",
	} {
		c, _ := New(WithBaseURL(base), WithAPIKey("k+y"))
		if got := c.sessionURL(); got != want {
			t.Errorf("%s -> %s", base, got)
		}
	}
}

func TestEndpoints(t *testing.T) {
	f := newFake(t)
	c := f.client(WithUserAgent("aui-tui/test"))
	ctx := context.Background()

	task, err := c.CreateTask(ctx, "user_123")
	if err != nil {
		t.Fatal(err)
	}
	if task.ID != "68e78d0dc5a4b19a030d03d6" || task.UserID != "user_123" || task.WelcomeMessage != "Hi!" {
		t.Errorf("task = %+v", task)
	}
	r := f.last()
	if r.Method != "POST" || r.Path != prefix+"/api/v1/external/tasks" {
		t.Errorf("create: %s %s", r.Method, r.Path)
	}
	var body map[string]any
	_ = json.Unmarshal(r.Body, &body)
	if body["user_id"] != "user_123" || body["task_origin_type"] != "api" || len(body) != 2 {
		t.Errorf("create body = %s", r.Body)
	}
	if r.Header.Get("x-network-api-key") != testKey || r.Header.Get("Content-Type") != "application/json" || r.Header.Get("User-Agent") != "aui-tui/test" {
		t.Errorf("headers = %v", r.Header)
	}

	page, err := c.ListTasks(ctx, "user 123", 2, 5)
	if err != nil {
		t.Fatal(err)
	}
	if page.Page != 2 || page.Size != 5 || page.Total != 24 || len(page.Tasks) != 1 || page.Tasks[0].FollowupSuggestions == nil || page.Pages() != 5 {
		t.Errorf("page = %+v", page)
	}
	r = f.last()
	q, _ := url.ParseQuery(r.RawQuery)
	if r.Method != "GET" || r.Path != prefix+"/api/v1/external/tasks" || q.Get("user_id") != "user 123" || q.Get("page") != "2" || q.Get("size") != "5" {
		t.Errorf("list: %s %s ?%s", r.Method, r.Path, r.RawQuery)
	}
	if r.Header.Get("Content-Type") != "" || r.Header.Get("x-network-api-key") != testKey {
		t.Errorf("GET headers = %v", r.Header)
	}
	if _, err := c.ListTasks(ctx, "u", 0, 0); err != nil {
		t.Fatal(err)
	}
	if q, _ := url.ParseQuery(f.last().RawQuery); q.Get("page") != "1" || q.Get("size") != "10" {
		t.Errorf("defaults not applied: %s", f.last().RawQuery)
	}

	got, err := c.GetTask(ctx, "68e78d0dc5a4b19a030d03d6")
	if err != nil || got.ID != "68e78d0dc5a4b19a030d03d6" {
		t.Errorf("GetTask = %+v, %v", got, err)
	}
	if p := f.last().Path; p != prefix+"/api/v1/external/tasks/68e78d0dc5a4b19a030d03d6" {
		t.Errorf("get path %s", p)
	}

	// Ids are escaped into one path segment, never joined as paths.
	odd := "a/b c?d"
	f.setTranscript(odd, userMessageJSON("u1", "I need a microwave"), g1Message, g2Message)
	msgs, err := c.TaskMessages(ctx, odd)
	if err != nil {
		t.Fatal(err)
	}
	if p := f.last().Path; p != prefix+"/api/v1/external/tasks/a%2Fb%20c%3Fd/messages" {
		t.Errorf("messages path %s", p)
	}
	if len(msgs) != 3 || msgs[0].Sender.Type != ActorUser || msgs[2].ID != "507f1f77bcf86cd799439011" {
		t.Errorf("messages = %+v", msgs)
	}

	m, err := c.SendMessage(ctx, "t1", "I need a microwave", nil)
	if err != nil || m.Text != "echo: I need a microwave" || !m.FromAgent() {
		t.Fatalf("SendMessage = %+v, %v", m, err)
	}
	r = f.last()
	if r.Method != "POST" || r.Path != prefix+"/api/v1/external/message" || r.RawQuery != "is_external_api=true" || string(r.Body) != `{"task_id":"t1","text":"I need a microwave"}` {
		t.Errorf("send: %s %s?%s %s", r.Method, r.Path, r.RawQuery, r.Body)
	}
	mc := &MessageContext{URL: "https://example.com/products", LeadDetails: map[string]any{"budget_range": "300-500"}}
	if _, err := c.SendMessage(ctx, "t1", "hi", mc); err != nil {
		t.Fatal(err)
	}
	if b := string(f.last().Body); b != `{"task_id":"t1","text":"hi","context":{"url":"https://example.com/products","lead_details":{"budget_range":"300-500"}}}` {
		t.Errorf("send with context body = %s", b)
	}
}

func TestTranscriptEdgeCases(t *testing.T) {
	f := newFake(t)
	c := f.client()
	ctx := context.Background()
	f.mu.Lock()
	f.transcripts["empty"] = `null`
	f.transcripts["wrapped"] = `{"messages":[` + g2Message + `]}`
	f.transcripts["unordered"] = `[` + agentMessage("b", "second") + `,` + userMessageJSON("a", "first") + `]`
	f.mu.Unlock()
	if msgs, err := c.TaskMessages(ctx, "empty"); err != nil || msgs == nil || len(msgs) != 0 {
		t.Errorf("null transcript: %v %v", msgs, err)
	}
	if msgs, err := c.TaskMessages(ctx, "wrapped"); err != nil || len(msgs) != 1 {
		t.Errorf("wrapped transcript: %v %v", msgs, err)
	}
	// The server's order stands, whatever the times say.
	if msgs, err := c.TaskMessages(ctx, "unordered"); err != nil || len(msgs) != 2 || msgs[0].ID != "b" {
		t.Errorf("transcript not in the server's order: %+v %v", msgs, err)
	}
	for _, call := range []func() error{
		func() error { _, err := c.TaskMessages(ctx, " "); return err },
		func() error { _, err := c.GetTask(ctx, ""); return err },
		func() error { _, err := c.CreateTask(ctx, ""); return err },
		func() error { _, err := c.ListTasks(ctx, "", 1, 1); return err },
		func() error { _, err := c.SendMessage(ctx, "", "x", nil); return err },
		func() error { _, err := c.SendMessage(ctx, "t", "  ", nil); return err },
	} {
		if err := call(); !errors.Is(err, ErrValidation) {
			t.Errorf("empty argument: %v", err)
		}
	}
	f.mu.Lock()
	n := len(f.requests)
	f.mu.Unlock()
	if n != 3 {
		t.Errorf("invalid calls reached the server: %d requests", n)
	}
}

func TestErrorAnswers(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()

	_, err := f.client(WithAPIKey("API_KEY_WRONG")).ListTasks(ctx, "u", 1, 10)
	assertOnly(t, err, ErrUnauthorized)
	if err == nil || err.Error() != "The API key was rejected (401 Not authenticated)" {
		t.Errorf("wrong key: %v", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Errorf("not an *APIError: %T", err)
	}

	c := f.client()
	// The task record is optional: a 404 there says the server does not
	// offer it, never that the task is unknown.
	_, err = c.GetTask(ctx, "missing")
	if !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotFound) {
		t.Errorf("task record 404: %v", err)
	}

	// The fake answers 422 like FastAPI when task_id is missing.
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 422, `{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"}]}`)
		return true
	})
	_, err = c.SendMessage(ctx, "t1", "hi", nil)
	assertOnly(t, err, ErrValidation)
	if err == nil || err.Error() != "task_id: field required" {
		t.Errorf("422: %v", err)
	}

	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 400, `{"status_code":400,"description":"Content moderation triggered","message":"The message was flagged by content moderation.","extra_data":{"moderation_category":"harmful_content","flagged_text":"..."}}`)
		return true
	})
	_, err = c.SendMessage(ctx, "t1", "hi", nil)
	assertOnly(t, err, ErrBadRequest)
	if err == nil || err.Error() != "Content moderation triggered (harmful_content): The message was flagged by content moderation." {
		t.Errorf("400: %v", err)
	}

	// A server that echoes the key back never gets it into an error.
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 403, `{"status_code":403,"errors":["Key `+r.Header.Get("x-network-api-key")+` may not read this task"]}`)
		return true
	})
	_, err = c.GetTask(ctx, "t1")
	assertOnly(t, err, ErrForbidden)
	assertNoKey(t, err)

	// A proxy's page in a 200 answer.
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><title>Sign in to Wi-Fi</title></html>"))
		return true
	})
	_, err = c.ListTasks(ctx, "u", 1, 10)
	if !errors.Is(err, ErrBadReply) || !strings.Contains(err.Error(), "a web page instead of JSON") {
		t.Errorf("html 200: %v", err)
	}
}

func TestGETRetriesServerErrors(t *testing.T) {
	f := newFake(t)
	c := f.client()
	failures := 2
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		if failures > 0 {
			failures--
			writeJSON(w, 503, `<html><title>503 Service Unavailable</title></html>`)
			return true
		}
		return false
	})
	if _, err := c.ListTasks(context.Background(), "u", 1, 10); err != nil {
		t.Fatalf("after two 503s: %v", err)
	}
	if n := f.count("GET", "/tasks"); n != 3 {
		t.Errorf("GET tried %d times, want 3", n)
	}

	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 500, `{"status_code":500,"description":"Internal server error","message":"An unexpected error occurred.","extra_data":{}}`)
		return true
	})
	_, err := c.TaskMessages(context.Background(), "t1")
	assertOnly(t, err, ErrServer)
	if n := f.count("GET", "/messages"); n != 3 {
		t.Errorf("GET with lasting 500 tried %d times, want 3", n)
	}
	// 4xx answers are not retried.
	f.setBefore(nil)
	_, _ = c.GetTask(context.Background(), "missing")
	if n := f.count("GET", "/tasks/missing"); n != 1 {
		t.Errorf("404 tried %d times", n)
	}
}

func TestPOSTNeverRetries(t *testing.T) {
	f := newFake(t)
	c := f.client()
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, 502, `bad gateway`)
		return true
	})
	_, err := c.SendMessage(context.Background(), "t1", "hi", nil)
	assertOnly(t, err, ErrServer)
	_, err = c.CreateTask(context.Background(), "u")
	assertOnly(t, err, ErrServer)
	if n := f.count("POST", ""); n != 2 {
		t.Errorf("POSTs sent %d times, want 2 (one each)", n)
	}
}

func TestTimeout(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	defer close(release)
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-release:
		}
		return true
	})
	c := f.client(WithTimeout(50*time.Millisecond), WithSendTimeout(50*time.Millisecond))
	_, err := c.ListTasks(context.Background(), "u", 1, 10)
	assertOnly(t, err, ErrTimeout)
	assertNoKey(t, err)
	if err == nil || err.Error() != c.Host()+" did not answer in time" {
		t.Errorf("timeout text: %v", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("the deadline should be reachable with errors.Is")
	}
	_, err = c.SendMessage(context.Background(), "t", "x", nil)
	assertOnly(t, err, ErrTimeout)

	// A caller's own cancellation is passed through, not reported as a failure.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.client().GetTask(ctx, "t"); !errors.Is(err, context.Canceled) || errors.Is(err, ErrOffline) {
		t.Errorf("cancelled: %v", err)
	}
}

// refusedAddr is an address nothing listens on.
func refusedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestConnectionRefused(t *testing.T) {
	addr := refusedAddr(t)
	c, err := New(WithBaseURL("http://"+addr+prefix), WithAPIKey(testKey), WithRetry(2, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListTasks(context.Background(), "u", 1, 10)
	assertOnly(t, err, ErrOffline)
	assertNoKey(t, err)
	if err == nil || err.Error() != "cannot reach "+addr+": connection refused" {
		t.Errorf("refused: %v", err)
	}
	var ne *NetError
	if !errors.As(err, &ne) || ne.Host != addr || ne.Timeout() {
		t.Errorf("not a NetError: %#v", err)
	}
	// The session's dial puts the key in the URL; its error must not show it.
	_, fatal, err := c.NewSession(nil).dial(context.Background())
	assertOnly(t, err, ErrOffline)
	assertNoKey(t, err)
	if fatal {
		t.Error("an unreachable host is worth retrying")
	}
}

func TestUnknownHost(t *testing.T) {
	c, _ := New(WithBaseURL("http://no-such-host.invalid"), WithRetry(1, 0, 0))
	_, err := c.GetTask(context.Background(), "t")
	assertOnly(t, err, ErrOffline)
	if err == nil || !strings.HasPrefix(err.Error(), "cannot reach no-such-host.invalid: host name") {
		t.Errorf("unknown host: %v", err)
	}
}

func TestKeepAliveReusesConnection(t *testing.T) {
	f := newFake(t)
	c := f.client()
	for range 5 {
		if _, err := c.GetTask(context.Background(), "t1"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.newConn.Load(); n != 1 {
		t.Errorf("%d connections opened for 5 calls, want 1", n)
	}
}

func TestRedirectToOtherHostDropsKey(t *testing.T) {
	other := newFake(t)
	f := newFake(t)
	f.setBefore(func(w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, other.srv.URL+r.URL.Path, http.StatusTemporaryRedirect)
		return true
	})
	// 127.0.0.1 and localhost are different hosts to the client.
	f2 := strings.Replace(f.srv.URL, "127.0.0.1", "localhost", 1)
	c, err := New(WithBaseURL(f2+prefix), WithAPIKey(testKey), WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTask(context.Background(), "t1")
	assertOnly(t, err, ErrUnauthorized) // the other host never saw the key
	if got := other.last().Header.Get("x-network-api-key"); got != "" {
		t.Errorf("key forwarded to another host: %q", got)
	}
}
