package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// draftSaveDelay is how long after the last change drafts are written:
// soon enough that a closed terminal or a crash loses at most a second of
// typing, late enough not to write on every key.
const draftSaveDelay = time.Second

// draftTracker notices the composer's text changing and schedules a save.
type draftTracker struct {
	seq     int    // of the pending debounce tick
	version int    // of the last save handed out, increasing
	task    string // open task when last looked at
	rev     int    // composer revision when last looked at
	value   string // composer text when last looked at
	warned  bool   // a failed save was reported
}

// draftSaveMsg is the debounce tick; only the latest one saves.
type draftSaveMsg struct{ seq int }

// draftsSavedMsg reports a save.
type draftsSavedMsg struct{ err error }

// trackDrafts runs after every message: switching tasks saves at once,
// a change of text saves once typing pauses.
func (m *Model) trackDrafts() tea.Cmd {
	if m.com.cfg.SaveDrafts == nil {
		return nil
	}
	d := &m.draftSave
	task, rev := m.composer.taskID, m.composer.rev
	if task == d.task && rev == d.rev {
		return nil // the draft was not touched: no need to read it
	}
	d.rev = rev
	v := m.composer.value()
	switch {
	case task != d.task:
		d.task, d.value = task, v
		return m.saveDrafts()
	case v != d.value:
		d.value = v
		d.seq++
		seq := d.seq
		return m.com.tick(draftSaveDelay, func(time.Time) tea.Msg { return draftSaveMsg{seq: seq} })
	}
	return nil
}

// saveDrafts hands a snapshot of every draft to Config.SaveDrafts, off the
// event loop. Versions let the writer drop a snapshot older than one it
// already wrote.
func (m *Model) saveDrafts() tea.Cmd {
	m.draftSave.version++
	version, drafts, save := m.draftSave.version, m.Drafts(), m.com.cfg.SaveDrafts
	return func() tea.Msg { return draftsSavedMsg{err: save(version, drafts)} }
}

func (m *Model) onDraftSave(msg draftSaveMsg) tea.Cmd {
	if msg.seq != m.draftSave.seq {
		return nil
	}
	return m.saveDrafts()
}

// onDraftsSaved says once that drafts cannot be kept on disk; they are
// still in memory and in the composer.
func (m *Model) onDraftsSaved(msg draftsSavedMsg) tea.Cmd {
	if msg.err == nil || m.draftSave.warned {
		return nil
	}
	m.draftSave.warned = true
	return m.notify(levelWarn, "Drafts could not be saved to disk ("+msg.err.Error()+"); they are kept while the program runs")
}
