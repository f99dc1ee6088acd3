package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
	"aui-tui/ui/transcript"
)

// notify shows a notice in the status bar and schedules its expiry.
func (m *Model) notify(level noticeLevel, text string) tea.Cmd {
	return noticeExpireCmd(m.tick, m.status.setNotice(level, text))
}

// humanError is the sentence shown for an error. The api package already
// words its errors for people; this only guards against control bytes.
func humanError(err error) string {
	if err == nil {
		return ""
	}
	return textsafe.Line(err.Error())
}

func (m *Model) loadTasks(page int) tea.Cmd {
	gen := m.tasks.gen
	if page <= 1 {
		gen = m.tasks.beginRefresh()
	} else {
		m.tasks.loading = true
	}
	return tea.Batch(listTasksCmd(m.cfg.Backend, m.cfg.Timeout, gen, m.cfg.UserID, page, m.cfg.PageSize), m.startSpinner())
}

func (m *Model) onTasksLoaded(msg tasksLoadedMsg) tea.Cmd {
	if msg.reqID != m.tasks.gen {
		return nil
	}
	if msg.err != nil {
		m.tasks.fail(humanError(msg.err), m.retryHint(msg.err))
		return m.notify(levelError, "Could not load tasks: "+humanError(msg.err))
	}
	if m.status.noticeID == m.refreshNotice {
		m.status.expire(m.refreshNotice)
	}
	m.status.latency = msg.latency
	m.tasks.applyPage(msg.page)
	if m.conv.openID != "" {
		if t, ok := m.tasks.find(m.conv.openID); ok {
			m.conv.state(t.ID).task = t
		}
	}
	if m.tasks.wantMore() {
		return m.loadTasks(m.tasks.nextPage())
	}
	return nil
}

// newTask creates a task; thenSend (if any) is sent to it once it exists.
// A task just started and still empty is reused rather than joined by
// another empty one.
func (m *Model) newTask(thenSend string) tea.Cmd {
	if id := m.conv.openID; thenSend == "" && id != "" && m.conv.isEmpty(id) {
		return tea.Batch(m.setFocus(focusComposer), m.notify(levelInfo, "This task is new and empty: type your first message."))
	}
	return tea.Batch(
		createTaskCmd(m.cfg.Backend, m.cfg.Timeout, m.cfg.UserID, thenSend),
		m.notify(levelInfo, "starting a new task…"),
	)
}

func (m *Model) onTaskCreated(msg taskCreatedMsg) tea.Cmd {
	if msg.err != nil {
		if msg.thenSend != "" {
			m.composer.restore(msg.thenSend)
		}
		return m.notify(levelError, "Could not start a task: "+humanError(msg.err))
	}
	m.status.latency = msg.latency
	m.tasks.add(msg.task)
	s := m.conv.state(msg.task.ID)
	s.loaded = true // a new task has no history to fetch
	cmds := []tea.Cmd{m.openTask(msg.task.ID), m.setFocus(focusComposer), m.notify(levelInfo, "new task started")}
	if msg.thenSend != "" {
		cmds = append(cmds, m.send(msg.thenSend, false))
	}
	return tea.Batch(cmds...)
}

func (m *Model) onTaskRefreshed(msg taskRefreshedMsg) tea.Cmd {
	if msg.err != nil {
		// Only the task's new title is missing; the conversation is fine.
		return m.notify(levelWarn, "Could not update the task's title: "+humanError(msg.err)+"; "+m.retryHint(msg.err)+".")
	}
	m.tasks.replace(msg.task)
	m.conv.state(msg.task.ID).task = msg.task
	return nil
}

// openTask shows a task at once (from what is known) and fetches its
// transcript unless it is loaded or loading.
func (m *Model) openTask(id string) tea.Cmd {
	task, ok := m.tasks.find(id)
	if !ok {
		task = m.conv.state(id).task
	}
	m.composer.switchTask(id)
	m.tasks.setDrafted(m.composer.drafted())
	m.tasks.openID = id
	fetch := m.conv.open(task)
	m.chips.set(m.conv.suggestions(id))
	m.relayout()
	if !fetch {
		return nil
	}
	return m.fetchTranscript(id)
}

