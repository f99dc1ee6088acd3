package ui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

// onSessionEvent routes one WebSocket session event: the connection's state
// is the status bar's, everything about a turn is the chat's.
func (m *Model) onSessionEvent(ev api.Event) tea.Cmd {
	if e, ok := ev.(api.StateChange); ok {
		return m.onConnState(e)
	}
	return m.toChat(ev)
}

func (m *Model) onConnState(e api.StateChange) tea.Cmd {
	prev := m.status.conn
	keyRejected := e.State == api.StateOffline && e.Err != nil && errors.Is(e.Err, api.ErrUnauthorized)
	m.status.setConn(e.State, e.Attempt, keyRejected)
	// A reconnect goes retrying → connecting → live: whether the socket
	// was lost is remembered across the attempts, not read from the
	// state just before.
	lost, wasOffline := m.status.lost, m.status.offline
	switch e.State {
	case api.StateRetrying:
		m.status.lost = true
	case api.StateLive:
		m.status.lost = false
		m.status.offline = false // the server is back
	}
	quiet := m.status.quietRetry
	switch e.State {
	case api.StateRetrying:
		m.status.quietRetry = quiet && prev != api.StateLive || prev == api.StateLive && closedAfterRefusal(e.Err)
	case api.StateLive, api.StateOffline:
		m.status.quietRetry = false
	}
	switch {
	case keyRejected:
		return m.notify(levelError, "Live streaming is off: "+humanError(e.Err))
	case e.State == api.StateLive && lost && quiet:
		return m.reloadFailed(wasOffline)
	case e.State == api.StateLive && lost:
		return tea.Batch(m.notify(levelInfo, "Reconnected."), m.reloadFailed(wasOffline))
	case e.State == api.StateRetrying && prev == api.StateLive && !m.status.quietRetry:
		return m.notify(levelWarn, "Connection lost; reconnecting. Messages go over REST meanwhile.")
	}
	return nil
}

// closedAfterRefusal reports the server closing the socket after an error
// frame, as AUI does when it refuses a message: the refusal is on the
// message already, and the session reconnects at once, so a warning about
// a lost connection would only hide it.
func closedAfterRefusal(err error) bool {
	var ce *api.CloseError
	return errors.As(err, &ce) && ce.AfterErrorFrame
}

// toChat hands msg to the chat and applies what it asked for.
func (m *Model) toChat(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.chat, cmd = m.chat.Update(msg)
	return m.applyChat(cmd)
}

// applyChat carries out the chat's intents after a call: notices, the
// latency, text back into the composer, new suggestions (then the layout,
// as the chip row or the composer may have changed height), and the
// spinner while the chat is busy.
func (m *Model) applyChat(cmd tea.Cmd) tea.Cmd {
	in := m.chat.takeIntents()
	cmds := []tea.Cmd{cmd}
	for _, n := range in.notices {
		if n.clear {
			m.status.clearTag(n.tag)
			continue
		}
		cmds = append(cmds, m.notifyTagged(n.level, n.text, n.tag))
	}
	if in.timed {
		m.status.setLatency(in.latency)
	}
	if in.online {
		m.status.offline = false
	}
	if in.offline {
		m.status.setOffline(in.offlineAt, m.com.cfg.Location)
	}
	if in.restore != "" {
		m.composer.restore(in.restore)
	}
	if in.chips {
		m.chips.set(m.chat.Suggestions())
	}
	if in.chips || in.restore != "" {
		m.relayout()
	}
	if m.chat.Busy() {
		cmds = append(cmds, m.startSpinner())
	}
	return tea.Batch(cmds...)
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
	if cmd := m.offlineRefusal(text, fromComposer); cmd != nil {
		return cmd
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

// reloadFailed loads again what failed to load while the server was out of
// reach (the task list, the open transcript), now that the socket shows it
// is back, so the user need not press ctrl+r. The list is loaded again too
// when the cache stood in for it (wasOffline): tasks started since it was
// stored belong at its top.
func (m *Model) reloadFailed(wasOffline bool) tea.Cmd {
	var cmds []tea.Cmd
	if (m.tasks.err != "" || wasOffline || m.tasks.fromCache) && !m.tasks.loading {
		cmds = append(cmds, m.loadTasks(1))
	}
	cmds = append(cmds, m.applyChat(m.chat.ReloadFailed()))
	return tea.Batch(cmds...)
}
