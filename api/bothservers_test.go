package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/apitest"
	"aui-tui/api/demo"
)

// server is one backend the client is checked against: the demo, and the
// docs-conformance server. The same client code must behave the same on
// both; a difference is a bug in one of them.
type server struct {
	name    string
	start   func(t *testing.T) http.Handler
	key     string
	user    string
	message string // a user message the server answers
}

var servers = []server{
	{"demo", func(t *testing.T) http.Handler {
		srv, err := demo.New(demo.Options{Seed: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { srv.Close() })
		return srv
	}, demo.DefaultKey, demo.DefaultUserID, "I need a built-in microwave, 20 l or more"},
	{"documented examples", func(t *testing.T) http.Handler { return apitest.New(0) },
		apitest.Key, apitest.UserID, "I am looking for a built-in microwave"},
}

func (s server) serve(t *testing.T) string {
	t.Helper()
	hs := httptest.NewServer(s.start(t))
	t.Cleanup(hs.Close)
	return hs.URL
}

func client(t *testing.T, base, key string) *api.Client {
	t.Helper()
	c, err := api.New(api.WithBaseURL(base), api.WithAPIKey(key), api.WithRetry(1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// direct is the body the server answers a GET with, read without the
// client.
func direct(t *testing.T, url, key string) []byte {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("x-network-api-key", key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return b
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		t.Fatalf("not JSON:\n%s\n%s", a, b)
	}
	return reflect.DeepEqual(x, y)
}

// TestClientOnBothServers reads every task's transcript and holds a
// conversation on each server.
func TestClientOnBothServers(t *testing.T) {
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			base := s.serve(t)
			c := client(t, base, s.key)
			ctx := context.Background()

			p, err := c.ListTasks(ctx, s.user, 1, 100)
			if err != nil || len(p.Tasks) == 0 {
				t.Fatalf("list: %d tasks, %v", len(p.Tasks), err)
			}
			if !sameJSON(t, p.Raw, direct(t, base+"/api/v1/external/tasks?user_id="+s.user+"&page=1&size=100", s.key)) {
				t.Errorf("the page's Raw is not what the server sent")
			}
			for _, task := range p.Tasks {
				msgs, err := c.TaskMessages(ctx, task.ID)
				if err != nil {
					t.Fatalf("%s: %v", task.ID, err)
				}
				var sent []json.RawMessage
				if err := json.Unmarshal(direct(t, base+"/api/v1/external/tasks/"+task.ID+"/messages", s.key), &sent); err != nil {
					t.Fatal(err)
				}
				if len(msgs) != len(sent) {
					t.Fatalf("%s: %d messages, the server sent %d", task.ID, len(msgs), len(sent))
				}
				for i := range sent {
					if !sameJSON(t, msgs[i].Raw, sent[i]) {
						t.Fatalf("%s: message %d is not the one the server sent there", task.ID, i)
					}
				}
			}
			if found, ok, err := c.FindTask(ctx, s.user, p.Tasks[0].ID); !ok || err != nil || found.Title != p.Tasks[0].Title {
				t.Errorf("find: %+v %v %v", found, ok, err)
			}
			if _, err := c.TaskMessages(ctx, "no-such-task"); !errors.Is(err, api.ErrNotFound) {
				t.Errorf("unknown task: %v", err)
			}
			bad := client(t, base, "API_KEY_WRONG")
			if _, err := bad.ListTasks(ctx, s.user, 1, 10); !errors.Is(err, api.ErrUnauthorized) {
				t.Errorf("wrong key, list: %v", err)
			}
			if _, err := bad.TaskMessages(ctx, p.Tasks[0].ID); !errors.Is(err, api.ErrUnauthorized) {
				t.Errorf("wrong key, transcript: %v", err)
			}

			task, err := c.CreateTask(ctx, s.user)
			if err != nil || task.ID == "" || task.WelcomeMessage == "" || len(task.FollowupSuggestions) == 0 {
				t.Fatalf("create: %+v %v", task, err)
			}
			converse(t, c, task.ID, s.message)
			reply, err := c.SendMessage(ctx, task.ID, s.message, nil)
			if err != nil || !reply.FromAgent() || reply.Text == "" {
				t.Errorf("REST send: %+v %v", reply, err)
			}
			msgs, err := c.TaskMessages(ctx, task.ID)
			if err != nil || len(msgs) < 4 || msgs[0].FromAgent() || msgs[0].Text != s.message || msgs[len(msgs)-1].ID != reply.ID {
				t.Errorf("the conversation does not read back in order: %d messages, %v", len(msgs), err)
			}
		})
	}
}

// converse sends one message over the live session and checks that the
// streamed text ends as the final message's.
func converse(t *testing.T, c *api.Client, taskID, text string) {
	t.Helper()
	events := make(chan api.Event, 10000)
	s := c.NewSession(func(ev api.Event) { events <- ev })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	timeout := time.After(20 * time.Second)
	sent := false
	var streamed string
	for {
		select {
		case ev := <-events:
			switch e := ev.(type) {
			case api.StateChange:
				if e.State == api.StateLive && !sent {
					sent = true
					if err := s.Send(ctx, taskID, text, nil); err != nil {
						t.Fatal(err)
					}
				}
			case api.TextUpdate:
				streamed = e.Text
			case api.FinalMessage:
				if e.TaskID != taskID || e.ViaREST || streamed == "" || e.Message.Text == "" {
					t.Errorf("final %+v after %q", e, streamed)
				}
				return
			case api.ErrorFrame:
				t.Fatalf("error frame: %v", e.Err)
			}
		case <-timeout:
			t.Fatal("no reply over the live session")
		}
	}
}
