package record

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	secretKey = "API_KEY_01K92N5BD5M7239VRK7YTK4Y6N"
	realUser  = "alice@example.com"
)

// echo answers with a JSON body naming the user, as the tasks endpoint does.
func echo(t *testing.T) *httptest.Server {
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"tasks":[{"id":"t1","user_id":"`+r.URL.Query().Get("user_id")+`","title":"Hi"}],"total":1}`)
	}))
	t.Cleanup(hs.Close)
	return hs
}

// recordCall records one REST call, one frame each way and a key, and
// returns the file's text.
func recordCall(t *testing.T, keep bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.jsonl")
	r, err := Create(path, Options{Key: secretKey, User: realUser, KeepUser: keep, BasePath: "/base"})
	if err != nil {
		t.Fatal(err)
	}
	hs := echo(t)
	c := &http.Client{Transport: r.Transport(http.DefaultTransport)}
	req, _ := http.NewRequest("GET", hs.URL+"/base/api/v1/external/tasks?user_id="+realUser+"&page=1", nil)
	req.Header.Set("x-network-api-key", secretKey)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), realUser) {
		t.Errorf("the program got %s: the recorder changed the answer", b)
	}
	r.Frame(true, []byte(`{"task_id":"t1","text":"my key is `+secretKey+`"}`))
	r.Frame(false, []byte(`{"id":"m1","text":"hello","sender":{"id":"agent","type":"agent"},"receiver":{"id":"`+realUser+`","type":"user"}}`))
	r.Key(Key{Code: 'a', Text: "a"})
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("recording is %v, want 0600", fi.Mode().Perm())
	}
	out, _ := os.ReadFile(path)
	return string(out)
}

func TestRecordingHoldsNeitherKeyNorUser(t *testing.T) {
	out := recordCall(t, false)
	for _, secret := range []string{secretKey, realUser, "alice%40example.com"} {
		if strings.Contains(out, secret) {
			t.Errorf("recording contains %q:\n%s", secret, out)
		}
	}
	if strings.Count(out, PlaceholderUser) < 3 {
		t.Errorf("user not replaced by the placeholder in start line, query and bodies:\n%s", out)
	}
	rec, err := Read(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	kinds := ""
	for _, e := range rec.Entries {
		kinds += e.Kind + " "
	}
	if kinds != "http sent frame key " || rec.Start.User != PlaceholderUser {
		t.Errorf("entries %q, user %q", kinds, rec.Start.User)
	}
	if h := rec.Entries[0]; h.Path != "/api/v1/external/tasks" || h.Status != 200 || !strings.Contains(h.Query, "page=1") {
		t.Errorf("http entry %+v", h)
	}
}

func TestRecordUserKeepsTheUserButNeverTheKey(t *testing.T) {
	out := recordCall(t, true)
	if strings.Contains(out, secretKey) {
		t.Errorf("recording contains the key:\n%s", out)
	}
	if !strings.Contains(out, realUser) || strings.Contains(out, PlaceholderUser) {
		t.Errorf("user not kept:\n%s", out)
	}
}

func TestReadRejectsWhatIsNotARecording(t *testing.T) {
	for text, want := range map[string]string{
		"":                               "empty",
		`{"kind":"key"}`:                 "not an aui-tui recording",
		"{\"kind\":\"start\"}\nnot json": "line 2",
		`{"kind":"start","version":99}`:  "update it",
	} {
		_, err := Read(strings.NewReader(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one about %q", text, err, want)
		}
	}
}

func TestServerAnswersCallsInRecordedOrder(t *testing.T) {
	rec := &Recording{Entries: []Entry{
		{Kind: KindHTTP, Method: "GET", Path: "/p", Query: "page=1", Status: 200, Resp: []byte(`{"n":1}`)},
		{Kind: KindHTTP, Method: "GET", Path: "/p", Query: "page=2", Status: 200, Resp: []byte(`{"n":2}`)},
		{Kind: KindHTTP, Method: "GET", Path: "/p", Query: "page=1", Status: 200, Resp: []byte(`{"n":3}`)},
		{Kind: KindHTTP, Method: "POST", Path: "/q", Status: 500, Resp: []byte(`"plain text"`)},
	}}
	hs := httptest.NewServer(NewServer(rec, 1))
	defer hs.Close()
	get := func(method, path string) (int, string) {
		req, _ := http.NewRequest(method, hs.URL+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct {
		method, path string
		code         int
		body         string
	}{
		{"GET", "/p?page=2", 200, `{"n":2}`},
		{"GET", "/p?page=1", 200, `{"n":1}`},
		{"GET", "/p?page=1", 200, `{"n":3}`},
		{"GET", "/p?page=1", 200, `{"n":3}`}, // asked again: the last answer
		{"POST", "/q", 500, "plain text"},
		{"GET", "/nowhere", 404, `{"detail":"Not found in the recording"}`},
	} {
		if code, body := get(c.method, c.path); code != c.code || body != c.body {
			t.Errorf("%s %s: %d %s, want %d %s", c.method, c.path, code, body, c.code, c.body)
		}
	}
}

// TestRecordingEscapesControls: a frame holding raw C1 and bidi characters
// is written with them escaped.
func TestRecordingEscapesControls(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.jsonl")
	r, err := Create(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Frame(false, []byte("{\"id\":\"m1\",\"text\":\"a\u009b2J\u202eb\x7f\"}"))
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(path)
	for _, c := range []string{"\u009b", "\u202e", "\x7f"} {
		if strings.Contains(string(out), c) {
			t.Fatalf("recording holds raw %q:\n%q", c, out)
		}
	}
}
