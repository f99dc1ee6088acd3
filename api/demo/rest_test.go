package demo

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	reObjectID  = regexp.MustCompile(`^[0-9a-f]{24}$`)
	reUUID4     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	reG2Time    = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	messageKeys = []string{"created_at", "followup_suggestions", "id", "options", "receiver", "sender", "text", "variants_options"}
	taskKeys    = []string{"followup_suggestions", "id", "title", "user_id", "welcome_message"}
)

func TestCreateTaskShape(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	b := mustCall(t, 200, "POST", hs.URL+"/api/v1/external/tasks", DefaultKey,
		`{"user_id":"user_123","task_origin_type":"api","agent":{"name":"x"}}`)
	if got := keysOf(t, b); !reflect.DeepEqual(got, taskKeys) {
		t.Errorf("keys %v, want %v", got, taskKeys)
	}
	var task struct {
		ID, UserID, Title, WelcomeMessage string
		FollowupSuggestions               []string
	}
	var raw map[string]any
	_ = json.Unmarshal(b, &raw)
	task.ID, _ = raw["id"].(string)
	if !reObjectID.MatchString(task.ID) {
		t.Errorf("id %q is not a 24-hex ObjectId", task.ID)
	}
	delete(raw, "id")
	want := `{"user_id":"user_123","title":"New Conversation",
	  "welcome_message":"Hi! I'm here to help you find the perfect product. What are you looking for today?",
	  "followup_suggestions":["Show me your best sellers","I need help choosing a product","What's on sale right now?"]}`
	rb, _ := json.Marshal(raw)
	sameJSON(t, rb, want)
}

func TestCreateTaskValidation(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	url := hs.URL + "/api/v1/external/tasks"
	cases := []struct{ name, body, want string }{
		{"missing user_id", `{}`,
			`{"detail":[{"loc":["body","user_id"],"msg":"field required","type":"value_error.missing"}]}`},
		{"null user_id", `{"user_id":null}`,
			`{"detail":[{"loc":["body","user_id"],"msg":"field required","type":"value_error.missing"}]}`},
		{"number user_id", `{"user_id":42}`,
			`{"detail":[{"loc":["body","user_id"],"msg":"str type expected","type":"type_error.str"}]}`},
		{"empty user_id", `{"user_id":""}`,
			`{"detail":[{"loc":["body","user_id"],"msg":"ensure this value has at least 1 characters","type":"value_error.any_str.min_length"}]}`},
		{"array body", `[1,2]`,
			`{"detail":[{"loc":["body"],"msg":"value is not a valid dict","type":"type_error.dict"}]}`},
		{"bad json", `{"user_id":`,
			`{"detail":[{"loc":["body"],"msg":"Expecting a JSON object: invalid JSON at byte 11","type":"value_error.jsondecode"}]}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := mustCall(t, 422, "POST", url, DefaultKey, c.body)
			sameJSON(t, b, c.want)
		})
	}
	t.Run("no body", func(t *testing.T) {
		req, _ := http.NewRequest("POST", url, nil)
		req.Header.Set("x-network-api-key", DefaultKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			Detail []fieldError `json:"detail"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body)
		if resp.StatusCode != 422 || len(body.Detail) != 1 || body.Detail[0].Type != "value_error.missing" {
			t.Errorf("status %d, body %+v", resp.StatusCode, body)
		}
	})
}

func TestAuthentication(t *testing.T) {
	_, hs := newTestServer(t, Options{Key: "s3cret"})
	endpoints := []struct{ method, path, body string }{
		{"POST", "/api/v1/external/tasks", `{"user_id":"u"}`},
		{"GET", "/api/v1/external/tasks?user_id=u", ""},
		{"GET", "/api/v1/external/tasks/68e78d0dc5a4b19a030d03d6", ""},
		{"GET", "/api/v1/external/tasks/68e78d0dc5a4b19a030d03d6/messages", ""},
		{"POST", "/api/v1/external/message", `{"task_id":"x","text":"hi"}`},
	}
	for _, e := range endpoints {
		for _, key := range []string{"", "wrong", DefaultKey} {
			b := mustCall(t, 401, e.method, hs.URL+e.path, key, e.body)
			sameJSON(t, b, `{"detail":"Not authenticated"}`)
		}
	}
	mustCall(t, 200, "POST", hs.URL+"/api/v1/external/tasks", "s3cret", `{"user_id":"u"}`)
}

