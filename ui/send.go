package ui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/ui/transcript"
)

// sendChip sends suggestion n (1-based) as if it were typed.
func (m *Model) sendChip(n int) tea.Cmd {
	text, ok := m.chips.text(n)
	if !ok {
		switch {
		case m.conv.openID == "":
			return m.notify(levelWarn, "Open a task first: suggestions belong to a conversation.")
		case m.conv.state(m.conv.openID).inFlight != "":
			return m.notify(levelWarn, "The agent is still replying; its suggestions come with the reply.")
		}
		return m.notify(levelWarn, fmt.Sprintf("There is no suggestion %d.", n))
	}
	return m.send(text, false)
}

// send shows the user's message at once and sends it. fromComposer says the
// text came from the composer, so it goes back there if it cannot be sent.
func (m *Model) send(text string, fromComposer bool) tea.Cmd {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	id := m.conv.openID
	if id == "" {
		return m.newTask(text)
	}
	s := m.conv.state(id)
	if s.inFlight != "" {
		if fromComposer {
			m.composer.restore(text)
		}
		return m.notify(levelWarn, "The agent is still replying; your text is kept in the composer.")
	}
	if cmd := m.offlineRefusal(text, fromComposer); cmd != nil {
		return cmd
	}
	localKey := m.conv.nextKey(localPrefix)
	m.conv.upsert(id, transcript.Entry{
		Key:    localKey,
		Status: transcript.StatusPending,
		Msg: api.Message{
			Text:      text,
			CreatedAt: api.NewTimestamp(m.cfg.Now()),
			Sender:    api.Party{ID: m.cfg.UserID, Type: api.ActorUser},
			Receiver:  api.Party{ID: "agent", Type: api.ActorAgent},
		},
	})
	s.inFlight = localKey
	m.chips.set(nil)
	if m.focus == focusChips {
		m.setFocus(focusComposer)
	}
	m.conv.tr.ScrollToBottom()
	if s.loading && !s.loaded {
		s.queued = true
		m.relayout()
		cmd := m.notify(levelInfo, "Sending once the task's history has loaded…")
		s.queuedNotice = m.status.noticeID
		return tea.Batch(m.startSpinner(), cmd)
	}
	return m.dispatch(id, localKey, text)
}

// dispatch sends the message in flight and puts up the reply placeholder.
func (m *Model) dispatch(id, localKey, text string) tea.Cmd {
	s := m.conv.state(id)
	if s.queued {
		m.status.expire(s.queuedNotice) // it is being sent now
	}
	s.queued = false
	s.sentAt, s.firstToken = time.Now(), false
	s.streamKey = "stream-" + id
	m.conv.upsert(id, transcript.Entry{Key: s.streamKey, Status: transcript.StatusStreaming,
		Msg: api.Message{Sender: api.Party{ID: "agent", Type: api.ActorAgent}}})
	m.relayout()
	return tea.Batch(sendCmd(m.cfg.Sender, m.cfg.Timeout, id, localKey, text), m.startSpinner())
}

// dispatchQueued sends a message that waited for the history, if any.
func (m *Model) dispatchQueued(id string) tea.Cmd {
	s := m.conv.state(id)
	if !s.queued {
		return nil
	}
	if e, ok := m.conv.find(id, s.inFlight); ok {
		return m.dispatch(id, s.inFlight, e.Msg.Text)
	}
	s.queued, s.inFlight = false, ""
	return nil
}

// retry sends a failed message again, in place of the failed entry.
func (m *Model) retry(taskID string, e transcript.Entry) tea.Cmd {
	m.conv.remove(taskID, e.Key)
	return m.send(e.Msg.Text, false)
}

func (m *Model) onSendDone(msg sendDoneMsg) tea.Cmd {
	if msg.err == nil {
		if s := m.conv.state(msg.taskID); !s.firstToken {
			// Over REST the whole reply came back; over the socket only the
			// write returned, and the first token sets the latency.
			m.status.latency = msg.latency
		}
		if e, ok := m.conv.find(msg.taskID, msg.localKey); ok && e.Status == transcript.StatusPending {
			e.Status = transcript.StatusSent
			m.conv.upsert(msg.taskID, e)
		}
		return nil
	}
	m.failTurn(msg.taskID, msg.localKey, humanError(msg.err))
	return m.notify(levelError, "Message not sent: "+humanError(msg.err))
}

// failTurn marks a user message failed (keeping its text for ctrl+r) and
// removes the reply placeholder.
func (m *Model) failTurn(taskID, localKey, reason string) {
	s := m.conv.state(taskID)
	if e, ok := m.conv.find(taskID, localKey); ok {
		e.Status = transcript.StatusFailed
		e.Err = reason
		m.conv.upsert(taskID, e)
	}
	if s.inFlight == localKey {
		if s.streamKey != "" {
			m.conv.remove(taskID, s.streamKey)
		}
		s.endTurn()
	}
	if taskID == m.conv.openID {
		m.chips.set(m.conv.suggestions(taskID))
		m.relayout()
	}
}
