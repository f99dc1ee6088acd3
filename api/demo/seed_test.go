package demo

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
)

type listedTask struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// allTasks pages through a user's tasks the way a client does.
func allTasks(t *testing.T, base, user string, size int) (tasks []listedTask, total, pages int) {
	t.Helper()
	for page := 1; ; page++ {
		b := mustCall(t, 200, "GET", base+"/api/v1/external/tasks?user_id="+user+"&size="+itoa(size)+"&page="+itoa(page), DefaultKey, "")
		var p struct {
			Tasks []listedTask `json:"tasks"`
			Total int          `json:"total"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Tasks) == 0 {
			return tasks, total, page - 1
		}
		tasks, total = append(tasks, p.Tasks...), p.Total
	}
}

// messagesOf fetches a task's transcript.
func messagesOf(t *testing.T, base, id string) []api.Message {
	t.Helper()
	var msgs []api.Message
	if err := json.Unmarshal(mustCall(t, 200, "GET", base+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, ""), &msgs); err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestSeededHistory(t *testing.T) {
	path := storeIn(t)
	srv, hs := newTestServer(t, Options{StorePath: path, Seed: true})
	tasks, total, pages := allTasks(t, hs.URL, DefaultUserID, 10)
	if total < 26 || len(tasks) != total || pages != (total+9)/10 || pages < 3 {
		t.Fatalf("seeded %d tasks (listed %d) in %d pages", total, len(tasks), pages)
	}
	if tasks[0].Title != "Built-in microwave" {
		t.Errorf("newest seeded task is %q", tasks[0].Title)
	}
	var long *listedTask
	var lastTime time.Time
	for i, task := range tasks {
		msgs := messagesOf(t, hs.URL, task.ID)
		if task.Title == kitchenTitle {
			long = &tasks[i]
			if len(msgs) < 2000 {
				t.Errorf("long task has %d messages", len(msgs))
			}
			continue
		}
		if len(msgs) < 2 || len(msgs) > 12 {
			t.Errorf("task %q has %d messages", task.Title, len(msgs))
		}
		if task.Title == newTaskTitle || task.Title == "" {
			t.Errorf("seeded task %s has no title", task.ID)
		}
		first := msgs[0].CreatedAt.Time
		if i > 0 && !first.Before(lastTime) {
			t.Errorf("task %q is listed after a newer one", task.Title)
		}
		lastTime = first
		checkTranscript(t, msgs)
	}
	if long == nil {
		t.Fatal("no long task seeded")
	}
	newest := messagesOf(t, hs.URL, tasks[0].ID)[0].CreatedAt.Time
	if span := fixedNow.Sub(lastTime); span < 14*24*time.Hour || newest.After(fixedNow) || fixedNow.Sub(newest) > 24*time.Hour {
		t.Errorf("seeded tasks span %v, newest at %v", span, newest)
	}
	hs.Close()
	_ = srv.Close()

	// Seeding again on the same store adds nothing.
	_, hs2 := newTestServer(t, Options{StorePath: path, Seed: true})
	if _, again, _ := allTasks(t, hs2.URL, DefaultUserID, 100); again != total {
		t.Errorf("reseeding changed the total from %d to %d", total, again)
	}
}

func TestExtraLongTask(t *testing.T) {
	path := storeIn(t)
	srv, hs := newTestServer(t, Options{StorePath: path, ExtraLong: 3001})
	tasks, total, _ := allTasks(t, hs.URL, DefaultUserID, 10)
	if total != 1 || tasks[0].Title != "Stress test · 3,001 messages" {
		t.Fatalf("tasks %+v", tasks)
	}
	msgs := messagesOf(t, hs.URL, tasks[0].ID)
	if len(msgs) != 3001 {
		t.Fatalf("%d messages", len(msgs))
	}
	if end := msgs[len(msgs)-1].CreatedAt.Time; end.After(fixedNow) || fixedNow.Sub(end) > time.Hour {
		t.Errorf("stress transcript ends at %v", end)
	}
	hs.Close()
	_ = srv.Close()

	_, hs2 := newTestServer(t, Options{StorePath: path, ExtraLong: 3001, Seed: true})
	tasks, _, _ = allTasks(t, hs2.URL, DefaultUserID, 100)
	stress := 0
	for _, task := range tasks {
		if strings.HasPrefix(task.Title, "Stress test") {
			stress++
		}
	}
	if stress != 1 {
		t.Errorf("%d stress tasks after reopening", stress)
	}
}

// checkTranscript asserts alternating turns in time order with unique ids.
func checkTranscript(t *testing.T, msgs []api.Message) {
	t.Helper()
	ids := map[string]bool{}
	for i, m := range msgs {
		wantUser := i%2 == 0
		if (m.Sender.Type == api.ActorUser) != wantUser {
			t.Errorf("message %d sent by %s", i, m.Sender.Type)
		}
		if i > 0 && m.CreatedAt.Before(msgs[i-1].CreatedAt.Time) {
			t.Errorf("message %d is older than the one before", i)
		}
		if ids[m.ID] || !reUUID4.MatchString(m.ID) {
			t.Errorf("message %d id %q duplicate or malformed", i, m.ID)
		}
		ids[m.ID] = true
		if !wantUser && (len(m.FollowupSuggestions) < 2 || len(m.FollowupSuggestions) > 4) {
			t.Errorf("agent message %d has %d suggestions", i, len(m.FollowupSuggestions))
		}
	}
}

func TestGenerateTranscript(t *testing.T) {
	start := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	a := GenerateTranscript("68e78d0dc5a4b19a030d03d6", "user_123", 2001, start)
	b := GenerateTranscript("68e78d0dc5a4b19a030d03d6", "user_123", 2001, start)
	if len(a) != 2001 {
		t.Fatalf("%d messages, want 2001", len(a))
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("same arguments gave different transcripts")
	}
	other := GenerateTranscript("68e78d0dc5a4b19a030d03d7", "user_123", 2001, start)
	if reflect.DeepEqual(a[0].Text, other[0].Text) && reflect.DeepEqual(a[2].Text, other[2].Text) && a[4].Text == other[4].Text {
		t.Error("different tasks gave the same conversation")
	}
	if !a[0].CreatedAt.Equal(start) || a[len(a)-1].Sender.Type != api.ActorUser {
		t.Errorf("first message at %v; last sender %s", a[0].CreatedAt, a[len(a)-1].Sender.Type)
	}
	checkTranscript(t, a)
	var tables, code, lists, bold, withOptions, withVariants int
	for _, m := range a {
		if m.Sender.Type != api.ActorAgent {
			continue
		}
		if m.Receiver.ID != "user_123" || m.Sender.ID != "intelligent-agent" {
			t.Fatalf("parties %+v %+v", m.Sender, m.Receiver)
		}
		tables += btoi(strings.Contains(m.Text, "\n|---"))
		code += btoi(strings.Contains(m.Text, "```"))
		lists += btoi(strings.Contains(m.Text, "\n- "))
		bold += btoi(strings.Contains(m.Text, "**"))
		withOptions += btoi(len(m.Options) > 0)
		withVariants += btoi(len(m.VariantsOptions) > 0)
	}
	if tables < 50 || code < 20 || lists < 200 || bold < 500 || withOptions < 500 || withVariants < 400 {
		t.Errorf("mix: tables %d code %d lists %d bold %d options %d variants %d",
			tables, code, lists, bold, withOptions, withVariants)
	}
	if len(GenerateTranscript("x", "u", 0, start)) != 0 || len(GenerateTranscript("x", "u", -3, start)) != 0 {
		t.Error("n <= 0 should give no messages")
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