func TestUnknownPathAndMethod(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	for _, p := range []string{"/", "/api/v1/external/nope", "/api/v1/external/tasks/", "/api/v1/external/tasks/x/other", "/api/openapi.json"} {
		b := mustCall(t, 404, "GET", hs.URL+p, "", "")
		sameJSON(t, b, `{"detail":"Not Found"}`)
	}
	req, _ := http.NewRequest("DELETE", hs.URL+"/api/v1/external/tasks", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, POST" {
		t.Errorf("DELETE tasks: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	b := mustCall(t, 405, "GET", hs.URL+"/api/v1/external/message", DefaultKey, "")
	sameJSON(t, b, `{"detail":"Method Not Allowed"}`)
	b = mustCall(t, 405, "POST", hs.URL+"/api/v1/external/tasks/abc", DefaultKey, `{}`)
	sameJSON(t, b, `{"detail":"Method Not Allowed"}`)
}

func TestHostedPathPrefixes(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	for _, prefix := range []string{"/api/ia-controller", "/ia-controller"} {
		b := mustCall(t, 200, "GET", hs.URL+prefix+"/api/v1/external/tasks?user_id=nobody", DefaultKey, "")
		sameJSON(t, b, `{"tasks":[],"total":0,"page":1,"size":10}`)
	}
}

func TestListTasks(t *testing.T) {
	var mu sync.Mutex
	tick := fixedNow
	clock := func() time.Time { // each call a second later, so creation order is clear
		mu.Lock()
		defer mu.Unlock()
		tick = tick.Add(time.Second)
		return tick
	}
	_, hs := newTestServer(t, Options{Now: clock})
	var ids []string
	for i := 0; i < 13; i++ {
		ids = append(ids, createTask(t, hs.URL, "lister"))
	}
	createTask(t, hs.URL, "someone_else")
	list := func(query string) (page struct {
		Tasks []struct {
			ID     string `json:"id"`
			UserID string `json:"user_id"`
		} `json:"tasks"`
		Total int `json:"total"`
		Page  int `json:"page"`
		Size  int `json:"size"`
	}) {
		b := mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks?"+query, DefaultKey, "")
		if got := keysOf(t, b); !reflect.DeepEqual(got, []string{"page", "size", "tasks", "total"}) {
			t.Errorf("keys %v", got)
		}
		if err := json.Unmarshal(b, &page); err != nil {
			t.Fatal(err)
		}
		return page
	}
	p := list("user_id=lister")
	if p.Total != 13 || p.Page != 1 || p.Size != 10 || len(p.Tasks) != 10 {
		t.Fatalf("defaults: total %d page %d size %d len %d", p.Total, p.Page, p.Size, len(p.Tasks))
	}
	if p.Tasks[0].ID != ids[12] || p.Tasks[9].ID != ids[3] {
		t.Errorf("not newest first: %v", p.Tasks)
	}
	p = list("user_id=lister&page=2&size=10")
	if len(p.Tasks) != 3 || p.Tasks[2].ID != ids[0] || p.Tasks[0].UserID != "lister" {
		t.Errorf("page 2: %+v", p)
	}
	p = list("user_id=lister&page=3&size=5")
	if len(p.Tasks) != 3 || p.Page != 3 || p.Size != 5 {
		t.Errorf("page 3 of 5: %+v", p)
	}
	p = list("user_id=lister&page=9")
	if len(p.Tasks) != 0 || p.Total != 13 {
		t.Errorf("past the end: %+v", p)
	}
	// (page-1)*size used to overflow into a negative skip: page 1 again.
	if p = list("user_id=lister&page=9223372036854775807&size=100"); len(p.Tasks) != 0 {
		t.Errorf("the largest page number: %d tasks, want none", len(p.Tasks))
	}
	if p = list("user_id=lister&size=1000"); p.Size != 100 || len(p.Tasks) != 13 {
		t.Errorf("size not bounded to 100: %+v", p)
	}
	if p = list("user_id=lister&size=0&page=0"); p.Size != 1 || p.Page != 1 || len(p.Tasks) != 1 {
		t.Errorf("size/page not bounded below: %+v", p)
	}

	b := mustCall(t, 422, "GET", hs.URL+"/api/v1/external/tasks", DefaultKey, "")
	sameJSON(t, b, `{"detail":[{"loc":["query","user_id"],"msg":"field required","type":"value_error.missing"}]}`)
	b = mustCall(t, 422, "GET", hs.URL+"/api/v1/external/tasks?user_id=lister&page=two", DefaultKey, "")
	sameJSON(t, b, `{"detail":[{"loc":["query","page"],"msg":"value is not a valid integer","type":"type_error.integer"}]}`)
	b = mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks?user_id=nobody", DefaultKey, "")
	sameJSON(t, b, `{"tasks":[],"total":0,"page":1,"size":10}`)
}

func TestGetTaskAndMessages(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	id := createTask(t, hs.URL, "user_123")

	b := mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id, DefaultKey, "")
	if got := keysOf(t, b); !reflect.DeepEqual(got, taskKeys) {
		t.Errorf("task keys %v", got)
	}
	b = mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, "")
	sameJSON(t, b, `[]`)

	for _, p := range []string{"/api/v1/external/tasks/000000000000000000000000", "/api/v1/external/tasks/000000000000000000000000/messages"} {
		b := mustCall(t, 404, "GET", hs.URL+p, DefaultKey, "")
		sameJSON(t, b, `{"detail":"Task not found"}`)
	}

	reply := send(t, hs.URL, id, "I need a built-in microwave, 20 l or more")
	send(t, hs.URL, id, "Show me cheaper options")

	b = mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, "")
	var msgs []json.RawMessage
	if err := json.Unmarshal(b, &msgs); err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 4 {
		t.Fatalf("%d messages, want 4", len(msgs))
	}
	wantSender := []string{"user", "agent", "user", "agent"}
	for i, raw := range msgs {
		if got := keysOf(t, raw); !reflect.DeepEqual(got, messageKeys) {
			t.Errorf("message %d keys %v", i, got)
		}
		var m struct {
			ID, CreatedAt, Text string
			Sender, Receiver    struct {
				ID, Type string
				Email    *string
			}
		}
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(raw, &fields)
		_ = json.Unmarshal(fields["id"], &m.ID)
		_ = json.Unmarshal(fields["created_at"], &m.CreatedAt)
		_ = json.Unmarshal(fields["sender"], &m.Sender)
		_ = json.Unmarshal(fields["receiver"], &m.Receiver)
		if !reUUID4.MatchString(m.ID) || !reG2Time.MatchString(m.CreatedAt) {
			t.Errorf("message %d: id %q created_at %q", i, m.ID, m.CreatedAt)
		}
		if m.Sender.Type != wantSender[i] {
			t.Errorf("message %d sender %+v", i, m.Sender)
		}
		if string(fields["sender"]) != map[string]string{
			"user":  `{"id":"user_123","type":"user","email":null}`,
			"agent": `{"id":"intelligent-agent","type":"agent","email":null}`,
		}[wantSender[i]] {
			t.Errorf("message %d sender JSON %s", i, fields["sender"])
		}
	}
	sameJSON(t, msgs[1], string(reply))
	if !strings.Contains(string(msgs[0]), `"text":"I need a built-in microwave, 20 l or more"`) {
		t.Errorf("first message is not the user's: %s", msgs[0])
	}
}

