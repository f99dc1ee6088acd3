package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"aui-tui/api"
)

// clock is a settable time source, so LRU order does not depend on the
// machine's clock resolution.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Second); return c.t }

func openTest(t *testing.T, dir string, mod func(*Options)) *Cache {
	t.Helper()
	ck := &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	opts := Options{Dir: dir, BaseURL: "https://example.test/api", UserID: "user_1", Now: ck.now}
	if mod != nil {
		mod(&opts)
	}
	c, notice, err := Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	if notice != "" {
		t.Fatalf("unexpected notice %q", notice)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// transcript builds n server messages as the API would send them.
func transcript(t *testing.T, task string, n int) []api.Message {
	t.Helper()
	raws := make([][]byte, n)
	for i := range raws {
		sender := "user"
		if i%2 == 1 {
			sender = "agent"
		}
		raws[i] = fmt.Appendf(nil, `{"id":"%s-%d","created_at":"2026-01-01T00:00:%02dZ","text":"message %d","sender":{"id":"x","type":%q},"receiver":{"id":"y","type":"agent"},"options":[{"widget_parameters":[{"title":"Price","value":"$%d"}]}]}`,
			task, i, i%60, i, sender, i)
	}
	msgs, err := api.DecodeMessages(raws)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestTranscriptRoundTripAndTail(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	msgs := transcript(t, "a", 1000)
	if err := c.PutTranscript(api.Task{ID: "a", Title: "Fridge"}, msgs); err != nil {
		t.Fatal(err)
	}
	tail, in, err := c.Messages("a", 990, 2000)
	if err != nil {
		t.Fatal(err)
	}
	if in.Count != 1000 || in.Title != "Fridge" || len(tail) != 10 {
		t.Fatalf("info %+v, %d messages", in, len(tail))
	}
	for i, m := range tail {
		want := msgs[990+i]
		if m.ID != want.ID || m.Text != want.Text || string(m.Raw) != string(want.Raw) {
			t.Fatalf("message %d: %+v, want %+v", 990+i, m, want)
		}
		if got := m.Options[0].WidgetParameters[0].Value.String(); got != fmt.Sprintf("$%d", 990+i) {
			t.Fatalf("message %d price %q", 990+i, got)
		}
	}
	all, _, err := c.Messages("a", 0, in.Count)
	if err != nil || len(all) != 1000 || all[0].ID != "a-0" {
		t.Fatalf("whole transcript: %d messages, err %v", len(all), err)
	}
}

func TestPutTranscriptReplacesAndAppends(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	if err := c.PutTranscript(api.Task{ID: "a", Title: "T"}, transcript(t, "a", 10)); err != nil {
		t.Fatal(err)
	}
	longer := transcript(t, "b", 12) // every message differs, two more
	if err := c.PutTranscript(api.Task{ID: "a"}, longer); err != nil {
		t.Fatal(err)
	}
	got, in, err := c.Messages("a", 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if in.Count != 12 || len(got) != 12 || got[0].ID != "b-0" || got[11].ID != "b-11" {
		t.Fatalf("after a longer store: %+v, first %q", in, got[0].ID)
	}
	if in.Title != "T" {
		t.Fatalf("a store without a title lost the known one: %q", in.Title)
	}
	if err := c.PutTranscript(api.Task{ID: "a"}, longer[:3]); err != nil {
		t.Fatal(err)
	}
	got, in, _ = c.Messages("a", 0, 100)
	if in.Count != 3 || len(got) != 3 {
		t.Fatalf("after a shorter store: count %d, read %d", in.Count, len(got))
	}
	// Positions past the end were deleted, not just hidden by the count.
	err = c.view(func(tx *bolt.Tx) error {
		if n := tx.Bucket(bucketTasks).Bucket([]byte("a")).Bucket(bucketMsgs).Stats().KeyN; n != 3 {
			return fmt.Errorf("%d records stored, want 3", n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNotCached(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	if _, _, err := c.Messages("nope", 0, 10); !errors.Is(err, ErrNotCached) {
		t.Fatalf("Messages of an unknown task: %v", err)
	}
	if _, err := c.Info("nope"); !errors.Is(err, ErrNotCached) {
		t.Fatalf("Info of an unknown task: %v", err)
	}
	if _, _, err := c.TaskPage(1, 20); !errors.Is(err, ErrNotCached) {
		t.Fatalf("TaskPage not stored: %v", err)
	}
}

func TestTaskPages(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	p := api.TaskPage{Tasks: []api.Task{{ID: "t1", Title: "One", FollowupSuggestions: []string{}}}, Total: 41, Page: 2, Size: 20}
	if err := c.PutTaskPage(p); err != nil {
		t.Fatal(err)
	}
	got, stored, err := c.TaskPage(2, 20)
	if err != nil {
		t.Fatal(err)
	}
	if stored.IsZero() || got.Total != 41 || len(got.Tasks) != 1 || got.Tasks[0].Title != "One" {
		t.Fatalf("page %+v stored %v", got, stored)
	}
	if _, _, err := c.TaskPage(2, 10); !errors.Is(err, ErrNotCached) {
		t.Fatalf("another page size must not match: %v", err)
	}
}

func TestEvictsLeastRecentlyRead(t *testing.T) {
	msgs := transcript(t, "x", 50)
	var one int64
	for _, m := range msgs {
		one += int64(len(m.Raw))
	}
	// Room for two transcripts, not three.
	var evicted []string
	c := openTest(t, t.TempDir(), func(o *Options) {
		o.MaxBytes = 2*one + one/2
		o.OnEvict = func(ids []string) { evicted = append(evicted, ids...) }
	})
	for _, id := range []string{"a", "b"} {
		if err := c.PutTranscript(api.Task{ID: id}, msgs); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Touch("a"); err != nil { // a is now read more recently than b
		t.Fatal(err)
	}
	if err := c.PutTranscript(api.Task{ID: "c"}, msgs); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Info("b"); !errors.Is(err, ErrNotCached) {
		t.Fatalf("b was read longest ago and should be gone: %v", err)
	}
	if !slices.Equal(evicted, []string{"b"}) {
		t.Fatalf("OnEvict was told %q, want [b]", evicted)
	}
	for _, id := range []string{"a", "c"} {
		if _, err := c.Info(id); err != nil {
			t.Fatalf("%s should be kept: %v", id, err)
		}
	}
}

func TestOnStoreAndTranscripts(t *testing.T) {
	var stored []Info
	c := openTest(t, t.TempDir(), func(o *Options) {
		o.OnStore = func(in Info, msgs []api.Message) {
			if len(msgs) != in.Count {
				t.Errorf("hook got %d messages for %+v", len(msgs), in)
			}
			stored = append(stored, in)
		}
	})
	if err := c.PutTranscript(api.Task{ID: "a", Title: "Alpha"}, transcript(t, "a", 3)); err != nil {
		t.Fatal(err)
	}
	if len(stored) != 1 || stored[0].TaskID != "a" || stored[0].Count != 3 || stored[0].Title != "Alpha" {
		t.Fatalf("hook got %+v", stored)
	}
	all, err := c.Transcripts()
	if err != nil || len(all) != 1 || all[0].Title != "Alpha" {
		t.Fatalf("Transcripts: %+v, %v", all, err)
	}
}

func TestFilePerServerAndUserPrivate(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, nil)
	b := openTest(t, dir, func(o *Options) { o.UserID = "user_2" })
	if a.Path() == b.Path() {
		t.Fatal("two users share one cache file")
	}
	if err := a.PutTranscript(api.Task{ID: "t"}, transcript(t, "t", 2)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Info("t"); !errors.Is(err, ErrNotCached) {
		t.Fatalf("user 2 sees user 1's transcript: %v", err)
	}
	fi, err := os.Stat(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("cache file mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestSecondOpenIsInUse(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir, nil)
	_, _, err := Open(Options{Dir: dir, BaseURL: "https://example.test/api", UserID: "user_1"})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
}

func TestDamagedFileMovedAside(t *testing.T) {
	for name, damage := range map[string]func(path string) error{
		"garbage": func(p string) error { return os.WriteFile(p, []byte(strings.Repeat("not a database ", 1000)), 0o600) },
		"truncated": func(p string) error {
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			return os.Truncate(p, fi.Size()/2)
		},
		"short": func(p string) error { return os.Truncate(p, 100) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			opts := Options{Dir: dir, BaseURL: "https://example.test/api", UserID: "user_1"}
			c, _, err := Open(opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.PutTranscript(api.Task{ID: "a"}, transcript(t, "a", 2000)); err != nil {
				t.Fatal(err)
			}
			path := c.Path()
			c.Close()
			if err := damage(path); err != nil {
				t.Fatal(err)
			}
			c, notice, err := Open(opts)
			if err != nil {
				t.Fatalf("open after damage: %v", err)
			}
			defer c.Close()
			if !strings.Contains(notice, "moved aside") {
				t.Fatalf("notice %q", notice)
			}
			aside, _ := filepath.Glob(path + ".damaged-*")
			if len(aside) != 1 {
				t.Fatalf("damaged file not kept aside: %v", aside)
			}
			if _, err := c.Info("a"); !errors.Is(err, ErrNotCached) {
				t.Fatalf("fresh cache holds %v", err)
			}
			if err := c.PutTranscript(api.Task{ID: "b"}, transcript(t, "b", 2)); err != nil {
				t.Fatalf("fresh cache not writable: %v", err)
			}
		})
	}
}

func TestClear(t *testing.T) {
	dir := t.TempDir()
	c, _, err := Open(Options{Dir: dir, BaseURL: "u", UserID: "v"})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	other := filepath.Join(dir, "drafts.json")
	if err := os.WriteFile(other, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := Clear(dir)
	if err != nil || n != 1 {
		t.Fatalf("Clear: %d files, %v", n, err)
	}
	if _, err := os.Stat(c.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("cache file still there: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("Clear removed a file that is not the cache's: %v", err)
	}
	if n, err := Clear(filepath.Join(dir, "missing")); err != nil || n != 0 {
		t.Fatalf("Clear of a missing folder: %d, %v", n, err)
	}
}

func TestLongTranscriptWrittenInPartsReadsWhole(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	msgs := transcript(t, "a", 2000)
	// Long texts, so the transcript spans several write transactions.
	for i := range msgs {
		msgs[i].Raw = fmt.Appendf(nil, `{"id":"a-%d","text":%q,"sender":{"type":"agent"}}`, i, strings.Repeat("x", 5000))
	}
	if err := c.PutTranscript(api.Task{ID: "a", Title: "Long"}, msgs); err != nil {
		t.Fatal(err)
	}
	got, in, err := c.Messages("a", 0, 2000)
	if err != nil || in.Count != 2000 || len(got) != 2000 || got[1999].ID != "a-1999" || in.Writing {
		t.Fatalf("read back %d of %+v, %v", len(got), in, err)
	}
}

func TestTranscriptCutShortWhileWrittenReadsAsNotCached(t *testing.T) {
	c := openTest(t, t.TempDir(), nil)
	if err := c.PutTranscript(api.Task{ID: "a"}, transcript(t, "a", 5)); err != nil {
		t.Fatal(err)
	}
	// As a crash between the write transactions leaves it.
	err := c.update(func(tx *bolt.Tx) error {
		tb := tx.Bucket(bucketTasks).Bucket([]byte("a"))
		in, err := readInfo(tb)
		if err != nil {
			return err
		}
		in.Writing = true
		return writeInfo(tb, in)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Messages("a", 0, 5); !errors.Is(err, ErrNotCached) {
		t.Fatalf("Messages of a half-written transcript: %v", err)
	}
	if _, err := c.Info("a"); !errors.Is(err, ErrNotCached) {
		t.Fatalf("Info of a half-written transcript: %v", err)
	}
	if all, _ := c.Transcripts(); len(all) != 0 {
		t.Fatalf("Transcripts lists a half-written one: %+v", all)
	}
	if err := c.PutTranscript(api.Task{ID: "a"}, transcript(t, "a", 5)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Info("a"); err != nil {
		t.Fatalf("written again, it reads: %v", err)
	}
}

func TestStoringTheSameCopyAgainWritesNothing(t *testing.T) {
	var hooks int
	c := openTest(t, t.TempDir(), func(o *Options) { o.OnStore = func(Info, []api.Message) { hooks++ } })
	msgs := transcript(t, "a", 50)
	if err := c.PutTranscript(api.Task{ID: "a", Title: "T"}, msgs); err != nil {
		t.Fatal(err)
	}
	first, _ := c.Info("a")
	if err := c.PutTranscript(api.Task{ID: "a", Title: "T"}, msgs); err != nil {
		t.Fatal(err)
	}
	again, _ := c.Info("a")
	if hooks != 1 {
		t.Fatalf("OnStore called %d times for one copy stored twice", hooks)
	}
	if !again.Stored.After(first.Stored) || again.Count != 50 {
		t.Fatalf("storing the same copy must still mark it stored now: %+v then %+v", first, again)
	}
	changed := transcript(t, "b", 50)
	if err := c.PutTranscript(api.Task{ID: "a"}, changed); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Messages("a", 49, 50)
	if err != nil || hooks != 2 || got[0].ID != "b-49" {
		t.Fatalf("a changed copy of the same length was not written: %v, hooks %d", err, hooks)
	}
}
