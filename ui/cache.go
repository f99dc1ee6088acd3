package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/cache"
)

// Store is the local copy of what the server sent: task list pages and
// transcripts. *cache.Cache satisfies it; nil runs without one.
type Store interface {
	TaskPage(page, size int) (api.TaskPage, time.Time, error)
	PutTaskPage(p api.TaskPage) error
	// Messages reads positions [from, to) of a cached transcript, with its
	// cache.Info; cache.ErrNotCached when there is none.
	Messages(taskID string, from, to int) ([]api.Message, cache.Info, error)
	PutTranscript(task api.Task, msgs []api.Message) error
	Touch(taskID string) error
}

// cacheTail is how many messages of a cached transcript are shown first:
// more than any screen holds, few enough to read and decode at once
// whatever the transcript's length.
const cacheTail = 200

// tasksCachedMsg carries a page of the task list read from the cache.
// offline: the server could not be reached for it.
type tasksCachedMsg struct {
	reqID  int
	page   api.TaskPage
	stored time.Time
	// cause is why the server's page did not come: the cached page stands
	// in for it (nil while the server's is on its way).
	cause error
	err   error
}

// transcriptCachedMsg carries a cached transcript from position from on.
// tail: it answers the first read of an open, which the server's fetch
// follows.
type transcriptCachedMsg struct {
	taskID string
	reqID  int
	msgs   []api.Message
	from   int
	tail   bool
	info   cache.Info
	err    error
}

// cachedTasksCmd reads a cached page of the task list: while the server's
// is on its way (cause nil), or in its place when the server could not be
// reached (cause says why).
func cachedTasksCmd(st Store, reqID, page, size int, cause error) tea.Cmd {
	return func() tea.Msg {
		p, stored, err := st.TaskPage(page, size)
		return tasksCachedMsg{reqID: reqID, page: p, stored: stored, cause: cause, err: err}
	}
}

// cachedTranscriptCmd reads the last tail messages of a cached transcript
// (all of it when tail is 0).
func cachedTranscriptCmd(st Store, taskID string, reqID, tail int) tea.Cmd {
	return func() tea.Msg {
		from := 0
		if tail > 0 {
			in, err := cachedInfo(st, taskID)
			if err != nil {
				return transcriptCachedMsg{taskID: taskID, reqID: reqID, tail: true, err: err}
			}
			from = max(0, in.Count-tail)
		}
		msgs, in, err := st.Messages(taskID, from, 1<<31-1)
		return transcriptCachedMsg{taskID: taskID, reqID: reqID, msgs: msgs, from: from, tail: tail > 0, info: in, err: err}
	}
}

// cachedInfo reads a transcript's record without any message.
func cachedInfo(st Store, taskID string) (cache.Info, error) {
	_, in, err := st.Messages(taskID, 0, 0)
	return in, err
}

// storeCmd writes to the cache off the Update loop. A failed write is not
// worth the reader's attention: the server's copy is on screen.
func storeCmd(write func() error) tea.Cmd {
	return func() tea.Msg {
		_ = write()
		return nil
	}
}

// unreachable reports whether err means the server could not be reached
// (as opposed to answering with an error), when a cached copy is the best
// there is.
func unreachable(err error) bool {
	return errors.Is(err, api.ErrOffline) || errors.Is(err, api.ErrTimeout) || errors.Is(err, context.DeadlineExceeded)
}

// onTasksCached shows the cached first page while the server's is on its
// way, and the cached page when the server cannot be reached.
func (m *Model) onTasksCached(msg tasksCachedMsg) tea.Cmd {
	offline := msg.cause != nil
	if msg.err != nil || msg.reqID != m.tasks.generation() {
		if offline && msg.err != nil {
			m.tasks.fail(capitalize(humanError(msg.cause))+", and this list is not cached.", m.retryHint(msg.cause))
		}
		return nil
	}
	switch {
	case !offline && m.tasks.served:
		return nil // the server's page is already shown
	case offline && m.tasks.served && msg.page.Page <= 1:
		// A refresh while the server is away: the list on screen came
		// from the server in this run, newer than the cache (a task
		// started since is not in it), so it stays.
		m.status.setOffline(msg.stored, m.com.cfg.Location)
		return nil
	}
	waiting := m.tasks.loading && !offline
	m.tasks.applyPage(msg.page)
	m.tasks.loading = waiting
	m.tasks.fromCache = !m.tasks.served
	if offline {
		m.status.setOffline(msg.stored, m.com.cfg.Location)
	}
	m.relayout()
	return nil
}