func TestSendMessage(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	id := createTask(t, hs.URL, "user_123")
	url := hs.URL + "/api/v1/external/message"

	b := send(t, hs.URL, id, "I need a built-in microwave, 20 l or more")
	if got := keysOf(t, b); !reflect.DeepEqual(got, messageKeys) {
		t.Errorf("reply keys %v, want %v", got, messageKeys)
	}
	if !strings.Contains(string(b), `"sender":{"id":"intelligent-agent","type":"agent","email":null}`) ||
		!strings.Contains(string(b), `"receiver":{"id":"user_123","type":"user","email":null}`) {
		t.Errorf("parties: %s", b)
	}
	title := func() string {
		var task struct{ Title string }
		_ = json.Unmarshal(mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id, DefaultKey, ""), &task)
		return task.Title
	}
	if got := title(); got != "Built-in microwave" {
		t.Errorf("title after first message %q", got)
	}
	send(t, hs.URL, id, "Espresso machine under $400")
	if got := title(); got != "Built-in microwave" {
		t.Errorf("title changed by a later message: %q", got)
	}

	b = mustCall(t, 422, "POST", url, DefaultKey, `{}`)
	sameJSON(t, b, `{"detail":[{"loc":["body","task_id"],"msg":"field required","type":"value_error.missing"},
		{"loc":["body","text"],"msg":"field required","type":"value_error.missing"}]}`)
	b = mustCall(t, 422, "POST", url, DefaultKey, `{"task_id":"`+id+`"}`)
	sameJSON(t, b, `{"detail":[{"loc":["body","text"],"msg":"field required","type":"value_error.missing"}]}`)
	b = mustCall(t, 422, "POST", url, DefaultKey, `{"task_id":"`+id+`","text":"hi","context":"nope"}`)
	sameJSON(t, b, `{"detail":[{"loc":["body","context"],"msg":"value is not a valid dict","type":"type_error.dict"}]}`)
	b = mustCall(t, 404, "POST", url, DefaultKey, `{"task_id":"000000000000000000000000","text":"hi"}`)
	sameJSON(t, b, `{"detail":"Task not found"}`)

	// The documented context is accepted; its budget range guides the search.
	b = mustCall(t, 200, "POST", url+"?is_external_api=true", DefaultKey, `{"task_id":"`+id+`","text":"Show me fridges",
		"context":{"url":"https://example.com/products","lead_details":{"customer_type":"residential","budget_range":"300-1000"}}}`)
	if !strings.Contains(string(b), "between $300 and $1,000") {
		t.Errorf("budget_range from context not used: %s", firstLine(b))
	}
}