func (m *Model) fetchTranscript(id string) tea.Cmd {
	m.reqSeq++
	s := m.conv.state(id)
	s.reqID = m.reqSeq
	s.loading = true
	s.err = ""
	return tea.Batch(loadTranscriptCmd(m.cfg.Backend, m.cfg.Timeout, id, m.reqSeq), m.startSpinner())
}

func (m *Model) onTranscriptLoaded(msg transcriptLoadedMsg) tea.Cmd {
	s := m.conv.state(msg.taskID)
	if msg.reqID != s.reqID {
		return nil // an older fetch of this task; a newer one is on its way
	}
	s.loading = false
	if msg.err != nil {
		s.err = humanError(msg.err)
		// A message waiting for the history is sent anyway.
		return tea.Batch(m.notify(levelError, "Could not load the transcript: "+s.err), m.dispatchQueued(msg.taskID))
	}
	m.status.latency = msg.latency
	if s.inFlight != "" && !s.queued {
		// A reply is streaming: the history would hold its turn twice.
		// Set it aside and fetch again when the turn ends.
		s.refetch = true
		return nil
	}
	wasLoaded := s.loaded
	s.loaded = true
	if wasLoaded && sameMessages(&m.conv, msg.taskID, msg.msgs) {
		// A refresh that found nothing new keeps the reader's place.
		return m.dispatchQueued(msg.taskID)
	}
	m.conv.setEntries(msg.taskID, entriesFromMessages(s.task, msg.msgs, m.conv.local(msg.taskID)))
	var cmds []tea.Cmd
	if msg.taskID == m.conv.openID {
		m.chips.set(m.conv.suggestions(msg.taskID))
		m.relayout()
		cmds = append(cmds, m.schedulePrewarm())
	}
	return tea.Batch(append(cmds, m.dispatchQueued(msg.taskID))...)
}

// refresh retries the open task's failed send if there is one, and reloads
// the task list and the open transcript.
func (m *Model) refresh() tea.Cmd {
	cmds := []tea.Cmd{m.loadTasks(1)}
	if id := m.conv.openID; id != "" {
		if e, ok := m.conv.lastFailed(id); ok && m.conv.state(id).inFlight == "" {
			return tea.Batch(append(cmds, m.retry(id, e))...)
		}
		if m.conv.state(id).inFlight == "" {
			cmds = append(cmds, m.fetchTranscript(id))
		}
	}
	cmd := m.notify(levelInfo, "refreshing…")
	m.refreshNotice = m.status.noticeID
	return tea.Batch(append(cmds, cmd)...)
}

// retryHint says what helps after a failed call: a rejected key is not
// fixed by retrying.
func (m *Model) retryHint(err error) string {
	if errors.Is(err, api.ErrUnauthorized) || errors.Is(err, api.ErrForbidden) {
		return "Check AUI_NETWORK_API_KEY (or the key file) and restart."
	}
	return keyHint(m.km.Global.Refresh) + " to retry"
}

// anyLoading reports whether something shows a spinner.
func (m *Model) anyLoading() bool {
	if m.tasks.loading {
		return true
	}
	if m.conv.openID != "" {
		s := m.conv.state(m.conv.openID)
		return s.loading || s.inFlight != ""
	}
	return false
}

// startSpinner ticks the spinner only while something loads, so an idle
// program uses no CPU.
func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) onSpin(msg spinner.TickMsg) tea.Cmd {
	if !m.anyLoading() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	return cmd
}

// sameMessages reports whether a fetched transcript holds exactly the
// server messages already shown, in order (compared by id).
func sameMessages(c *conversationModel, taskID string, msgs []api.Message) bool {
	i := len(msgs) - 1
	same := true
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if e.Welcome || e.Status != transcript.StatusSent {
			return true
		}
		// A message sent from here keeps its local key; the server's copy
		// of it has an id, so it is matched by sender and text instead.
		mine := strings.HasPrefix(e.Key, localPrefix) && !e.Msg.FromAgent()
		switch {
		case i < 0:
			same = false
		case mine:
			same = !msgs[i].FromAgent() && strings.TrimSpace(msgs[i].Text) == strings.TrimSpace(e.Msg.Text)
		default:
			same = msgs[i].ID != "" && msgs[i].ID == e.Key
		}
		if !same {
			return false
		}
		i--
		return true
	})
	return same && i < 0
}
