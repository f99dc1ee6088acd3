package ui

import (
	"errors"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

func (m *Model) loadTasks(page int) tea.Cmd {
	cfg := m.com.cfg
	return tea.Batch(listTasksCmd(cfg.Backend, cfg.Timeout, cfg.Now, m.tasks.beginLoad(page), cfg.UserID, page, cfg.PageSize), m.startSpinner())
}

func (m *Model) onTasksLoaded(msg tasksLoadedMsg) tea.Cmd {
	if msg.reqID != m.tasks.generation() {
		return nil
	}
	if msg.err != nil {
		if st := m.com.cfg.Store; st != nil && unreachable(msg.err) {
			// Show the cached copy of the page (onTasksCached says if none).
			m.tasks.loading = false
			return tea.Batch(cachedTasksCmd(st, m.tasks.generation(), msg.pageNo, m.com.cfg.PageSize, msg.err),
				m.notify(levelError, "Could not load tasks: "+humanError(msg.err)))
		}
		hint := m.retryHint(msg.err)
		if errors.Is(msg.err, api.ErrNotFound) {
			// Every user has a task listing: a 404 means the address is
			// not an AUI API, and retrying will not change that.
			hint = "This address serves no AUI task list: check --base-url (or --region) and restart."
		}
		m.tasks.fail(humanError(msg.err), hint)
		return m.notify(levelError, "Could not load tasks: "+humanError(msg.err))
	}
	m.status.clearTag(refreshTag)
	m.status.setLatency(msg.latency)
	m.status.offline = false
	m.tasks.served = true
	m.tasks.applyPage(msg.page)
	m.tasks.fromCache = false
	store := m.storeTaskPage(msg.page)
	if id := m.chat.OpenID(); id != "" {
		if t, ok := m.tasks.find(id); ok {
			m.chat.SetTask(t)
		}
	}
	cmds := []tea.Cmd{store}
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
	// The record is optional: a server without it is not an error to
	// show, only a call not to make again.
	if errors.Is(msg.err, api.ErrUnavailable) {
		m.chat.NoTaskRecord()
		return nil
	}
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
