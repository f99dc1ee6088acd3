package demo

import (
	"reflect"
	"sync"
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

func TestSeedUserTwiceAtOnceWritesOneHistory(t *testing.T) {
	srv, hs := newTestServer(t, Options{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if err := srv.SeedUser("visitor_a"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	tasks, total, _ := allTasks(t, hs.URL, "visitor_a", 50)
	if want := len(seedTasks(fixedNow, "visitor_a")); total != want {
		t.Fatalf("%d tasks after four seeds at once, want %d", total, want)
	}
	for _, task := range tasks {
		if task.Title != kitchenTitle {
			continue
		}
		if n := len(messagesOf(t, hs.URL, task.ID)); n != kitchenMessages {
			t.Errorf("the long task holds %d messages, want %d", n, kitchenMessages)
		}
		return
	}
	t.Fatal("no long task")
}

// BenchmarkSeedUser: the history a new visitor of a shared demo gets.
func BenchmarkSeedUser(b *testing.B) {
	srv, _ := newTestServer(b, Options{StorePath: storeIn(b)})
	i := 0
	for b.Loop() {
		i++
		if err := srv.SeedUser("visitor_" + itoa(i)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestDeleteUserRemovesOnlyThatUsersTasks(t *testing.T) {
	srv, hs := newTestServer(t, Options{})
	for _, u := range []string{"visitor_a", "visitor_b"} {
		if err := srv.SeedUser(u); err != nil {
			t.Fatal(err)
		}
	}
	gone, _, _ := allTasks(t, hs.URL, "visitor_a", 50)
	kept, keptTotal, _ := allTasks(t, hs.URL, "visitor_b", 50)
	if err := srv.DeleteUser("visitor_a"); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := allTasks(t, hs.URL, "visitor_a", 50); total != 0 {
		t.Errorf("the deleted user still has %d tasks", total)
	}
	for _, task := range gone {
		mustCall(t, 404, "GET", hs.URL+"/api/v1/external/tasks/"+task.ID+"/messages", DefaultKey, "")
	}
	if _, total, _ := allTasks(t, hs.URL, "visitor_b", 50); total != keptTotal {
		t.Errorf("the other user went from %d to %d tasks", keptTotal, total)
	}
	if n := len(messagesOf(t, hs.URL, kept[0].ID)); n == 0 {
		t.Error("the other user's transcript was emptied")
	}
	if err := srv.DeleteUser("nobody"); err != nil {
		t.Errorf("deleting an unknown user: %v", err)
	}
	if err := srv.SeedUser("visitor_a"); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := allTasks(t, hs.URL, "visitor_a", 50); total != keptTotal {
		t.Errorf("seeded again, the user has %d tasks, want %d", total, keptTotal)
	}
}
