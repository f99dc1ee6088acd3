package demo

import (
	"reflect"
	"testing"
)

func TestSeedUserGivesEachVisitorTheirOwnHistory(t *testing.T) {
	srv, hs := newTestServer(t, Options{Seed: true})
	for _, u := range []string{"visitor_a", "visitor_b"} {
		if err := srv.SeedUser(u); err != nil {
			t.Fatalf("SeedUser(%s): %v", u, err)
		}
	}
	demoTasks, demoTotal, _ := allTasks(t, hs.URL, DefaultUserID, 50)
	a, aTotal, _ := allTasks(t, hs.URL, "visitor_a", 50)
	b, _, _ := allTasks(t, hs.URL, "visitor_b", 50)
	if aTotal != demoTotal || len(a) != len(demoTasks) || len(b) != len(a) {
		t.Fatalf("visitor a has %d tasks, b %d, the demo user %d", len(a), len(b), len(demoTasks))
	}
	titles := func(ts []listedTask) (out []string) {
		for _, t := range ts {
			out = append(out, t.Title)
		}
		return out
	}
	if !reflect.DeepEqual(titles(a), titles(demoTasks)) {
		t.Errorf("visitor titles %q, want the demo user's %q", titles(a), titles(demoTasks))
	}
	seen := map[string]string{}
	for who, ts := range map[string][]listedTask{"demo": demoTasks, "a": a, "b": b} {
		for _, task := range ts {
			if other, dup := seen[task.ID]; dup {
				t.Fatalf("task %s belongs to both %s and %s", task.ID, other, who)
			}
			seen[task.ID] = who
		}
	}
}

func TestSeedUserKeepsAnExistingHistory(t *testing.T) {
	srv, hs := newTestServer(t, Options{})
	if err := srv.SeedUser("visitor_a"); err != nil {
		t.Fatal(err)
	}
	tasks, before, _ := allTasks(t, hs.URL, "visitor_a", 50)
	first := len(messagesOf(t, hs.URL, tasks[0].ID))
	if err := srv.SeedUser("visitor_a"); err != nil {
		t.Fatal(err)
	}
	if _, after, _ := allTasks(t, hs.URL, "visitor_a", 50); after != before {
		t.Errorf("seeding again changed the task count from %d to %d", before, after)
	}
	if again := len(messagesOf(t, hs.URL, tasks[0].ID)); again != first {
		t.Errorf("seeding again changed a transcript from %d to %d messages", first, again)
	}
}