// storeTaskPage keeps a page of the task list for next time.
func (m *Model) storeTaskPage(p api.TaskPage) tea.Cmd {
	st := m.com.cfg.Store
	if st == nil {
		return nil
	}
	return storeCmd(func() error { return st.PutTaskPage(p) })
}

// offlineRefusal keeps text that cannot be sent because the server is
// unreachable, and says so; nil when sending can go ahead.
func (m *Model) offlineRefusal(text string, fromComposer bool) tea.Cmd {
	if !m.status.offline || strings.TrimSpace(text) == "" {
		return nil
	}
	if fromComposer {
		m.composer.restore(text)
	}
	return m.notify(levelWarn, "Offline: the server cannot be reached, so nothing was sent; your text is kept. "+
		keyHint(m.com.keys.Global.Refresh)+" to retry.")
}

// onTranscriptCached shows a cached transcript (its tail first) until the
// server's copy replaces it; the server is asked once the tail is shown.
func (c *chatModel) onTranscriptCached(msg transcriptCachedMsg) tea.Cmd {
	s := c.state(msg.taskID)
	if msg.reqID != s.reqID {
		return nil // a newer fetch of this task is on its way
	}
	cfg := c.com.cfg
	var cmds []tea.Cmd
	if msg.tail {
		// Shown (or not cached): now the server's copy.
		cmds = append(cmds, loadTranscriptCmd(cfg.Backend, cfg.Timeout, cfg.Now, msg.taskID, msg.reqID))
		if msg.err == nil {
			// Marked read after it is shown: the mark is a synced write.
			// A failed mark only changes what the bound drops first.
			st, id := cfg.Store, msg.taskID
			cmds = append(cmds, storeCmd(func() error { return st.Touch(id) }))
		}
	}
	if msg.err != nil || s.loaded || s.turn.inFlight != "" {
		// Not cached, the server's copy already shown, or a reply streaming
		// into the task: the cached copy has nothing to add.
		return tea.Batch(cmds...)
	}
	es := entriesFromMessages(s.task, msg.msgs, s.local())
	if s.cached {
		s.tr.RefreshEntries(es)
	} else {
		s.tr.SetEntries(es)
	}
	s.cached, s.cachedAt, s.cachedPart = true, msg.info.Stored, msg.from > 0
	s.older = msg.from
	if s.unreachable {
		// The server's answer came first: it could not be reached.
		c.offline(s)
	}
	if msg.taskID == c.openID {
		c.intents.chips = true
		cmds = append(cmds, c.schedulePrewarm())
	}
	return tea.Batch(cmds...)
}

// offline keeps a cached transcript on screen when the server cannot be
// reached; it reports false when there is no cached copy to keep.
func (c *chatModel) offline(s *chatTask) bool {
	if !s.cached || !s.unreachable {
		return false
	}
	s.err = ""
	c.intents.offline, c.intents.offlineAt = true, s.cachedAt
	c.notify(levelWarn, "The server could not be reached: this is the copy cached at "+
		s.cachedAt.In(c.com.cfg.Location).Format("15:04")+"; "+keyHint(c.com.keys.Global.Refresh)+" to retry.")
	return true
}

// cachedRest reads the rest of a cached transcript of which only the tail
// is shown, when the server's copy cannot replace it.
func (c *chatModel) cachedRest(s *chatTask) tea.Cmd {
	st := c.com.cfg.Store
	if st == nil || !s.cachedPart {
		return nil
	}
	return cachedTranscriptCmd(st, s.task.ID, s.reqID, 0)
}

// storeTranscript keeps the server's copy of a transcript for next time.
func (c *chatModel) storeTranscript(task api.Task, msgs []api.Message) tea.Cmd {
	st := c.com.cfg.Store
	if st == nil {
		return nil
	}
	return storeCmd(func() error { return st.PutTranscript(task, msgs) })
}
