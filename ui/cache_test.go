package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/cache"
)

// newHarnessWith runs the program on b with st as its local cache.
func newHarnessWith(t *testing.T, b *fakeBackend, st Store) *harness {
	t.Helper()
	h := newHarness(t, 0, func(c *Config) {
		c.Backend = b
		if st != nil {
			c.Store = st
		}
	})
	h.b = b
	return h
}

// openStore is a cache file in a temporary folder whose clock reads 14:30.
func openStore(t *testing.T, dir string) *cache.Cache {
	t.Helper()
	c, _, err := cache.Open(cache.Options{Dir: dir, BaseURL: "http://127.0.0.1:1", UserID: "u1",
		Now: func() time.Time { return time.Date(2026, 3, 9, 14, 30, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestOfflineShowsCachedListAndTranscript(t *testing.T) {
	dir := t.TempDir()
	st := openStore(t, dir)
	b := newFakeBackend(3)
	h := newHarnessWith(t, b, st)
	id := h.openFirst()
	if _, err := st.Info(id); err != nil {
		t.Fatalf("the opened transcript was not cached: %v", err)
	}

	// The next run finds the server unreachable.
	down := newFakeBackend(0)
	down.listErr, down.msgsErr = api.ErrOffline, api.ErrOffline
	h = newHarnessWith(t, down, st)
	v := plainView(h.m)
	for _, want := range []string{"Task number 1", "offline · cached 14:30"} {
		if !strings.Contains(v, want) {
			t.Fatalf("offline start lacks %q:\n%s", want, v)
		}
	}
	h.key("enter")
	v = plainView(h.m)
	if !strings.Contains(v, "answer for task 1") || !strings.Contains(v, "question for task 1") {
		t.Fatalf("the cached transcript is not shown:\n%s", v)
	}
	if h.m.chat.state(id).err != "" {
		t.Fatalf("a cached transcript shown offline is marked failed: %q", h.m.chat.state(id).err)
	}

	h.typeText("is it in stock?")
	h.key("enter")
	if len(h.s.sent) != 0 {
		t.Fatalf("sent while offline: %v", h.s.sent)
	}
	if got := h.m.composer.value(); got != "is it in stock?" {
		t.Fatalf("composer holds %q after a refused send, want the text kept", got)
	}
	if !strings.Contains(plainView(h.m), "nothing was sent") {
		t.Fatalf("no notice says the send was refused:\n%s", plainView(h.m))
	}
}

func TestOfflineWithoutCacheSaysSo(t *testing.T) {
	down := newFakeBackend(0)
	down.listErr = &api.NetError{Host: "shop.example", Reason: "connection refused"}
	h := newHarnessWith(t, down, openStore(t, t.TempDir()))
	want := "Cannot reach shop.example: connection refused, and this list is not cached."
	if h.m.tasks.err != want || !strings.Contains(plainView(h.m), "✗ Cannot reach shop.example:") {
		t.Fatalf("an empty cache offline must say why and that nothing is cached:\n%s", plainView(h.m))
	}
}

func TestCachedTranscriptReplacedByServerKeepsReader(t *testing.T) {
	st := openStore(t, t.TempDir())
	b := newFakeBackend(2)
	id := b.tasks[0].ID
	var long []api.Message
	for i := range 300 {
		long = append(long, agentMsg(fmt.Sprintf("m%03d", i), fmt.Sprintf("cached message %d", i)))
	}
	if err := st.PutTranscript(b.tasks[0], long); err != nil {
		t.Fatal(err)
	}
	b.msgs[id] = append(long, agentMsg("m300", "a message the server has and the cache had not"))
	h := newHarnessWith(t, b, st)

	// Open by hand so the cached copy is delivered before the server's.
	h.m.tasks.selectID(id)
	next, _ := h.m.Update(keyMsg("enter"))
	h.m = next.(Model)
	s := h.m.chat.state(id)
	tail := cachedTranscriptCmd(st, id, s.reqID, cacheTail)().(transcriptCachedMsg)
	if tail.from != 300-cacheTail || len(tail.msgs) != cacheTail {
		t.Fatalf("the tail read %d messages from %d", len(tail.msgs), tail.from)
	}
	next, fetch := h.m.Update(tail)
	h.m = next.(Model)
	if fetch == nil {
		t.Fatal("the server's copy is not fetched after the cached tail")
	}
	if !strings.Contains(plainView(h.m), "cached message 299") {
		t.Fatalf("the cached tail is not shown at once:\n%s", plainView(h.m))
	}
	if n := len(h.m.chat.state(id).tr.Entries()); n != cacheTail {
		t.Fatalf("the cached tail shows %d entries, want %d", n, cacheTail)
	}
	// The reader scrolls up, then the server's copy arrives.
	h.key("tab", "tab") // composer -> task list -> conversation
	if h.m.focus != focusConversation {
		t.Fatalf("focus %v, want the conversation", h.m.focus)
	}
	h.key("g")
	before := plainView(h.m)
	if !strings.Contains(before, "cached message 100") {
		t.Fatalf("g shows the top of the cached tail:\n%s", before)
	}
	// The position counts the messages before the tail too.
	if msg, total, _, _ := h.m.chat.Position(); msg != 101 || total != 300 {
		t.Fatalf("at the top of the cached tail: msg %d of %d, want 101 of 300", msg, total)
	}
	h.run(loadTranscriptCmd(b, time.Second, time.Now, id, s.reqID))
	if after := plainView(h.m); !sameConversation(before, after) {
		t.Fatalf("the server's copy moved the reader:\nbefore\n%s\nafter\n%s", before, after)
	}
	if n := len(h.m.chat.state(id).tr.Entries()); n != 301 {
		t.Fatalf("after the server's copy %d entries, want 301", n)
	}
	if in, _ := st.Info(id); in.Count != 301 {
		t.Fatalf("the cache holds %d messages, want the server's 301", in.Count)
	}
}

// sameConversation compares the conversation pane's first rows of two
// screens, below its header (the loading marker, the task list and the
// status bar may differ).
func sameConversation(a, b string) bool {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 2; i < 12 && i < len(la) && i < len(lb); i++ {
		_, ra, _ := strings.Cut(la[i], "││")
		_, rb, _ := strings.Cut(lb[i], "││")
		if ra != rb {
			return false
		}
	}
	return true
}

func TestServerListReplacesCachedList(t *testing.T) {
	st := openStore(t, t.TempDir())
	b := newFakeBackend(2)
	h := newHarnessWith(t, b, st)
	old := api.TaskPage{Tasks: []api.Task{{ID: "gone", Title: "A task deleted since"}}, Total: 1, Page: 1, Size: 10}
	if err := st.PutTaskPage(old); err != nil {
		t.Fatal(err)
	}
	// Start again, the cached page arriving before the server's.
	h.m = newTestModel(h.m.com.cfg)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.send(cachedTasksCmd(st, h.m.tasks.generation(), 1, 10, nil)())
	if v := plainView(h.m); !strings.Contains(v, "A task deleted since") {
		t.Fatalf("the cached list is not shown while the server's is awaited:\n%s", v)
	}
	if !h.m.tasks.loading {
		t.Fatal("the list must still show it is loading the server's copy")
	}
	h.send(listTasksCmd(b, time.Second, time.Now, h.m.tasks.generation(), "u1", 1, 10)())
	v := plainView(h.m)
	if strings.Contains(v, "A task deleted since") || !strings.Contains(v, "Task number 2") {
		t.Fatalf("the server's list must replace the cached one:\n%s", v)
	}
	if len(h.m.tasks.items) != 2 {
		t.Fatalf("%d tasks listed, want the server's 2", len(h.m.tasks.items))
	}
}

func TestOfflineReadsTheWholeCachedTranscript(t *testing.T) {
	st := openStore(t, t.TempDir())
	b := newFakeBackend(1)
	var long []api.Message
	for i := range 300 {
		long = append(long, agentMsg(fmt.Sprintf("m%03d", i), fmt.Sprintf("cached message %d", i)))
	}
	if err := st.PutTranscript(b.tasks[0], long); err != nil {
		t.Fatal(err)
	}
	b.msgsErr = api.ErrOffline
	h := newHarnessWith(t, b, st)
	h.key("enter")
	if n := len(h.m.chat.state(b.tasks[0].ID).tr.Entries()); n != 300 {
		t.Fatalf("offline, %d cached entries shown, want all 300", n)
	}
	if v := plainView(h.m); !strings.Contains(v, "offline · cached 14:30") {
		t.Fatalf("no offline marker:\n%s", v)
	}
}
