package ui

import (
	"errors"

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
	switch {
	case keyRejected:
		return m.notify(levelError, "Live streaming is off: "+humanError(e.Err))
	case e.State == api.StateLive && prev == api.StateRetrying:
		return m.notify(levelInfo, "Reconnected.")
	case e.State == api.StateRetrying && prev == api.StateLive:
		return m.notify(levelWarn, "Connection lost; reconnecting. Messages go over REST meanwhile.")
	}
	return nil
}

// toChat hands msg to the chat and applies what it asked for.
func (m *Model) toChat(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.chat, cmd = m.chat.Update(msg)
	return m.applyChat(cmd)
}

// applyChat carries out the chat's intents after a call: notices, the
// latency, text back into the composer, new suggestions; then lays out
// again (the chip row may have changed) and spins while the chat is busy.
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
	if in.restore != "" {
		m.composer.restore(in.restore)
	}
	if in.chips {
		m.chips.set(m.chat.Suggestions())
	}
	m.relayout()
	if m.chat.Busy() {
		cmds = append(cmds, m.startSpinner())
	}
	return tea.Batch(cmds...)
}
