package apitest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coder/websocket"
)

// reference finds aui-api.md: at $AUI_API_REFERENCE when set, else beside
// the project (shared/aui-api.md in a folder above this one), or "" in a
// clean clone without it.
func reference(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("AUI_API_REFERENCE"); p != "" {
		return p
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, "shared", "aui-api.md")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// squash drops all white space: the copies and the reference break their
// lines in different places.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// TestExamplesMatchTheReference checks the copies of the reference's
// examples against the reference itself, where it is at hand.
func TestExamplesMatchTheReference(t *testing.T) {
	path := reference(t)
	if path == "" {
		t.Skip("aui-api.md is not beside this checkout; the copies in examples.go stand alone")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := squash(string(b))
	verbatim := map[string]string{
		"§3.1 create task":           exampleCreateTask,
		"§3.4 G1 reply":              exampleG1Reply,
		"§4 stream envelope":         exampleStreamEnvelope,
		"§4 simplified stream":       exampleStreamSimple,
		"§5 401":                     errorUnauthorized,
		"§5 422":                     errorValidation,
		"§5 400 moderation":          errorModeration,
		"§5 500":                     errorServer,
		"§5 403":                     errorForbidden,
		"§3.4 G2 reply, after text":  exampleG2Reply[strings.Index(exampleG2Reply, `"sender"`):],
		"§3.4 G2 reply, id and time": exampleG2Reply[:strings.Index(exampleG2Reply, `"text"`)],
		"§6.2 Fern card":             `{"id":"prod_123","name":"Frigidaire Gallery Series GMBS3068BF","is_recommended":true,"parameters":[`,
		"§4 client frame text":       `"text":"I am looking for a built-in microwave with at least 20 liters capacity"`,
		"§9.2 Fern timestamp":        `"2025-11-12T14:03:46.984000"`,
		"§9.2 asyncapi timestamp":    `"2025-10-19 13:48:13.764000"`,
	}
	for name, want := range verbatim {
		if !strings.Contains(doc, squash(want)) {
			t.Errorf("%s is not the reference's text:\n%s", name, want)
		}
	}
}

func TestExamplesAreJSON(t *testing.T) {
	all := append([]string{exampleCreateTask, exampleListedTask, exampleEmptyTask, exampleStreamEnvelope,
		exampleStreamSimple, errorUnauthorized, errorValidation, errorModeration, errorServer, errorForbidden,
		errorNotFound}, exampleTranscript...)
	for _, s := range all {
		if !json.Valid([]byte(s)) {
			t.Errorf("not JSON: %s", s)
		}
	}
}

// call sends one request with key, and a JSON body unless body is "".
func call(t *testing.T, method, url, key, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("x-network-api-key", key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, url, key string) (int, string) {
	t.Helper()
	return call(t, http.MethodGet, url, key, "")
}

func post(t *testing.T, url, body string) (int, string) {
	t.Helper()
	return call(t, http.MethodPost, url, Key, body)
}

func TestServesOnlyTheDocumentedCalls(t *testing.T) {
	srv := httptest.NewServer(New(0))
	defer srv.Close()
	base := srv.URL + pathBase

	code, body := get(t, base+"/tasks?user_id="+UserID, Key)
	if code != 200 || !strings.Contains(body, `"welcome_message":null`) || !strings.Contains(body, `"total":2`) {
		t.Errorf("list: %d %s", code, body)
	}
	if code, body = get(t, base+"/tasks/"+TranscriptTaskID+"/messages", Key); code != 200 ||
		squash(body) != squash("["+strings.Join(exampleTranscript, ",")+"]") {
		t.Errorf("transcript: %d %s", code, body)
	}
	// The SDK-only task record and the other SDK calls are not served.
	for _, p := range []string{"/tasks/" + TranscriptTaskID, "/product-metadata?link=x", "/tasks/" + TranscriptTaskID + "/messages/x/trace-info"} {
		if code, body := get(t, base+p, Key); code != 404 || body != errorNotFound {
			t.Errorf("%s: %d %s", p, code, body)
		}
	}
	if code, body := get(t, base+"/tasks?user_id="+UserID, "wrong"); code != 401 || body != errorUnauthorized {
		t.Errorf("wrong key: %d %s", code, body)
	}
}

func TestErrorBodies(t *testing.T) {
	srv := httptest.NewServer(New(0))
	defer srv.Close()
	msg := srv.URL + pathBase + "/message?is_external_api=true"
	for _, c := range []struct {
		body string
		code int
		want string
	}{
		{`{"text":"hi"}`, 422, errorValidation},
		{`{"task_id":"` + TranscriptTaskID + `","text":"this is ` + FlagWord + `"}`, 400, errorModeration},
		{`{"task_id":"` + TranscriptTaskID + `","text":"` + FailWord + `"}`, 500, errorServer},
		{`{"task_id":"someone-elses","text":"hi"}`, 403, errorForbidden},
	} {
		if code, body := post(t, msg, c.body); code != c.code || body != c.want {
			t.Errorf("%s: %d %s, want %d %s", c.body, code, body, c.code, c.want)
		}
	}
	code, body := post(t, msg, `{"task_id":"`+EmptyTaskID+`","text":"hello"}`)
	if code != 200 || !strings.Contains(body, `"sender":{"id":"agent_abc123"`) {
		t.Errorf("reply: %d %s", code, body)
	}
	if _, tr := get(t, srv.URL+pathBase+"/tasks/"+EmptyTaskID+"/messages", Key); !strings.Contains(tr, `"text":"hello"`) {
		t.Errorf("the sent message is not in the transcript: %s", tr)
	}
}

func TestSessionStreamsBothShapes(t *testing.T) {
	srv := httptest.NewServer(New(0))
	defer srv.Close()
	ctx := context.Background()
	wsURL := "ws" + strings.TrimPrefix(srv.URL, "http") + pathBase + "/session?network_api_key="

	bad, _, err := websocket.Dial(ctx, wsURL+"wrong", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := bad.Read(ctx); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Errorf("wrong key: %v, want close 1008", err)
	}

	c, _, err := websocket.Dial(ctx, wsURL+Key, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	var shapes []string
	for i := 0; i < 2; i++ {
		c.Write(ctx, websocket.MessageText, []byte(`{"task_id":"`+EmptyTaskID+`","text":"more"}`))
		for {
			_, b, err := c.Read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var f map[string]json.RawMessage
			json.Unmarshal(b, &f)
			if _, ok := f["sender"]; ok {
				break
			}
			switch {
			case f["channel"] != nil:
				shapes = append(shapes, "envelope")
			case f["event"] != nil:
				shapes = append(shapes, "simple")
			}
		}
	}
	joined := strings.Join(shapes, " ")
	if !strings.Contains(joined, "envelope") || !strings.Contains(joined, "simple") {
		t.Errorf("stream shapes %q, want both", joined)
	}

	c.Write(ctx, websocket.MessageText, []byte(`{"task_id":"`+EmptyTaskID+`","text":"`+FlagWord+`"}`))
	if _, b, err := c.Read(ctx); err != nil || string(b) != errorModeration {
		t.Errorf("moderation frame %s, %v", b, err)
	}
	if _, _, err := c.Read(ctx); websocket.CloseStatus(err) != websocket.StatusPolicyViolation {
		t.Errorf("after the error frame: %v, want close 1008", err)
	}
}
