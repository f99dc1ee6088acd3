package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/cache"
	"aui-tui/internal/search"
)

// searchHarness has three tasks; the second has 60 messages, of which the
// 10th and the 50th name the Zephyrine heater. Every transcript is indexed.
func searchHarness(t *testing.T) (*harness, string) {
	t.Helper()
	b := newFakeBackend(3)
	long := b.tasks[1].ID
	var msgs []api.Message
	for i := range 60 {
		text := fmt.Sprintf("message %d about nothing much", i)
		if i == 10 || i == 50 {
			text = fmt.Sprintf("message %d: the Zéphyrine heater is quiet", i)
		}
		m := agentMsg(fmt.Sprintf("long-%d", i), text)
		m.CreatedAt = api.NewTimestamp(time.Date(2026, 3, 9, 10, i, 0, 0, time.UTC))
		msgs = append(msgs, m)
	}
	b.msgs[long] = msgs
	ix := search.Open(t.TempDir())
	for _, task := range b.tasks {
		if err := ix.Put(task, b.msgs[task.ID], time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarnessWith(t, b, nil)
	h.m.com.cfg.Search = ix
	return h, long
}

var ctrlF = tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl}

func TestSearchAllOpensTheTaskAtTheMessage(t *testing.T) {
	h, long := searchHarness(t)
	h.send(ctrlF)
	h.typeText("zephyrine")
	scr := plainView(h.m)
	if !strings.Contains(scr, "Search all conversations") || !strings.Contains(scr, "2 matches in 3 cached conversations") {
		t.Fatalf("overlay:\n%s", scr)
	}
	// Newest first: message 50 above message 10.
	if i50, i10 := strings.Index(scr, "message 50"), strings.Index(scr, "message 10"); i50 < 0 || i10 < 0 || i50 > i10 {
		t.Fatalf("hits not newest first:\n%s", scr)
	}
	h.key("down", "enter")
	if h.m.finder.open || h.m.chat.OpenID() != long || h.m.focus != focusConversation {
		t.Fatalf("enter: overlay open %v, open task %q, focus %v", h.m.finder.open, h.m.chat.OpenID(), h.m.focus)
	}
	scr = plainView(h.m)
	if !strings.Contains(scr, "message 10: the Zéphyrine heater") || !strings.Contains(scr, "find “Zéphyrine” 1/2") {
		t.Fatalf("not scrolled to message 10 with the find active:\n%s", scr)
	}
	if strings.Contains(scr, "message 59") {
		t.Fatalf("the view stayed at the bottom:\n%s", scr)
	}
	h.key("n")
	scr = plainView(h.m)
	if !strings.Contains(scr, "find “Zéphyrine” 2/2") || !strings.Contains(scr, "message 50: the Zéphyrine") {
		t.Fatalf("n did not continue to message 50:\n%s", scr)
	}
}

func TestSearchAllKeysAndEmptyStates(t *testing.T) {
	h, _ := searchHarness(t)
	h.send(ctrlF)
	if scr := plainView(h.m); !strings.Contains(scr, "every word must match") {
		t.Fatalf("empty query hint missing:\n%s", scr)
	}
	h.typeText("zephyrine nowhere")
	if scr := plainView(h.m); !strings.Contains(scr, "No match in 3 cached conversations") {
		t.Fatalf("no-match state:\n%s", scr)
	}
	h.key("q") // typed into the query, not quitting
	if !h.m.finder.open || h.m.finder.input.Value() != "zephyrine nowhereq" {
		t.Fatalf("q was not typed: open %v, %q", h.m.finder.open, h.m.finder.input.Value())
	}
	h.send(tea.PasteMsg{Content: " heater\nquiet "})
	if h.m.finder.input.Value() != "zephyrine nowhereqheater quiet" {
		t.Fatalf("paste went elsewhere: query %q", h.m.finder.input.Value())
	}
	h.key("esc")
	if h.m.finder.open || h.m.chat.OpenID() != "" {
		t.Fatalf("esc: open %v, task %q", h.m.finder.open, h.m.chat.OpenID())
	}
	h.send(ctrlF)
	if _, cmd := h.m.Update(keyMsg("ctrl+c")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("ctrl+c does not quit while the search is open")
	}
}

func TestSearchAllWithoutCacheSaysSo(t *testing.T) {
	h := newHarness(t, 2)
	h.send(ctrlF)
	if h.m.finder.open || !strings.Contains(plainView(h.m), "Searching needs the local cache") {
		t.Fatalf("without an index:\n%s", plainView(h.m))
	}
}

func TestSearchAllCountsTasksNotCached(t *testing.T) {
	h, _ := searchHarness(t)
	h.m.tasks.total = 5 // the server has two more than were indexed
	h.send(ctrlF)
	h.typeText("heater")
	if scr := plainView(h.m); !strings.Contains(scr, "2 of 5 tasks are not cached yet") {
		t.Fatalf("uncached count:\n%s", scr)
	}
}

// indexingStore is the cache with the indexing the program hooks to it.
type indexingStore struct {
	*cache.Cache
	ix *search.Index
}

func (s indexingStore) PutTranscript(t api.Task, msgs []api.Message) error {
	if err := s.Cache.PutTranscript(t, msgs); err != nil {
		return err
	}
	return s.ix.Put(t, msgs, time.Time{})
}

func TestSearchAllFetchesTasksNotCached(t *testing.T) {
	b := newFakeBackend(5)
	ix := search.Open(t.TempDir())
	for i, task := range b.tasks {
		if i >= 3 {
			b.msgs[task.ID] = append(b.msgs[task.ID], agentMsg(fmt.Sprintf("q-%d", i), "the Quokka lamp"))
			continue // not cached yet
		}
		if err := ix.Put(task, b.msgs[task.ID], time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarnessWith(t, b, indexingStore{openStore(t, t.TempDir()), ix})
	h.m.com.cfg.Search = ix
	h.send(ctrlF)
	h.typeText("quokka")
	if scr := plainView(h.m); !strings.Contains(scr, "No match in 3 cached conversations") ||
		!strings.Contains(scr, "2 of 5 tasks are not cached yet: ctrl+r fetches them") {
		t.Fatalf("before the fetch:\n%s", scr)
	}
	h.key("ctrl+r")
	scr := plainView(h.m)
	if !strings.Contains(scr, "2 matches in 5 cached conversations") || strings.Contains(scr, "not cached yet") {
		t.Fatalf("after the fetch:\n%s", scr)
	}
	if !ix.Has(b.tasks[3].ID) || !ix.Has(b.tasks[4].ID) {
		t.Fatal("the fetched transcripts were not indexed")
	}
	if n := len(b.fetches); n != 2 {
		t.Fatalf("%d transcripts fetched, want the 2 not cached", n)
	}
}

// TestExportKeepsTheServersCopySearchable: the copy e fetches is cached,
// and so searchable, like one opened.
func TestExportKeepsTheServersCopySearchable(t *testing.T) {
	b := newFakeBackend(1)
	ix := search.Open(t.TempDir())
	dir := t.TempDir()
	h := newHarnessWith(t, b, indexingStore{openStore(t, t.TempDir()), ix})
	h.m.com.cfg.ExportDir = dir
	id := h.openFirst()
	b.mu.Lock()
	b.msgs[id] = append(b.msgs[id], agentMsg("w", "the Wombat kettle"))
	b.mu.Unlock()
	h.key("esc", "e")
	if !strings.Contains(plainView(h.m), "Exported") {
		t.Fatalf("no export:\n%s", plainView(h.m))
	}
	res, err := ix.Search(search.Parse("wombat"), 5)
	if err != nil || len(res.Hits) != 1 || res.Hits[0].MessageID != "w" {
		t.Fatalf("the exported copy is not searchable: %+v, %v", res.Hits, err)
	}
}

// countingSearcher records what it is asked to search for.
type countingSearcher struct {
	Searcher
	queries []string
}

func (c *countingSearcher) Search(q search.Query, limit int) (search.Result, error) {
	c.queries = append(c.queries, strings.Join(q.Terms, " "))
	return c.Searcher.Search(q, limit)
}

// TestSearchAllRunsOneSearchAtATime: keys typed while a search runs are
// searched for together once it ends, not one scan each.
func TestSearchAllRunsOneSearchAtATime(t *testing.T) {
	h, _ := searchHarness(t)
	cs := &countingSearcher{Searcher: h.m.com.cfg.Search}
	h.m.com.cfg.Search = cs
	h.send(ctrlF)
	m := h.m
	for _, r := range "heat" {
		next, _ := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		m = next.(Model) // the first search's command is never run: it is "still running"
	}
	if !m.finder.running || !m.finder.stale {
		t.Fatalf("running %v, stale %v after typing during a search", m.finder.running, m.finder.stale)
	}
	h.m = m
	h.send(finderResultMsg{seq: 1})
	if len(cs.queries) != 1 || cs.queries[0] != "heat" {
		t.Fatalf("searched for %q, want one search for what was typed", cs.queries)
	}
	if scr := plainView(h.m); !strings.Contains(scr, "2 matches in 3 cached conversations") {
		t.Fatalf("hits for the latest query not shown:\n%s", scr)
	}
}

// TestSearchFindsListedTitlesNotCached: a task in the list whose transcript
// was never opened is still found by its title, and enter opens it.
func TestSearchFindsListedTitlesNotCached(t *testing.T) {
	b := newFakeBackend(5)
	ix := search.Open(t.TempDir())
	if err := ix.Put(b.tasks[0], b.msgs[b.tasks[0].ID], time.Time{}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessWith(t, b, indexingStore{openStore(t, t.TempDir()), ix})
	h.m.com.cfg.Search = ix
	h.send(ctrlF)
	h.typeText("number 4")
	if len(h.m.finder.hits) != 1 || h.m.finder.hits[0].TaskID != b.tasks[3].ID || h.m.finder.hits[0].Pos != -1 {
		t.Fatalf("hits %+v, want the title of task 4 (listed, not cached)", h.m.finder.hits)
	}
	if scr := plainView(h.m); !strings.Contains(scr, "1 match in 1 cached conversation and the task list") {
		t.Fatalf("the status should say the list was searched:\n%s", scr)
	}
	h.key("enter")
	if h.openID() != b.tasks[3].ID {
		t.Fatalf("enter opened %q, want task 4", h.openID())
	}
}

// TestSearchSaysWhichTitlesItSearched: with only part of the list loaded,
// the status says how many titles were searched, not "the task list".
func TestSearchSaysWhichTitlesItSearched(t *testing.T) {
	b := newFakeBackend(60)
	ix := search.Open(t.TempDir())
	h := newHarnessWith(t, b, indexingStore{openStore(t, t.TempDir()), ix})
	h.m.com.cfg.Search = ix
	n := len(h.m.tasks.items)
	if n == 0 || n >= 60 {
		t.Fatalf("%d tasks loaded; the test wants part of the list", n)
	}
	h.send(ctrlF)
	h.typeText("number 59")
	want := fmt.Sprintf("No match in 0 cached conversations or the %d task titles loaded.", n)
	if scr := plainView(h.m); !strings.Contains(scr, want) {
		t.Fatalf("want %q:\n%s", want, scr)
	}
}