func TestClosedServerRefuses(t *testing.T) {
	srv, hs := newTestServer(t, Options{})
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	b := mustCall(t, 503, "GET", hs.URL+"/api/v1/external/tasks?user_id=u", DefaultKey, "")
	sameJSON(t, b, `{"detail":"The demo server is shutting down"}`)
}

// firstLine is the start of a reply's text, for failure messages.
func firstLine(b []byte) string {
	var m struct{ Text string }
	_ = json.Unmarshal(b, &m)
	line, _, _ := strings.Cut(m.Text, "\n")
	return fmt.Sprintf("%.120s", line)
}

func TestConcurrentTurnsStayPaired(t *testing.T) {
	_, hs := newTestServer(t, Options{})
	id := createTask(t, hs.URL, "busy")
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Only non-fatal checks here: FailNow must not run off the test goroutine.
			for i := 0; i < 4; i++ {
				text := []string{"Show me microwaves", "Show me cheaper options", "Compare the top two"}[i%3]
				req, _ := http.NewRequest("POST", hs.URL+"/api/v1/external/message", strings.NewReader(`{"task_id":"`+id+`","text":"`+text+`"}`))
				req.Header.Set("x-network-api-key", DefaultKey)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("send: status %d", resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	var msgs []struct {
		Sender struct{ Type string } `json:"sender"`
	}
	_ = json.Unmarshal(mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, ""), &msgs)
	if len(msgs) != 48 {
		t.Fatalf("%d messages, want 48", len(msgs))
	}
	for i, m := range msgs {
		if want := []string{"user", "agent"}[i%2]; m.Sender.Type != want {
			t.Fatalf("message %d from %s: turns interleaved", i, m.Sender.Type)
		}
	}
}
