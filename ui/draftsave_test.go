package ui

import (
	"maps"
	"sync"
	"testing"
)

// savedDrafts records what the UI asks to write.
type savedDrafts struct {
	mu    sync.Mutex
	calls []map[string]string
}

func (s *savedDrafts) save(_ int, d map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, maps.Clone(d))
	return nil
}

func (s *savedDrafts) last() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.calls) == 0 {
		return nil
	}
	return s.calls[len(s.calls)-1]
}

// TestDraftsSavedAsTheyChange: typing schedules a save once typing pauses
// (only the latest tick saves), and switching tasks saves at once, so a
// closed terminal loses at most a second of typing.
func TestDraftsSavedAsTheyChange(t *testing.T) {
	h := newHarness(t, 3)
	saved := &savedDrafts{}
	h.m.com.cfg.SaveDrafts = saved.save
	id := h.openFirst()
	n := len(saved.calls)
	h.typeText("half a thought")
	if len(saved.calls) != n {
		t.Fatalf("saved on every key (%d saves)", len(saved.calls)-n)
	}
	seq := h.m.draftSave.seq
	h.send(draftSaveMsg{seq: seq - 1}) // an older tick: typing went on since
	if len(saved.calls) != n {
		t.Fatal("a stale debounce tick saved")
	}
	h.send(draftSaveMsg{seq: seq})
	if got := saved.last()[id]; got != "half a thought" {
		t.Fatalf("saved draft for %s = %q, want the typed text", id, got)
	}

	h.key("esc", "shift+tab", "j", "enter") // open another task
	if h.openID() == id {
		t.Fatal("did not switch task")
	}
	if got := saved.last()[id]; got != "half a thought" || len(saved.calls) < n+2 {
		t.Fatalf("switching tasks did not save at once (saves %d, draft %q)", len(saved.calls)-n, got)
	}
}

// TestDraftWithNoTaskOpenIsSaved: text typed before any task is open is a
// draft too (key "").
func TestDraftWithNoTaskOpenIsSaved(t *testing.T) {
	h := newHarness(t, 3)
	saved := &savedDrafts{}
	h.m.com.cfg.SaveDrafts = saved.save
	h.key("tab", "tab", "tab")
	if h.m.focus != focusComposer {
		t.Skipf("composer not reachable without a task (focus %v)", h.m.focus)
	}
	h.typeText("no task yet")
	h.send(draftSaveMsg{seq: h.m.draftSave.seq})
	if got := saved.last()[""]; got != "no task yet" {
		t.Fatalf("saved %v, want the text under the empty task id", saved.last())
	}
}
