package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"aui-tui/api/apitest"
)

// The client against a server that serves only what AUI's documentation
// shows, with the documentation's own examples (api/apitest).

func conformance(t *testing.T, key string) (*Client, *apitest.Server) {
	t.Helper()
	srv := apitest.New(0)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	c, err := New(WithBaseURL(hs.URL), WithAPIKey(key), WithRetry(1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// jsonEqual compares two JSON texts as values, so line breaks and spacing
// do not count but order, nulls and unknown fields do.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

func TestConformanceTranscriptKeepsTheServersOrderAndFields(t *testing.T) {
	c, srv := conformance(t, apitest.Key)
	msgs, err := c.TaskMessages(context.Background(), apitest.TranscriptTaskID)
	if err != nil {
		t.Fatal(err)
	}
	var sent []json.RawMessage
	if err := json.Unmarshal(srv.Transcript(apitest.TranscriptTaskID), &sent); err != nil {
		t.Fatal(err)
	}
	if len(msgs) != len(sent) {
		t.Fatalf("%d messages, the server sent %d", len(msgs), len(sent))
	}
	for i := range sent {
		if !jsonEqual(t, msgs[i].Raw, sent[i]) {
			t.Errorf("message %d is not the one the server sent in that place:\n%s\nwant\n%s", i, msgs[i].Raw, sent[i])
		}
		if msgs[i].CreatedAt.IsZero() {
			t.Errorf("message %d: time %q not read", i, msgs[i].CreatedAt.Raw)
		}
	}
	// The question (2026) comes before its answer (2025), as sent.
	if msgs[0].FromAgent() || !msgs[1].FromAgent() || !msgs[0].CreatedAt.After(msgs[1].CreatedAt.Time) {
		t.Errorf("order: %s %s, %s %s", msgs[0].Sender.Type, msgs[0].CreatedAt.Raw, msgs[1].Sender.Type, msgs[1].CreatedAt.Raw)
	}
	cards := msgs[3].Cards
	if len(cards) != 1 || len(cards[0].SubEntities) != 1 || len(cards[0].SubEntities[0].Items) != 2 {
		t.Fatalf("cards: %+v", cards)
	}
	if v := cards[0].SubEntities[0].Items[0].Parameters[0].Value.String(); v != "Black Stainless" {
		t.Errorf("first variant %q", v)
	}
}

func TestConformanceTaskList(t *testing.T) {
	c, _ := conformance(t, apitest.Key)
	p, err := c.ListTasks(context.Background(), apitest.UserID, 1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != 2 || len(p.Tasks) != 2 || p.Tasks[0].ID != apitest.TranscriptTaskID {
		t.Fatalf("page %+v", p)
	}
	// Decoded, the nulls read as empty; Raw keeps them as sent.
	if p.Tasks[0].WelcomeMessage != "" || p.Tasks[0].FollowupSuggestions == nil {
		t.Errorf("task %+v", p.Tasks[0])
	}
	if !strings.Contains(string(p.Raw), `"welcome_message":null,"followup_suggestions":null,"task_origin_type":"api"`) {
		t.Errorf("Raw is not the page as sent: %s", p.Raw)
	}
}

func TestConformanceTaskRecordIsOptional(t *testing.T) {
	c, _ := conformance(t, apitest.Key)
	ctx := context.Background()
	if _, err := c.GetTask(ctx, apitest.TranscriptTaskID); !errors.Is(err, ErrUnavailable) || errors.Is(err, ErrNotFound) {
		t.Errorf("task record: %v", err)
	}
	task, ok, err := c.FindTask(ctx, apitest.UserID, apitest.TranscriptTaskID)
	if !ok || err != nil || task.Title != "Built-in microwave" {
		t.Errorf("found in the list: %+v %v %v", task, ok, err)
	}
	task, ok, err = c.FindTask(ctx, "", apitest.TranscriptTaskID)
	if ok || err != nil || task.ID != apitest.TranscriptTaskID {
		t.Errorf("without a user: %+v %v %v", task, ok, err)
	}
	if _, err := c.TaskMessages(ctx, "no-such-task"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown task: %v", err)
	}
}

func TestConformanceErrors(t *testing.T) {
	ctx := context.Background()
	bad, _ := conformance(t, "API_KEY_WRONG")
	if _, err := bad.ListTasks(ctx, apitest.UserID, 1, 10); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("wrong key, list: %v", err)
	}
	if _, err := bad.TaskMessages(ctx, apitest.TranscriptTaskID); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("wrong key, transcript: %v", err)
	}

	c, _ := conformance(t, apitest.Key)
	_, err := c.SendMessage(ctx, apitest.EmptyTaskID, "this is "+apitest.FlagWord, nil)
	if !errors.Is(err, ErrBadRequest) || err.Error() != "Content moderation triggered (harmful_content): The message was flagged by content moderation." {
		t.Errorf("moderation: %v", err)
	}
	if _, err := c.SendMessage(ctx, apitest.EmptyTaskID, apitest.FailWord, nil); !errors.Is(err, ErrServer) {
		t.Errorf("500: %v", err)
	}
	m, err := c.SendMessage(ctx, apitest.EmptyTaskID, "hello", nil)
	if err != nil || !m.FromAgent() || m.ID == "" {
		t.Errorf("reply %+v %v", m, err)
	}
}

// TestConformanceSession streams a reply in each documented frame shape,
// then has a message refused: the refusal arrives as an error frame, and
// the close that follows is not taken for a rejected key.
func TestConformanceSession(t *testing.T) {
	c, _ := conformance(t, apitest.Key)
	events := make(chan Event, 1000)
	s := c.NewSession(func(ev Event) { events <- ev }, WithBackoff(time.Millisecond, time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	next := func(what string, match func(Event) bool) Event {
		t.Helper()
		timeout := time.After(20 * time.Second)
		for {
			select {
			case ev := <-events:
				if match(ev) {
					return ev
				}
			case <-timeout:
				t.Fatalf("no %s", what)
			}
		}
	}
	live := func(ev Event) bool { sc, ok := ev.(StateChange); return ok && sc.State == StateLive }
	next("connection", live)
	for i := 0; i < 2; i++ {
		if err := s.Send(ctx, apitest.EmptyTaskID, "hello", nil); err != nil {
			t.Fatal(err)
		}
		var last string
		f := next("final message", func(ev Event) bool {
			if u, ok := ev.(TextUpdate); ok {
				last = u.Text
			}
			_, ok := ev.(FinalMessage)
			return ok
		}).(FinalMessage)
		if f.TaskID != apitest.EmptyTaskID || f.ViaREST || last != f.Message.Text {
			t.Errorf("reply %d: task %q, streamed %q, final %q", i, f.TaskID, last, f.Message.Text)
		}
	}
	if err := s.Send(ctx, apitest.EmptyTaskID, apitest.FlagWord, nil); err != nil {
		t.Fatal(err)
	}
	ef := next("error frame", func(ev Event) bool { _, ok := ev.(ErrorFrame); return ok }).(ErrorFrame)
	if ef.TaskID != apitest.EmptyTaskID || ef.Err.ModerationCategory() != "harmful_content" {
		t.Errorf("error frame %+v", ef)
	}
	sc := next("reconnect", func(ev Event) bool { _, ok := ev.(StateChange); return ok }).(StateChange)
	var ce *CloseError
	if sc.State != StateRetrying || !errors.As(sc.Err, &ce) || !ce.AfterErrorFrame || errors.Is(sc.Err, ErrUnauthorized) {
		t.Errorf("after the refusal: %+v", sc)
	}
	next("the connection back", live)
}
