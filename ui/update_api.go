package ui

import (
	"errors"
	"fmt"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
)

// refreshTag tags the "refreshing…" notice, withdrawn when the list
// arrives rather than left to expire.
const refreshTag = "refresh"

// notify shows a notice in the status bar and schedules its expiry.
func (m *Model) notify(level noticeLevel, text string) tea.Cmd {
	return m.notifyTagged(level, text, "")
}

// notifyTagged is notify for a notice that can be withdrawn by its tag.
func (m *Model) notifyTagged(level noticeLevel, text, tag string) tea.Cmd {
	return noticeExpireCmd(m.com.tick, m.status.setNotice(level, text, tag))
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
	cfg := m.com.cfg
	return tea.Batch(listTasksCmd(cfg.Backend, cfg.Timeout, cfg.Now, m.tasks.beginLoad(page), cfg.UserID, page, cfg.PageSize), m.startSpinner())
}

func (m *Model) onTasksLoaded(msg tasksLoadedMsg) tea.Cmd {
	if msg.reqID != m.tasks.generation() {
		return nil
	}
	if msg.err != nil {
		m.tasks.fail(humanError(msg.err), m.retryHint(msg.err))
		return m.notify(levelError, "Could not load tasks: "+humanError(msg.err))
	}
	m.status.clearTag(refreshTag)
	m.status.setLatency(msg.latency)
	m.tasks.applyPage(msg.page)
	if id := m.chat.OpenID(); id != "" {
		if t, ok := m.tasks.find(id); ok {
			m.chat.SetTask(t)
		}
	}
	var cmds []tea.Cmd
	if id := m.reopen; id != "" && m.chat.OpenID() == "" {
		// The task open when the program last ended comes back, if the
		// list still has it, with the cursor on it.
		m.reopen = ""
		if _, ok := m.tasks.find(id); ok {
			m.tasks.selectID(id)
			cmds = append(cmds, m.openTask(id))
		}
	}
	if m.tasks.wantMore() {
		cmds = append(cmds, m.loadTasks(m.tasks.nextPage()))
	}
	return tea.Batch(cmds...)
}

// newTask creates a task; thenSend (if any) is sent to it once it exists.
// A task just started and still empty is reused rather than joined by
// another empty one.
func (m *Model) newTask(thenSend string) tea.Cmd {
	if thenSend == "" && m.chat.OpenIsEmpty() {
		m.setFocus(focusComposer)
		return m.notify(levelInfo, "This task is new and empty: type your first message.")
	}
	cfg := m.com.cfg
	return tea.Batch(
		createTaskCmd(cfg.Backend, cfg.Timeout, cfg.Now, cfg.UserID, thenSend),
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
	m.status.setLatency(msg.latency)
	m.tasks.add(msg.task)
	m.chat.Created(msg.task)
	cmds := []tea.Cmd{m.openTask(msg.task.ID), m.notify(levelInfo, "new task started")}
	m.setFocus(focusComposer)
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
	m.chat.SetTask(msg.task)
	return nil
}

// openTask shows a task at once (from what is known) and has the chat fetch
// its transcript unless it is loaded or loading.
func (m *Model) openTask(id string) tea.Cmd {
	task, ok := m.tasks.find(id)
	if !ok {
		task = m.chat.Task(id)
	}
	m.composer.switchTask(id)
	m.tasks.setDrafted(m.composer.drafted())
	m.tasks.setOpen(id)
	return m.applyChat(m.chat.Open(task))
}

// send sends text to the open task, or starts a task with it when none is
// open. fromComposer says the text goes back to the composer if it cannot
// be sent.
func (m *Model) send(text string, fromComposer bool) tea.Cmd {
	if m.chat.OpenID() == "" {
		if text == "" {
			return nil
		}
		return m.newTask(text)
	}
	return m.applyChat(m.chat.Send(text, fromComposer))
}

// sendChip sends suggestion n (1-based) as if it were typed.
func (m *Model) sendChip(n int) tea.Cmd {
	text, ok := m.chips.text(n)
	if !ok {
		switch {
		case m.chat.OpenID() == "":
			return m.notify(levelWarn, "Open a task first: suggestions belong to a conversation.")
		case m.chat.Replying():
			return m.notify(levelWarn, "The agent is still replying; its suggestions come with the reply.")
		}
		return m.notify(levelWarn, fmt.Sprintf("There is no suggestion %d.", n))
	}
	return m.send(text, false)
}

// refresh retries the open task's failed send if there is one, and reloads
// the task list and the open transcript.
func (m *Model) refresh() tea.Cmd {
	cmds := []tea.Cmd{m.loadTasks(1)}
	cmd, retried := m.chat.Refresh()
	cmds = append(cmds, m.applyChat(cmd))
	if !retried {
		cmds = append(cmds, m.notifyTagged(levelInfo, "refreshing…", refreshTag))
	}
	return tea.Batch(cmds...)
}

// retryHint says what helps after a failed call: a rejected key is not
// fixed by retrying.
func (m *Model) retryHint(err error) string {
	if errors.Is(err, api.ErrUnauthorized) || errors.Is(err, api.ErrForbidden) {
		return "Check AUI_NETWORK_API_KEY (or the key file) and restart."
	}
	if errors.Is(err, api.ErrNotFound) {
		// The task listing exists for every user: a 404 means the address
		// is not an AUI API, and retrying will not change that.
		return "This address serves no AUI task list: check --base-url (or --region) and restart."
	}
	return keyHint(m.com.keys.Global.Refresh) + " to retry"
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
	if !m.tasks.isLoading() && !m.chat.Busy() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	m.syncSpinner()
	return cmd
}

// syncSpinner shows the spinner's frame in the panes that spin.
func (m *Model) syncSpinner() {
	frame := m.spin.View()
	m.tasks.SetSpinner(frame)
	m.chat.SetSpinner(frame)
}
