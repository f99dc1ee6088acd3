package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/ui/transcript"
)

// onSessionEvent applies one WebSocket session event.
func (m *Model) onSessionEvent(ev api.Event) tea.Cmd {
	switch e := ev.(type) {
	case api.TextUpdate:
		return m.onTextUpdate(e)
	case api.FinalMessage:
		return m.onFinal(e)
	case api.ErrorFrame:
		return m.onErrorFrame(e)
	case api.StateChange:
		return m.onConnState(e)
	}
	return nil
}

// onTextUpdate only records the text; streamFlushMsg renders it, so a fast
// stream costs one render per flush interval rather than one per token.
func (m *Model) onTextUpdate(e api.TextUpdate) tea.Cmd {
	if e.TaskID == "" {
		return nil
	}
	s := m.conv.state(e.TaskID)
	if s.inFlight == "" {
		return nil // a late update for a turn that already ended
	}
	if !s.firstToken {
		s.firstToken = true
		m.status.latency = time.Since(s.sentAt)
	}
	s.stream = e.Text
	s.streamDirty = true
	if m.streamTicking {
		return nil
	}
	m.streamTicking = true
	return streamFlushCmd(m.tick)
}

func (m *Model) onStreamFlush() {
	m.streamTicking = false
	for id, s := range m.conv.states {
		if !s.streamDirty {
			continue
		}
		s.streamDirty = false
		if id == m.conv.openID {
			m.conv.tr.SetStreamText(s.streamKey, s.stream)
			continue
		}
		m.conv.upsert(id, transcript.Entry{Key: s.streamKey, Status: transcript.StatusStreaming,
			Msg: api.Message{Text: s.stream, Sender: api.Party{ID: "agent", Type: api.ActorAgent}}})
	}
}

// onFinal ends a turn: the final message replaces the streamed text and
// brings its cards and suggestions. A reply recovered after a dropped
// connection goes under the question it answers, which is marked sent.
func (m *Model) onFinal(e api.FinalMessage) tea.Cmd {
	if e.TaskID == "" {
		return nil
	}
	s := m.conv.state(e.TaskID)
	final := transcript.Entry{Key: e.Message.ID, Msg: e.Message, Status: transcript.StatusSent}
	if final.Key == "" {
		final.Key = m.conv.nextKey("reply-")
	}
	var cmds []tea.Cmd
	switch {
	case e.Recovered && e.Prompt != "" && !m.answersInFlight(s, e.Prompt):
		if u, ok := m.conv.userTurn(e.TaskID, e.Prompt); ok {
			m.conv.markSent(e.TaskID, u.Key)
			m.conv.insertAfter(e.TaskID, u.Key, final)
		} else {
			m.conv.upsert(e.TaskID, final)
		}
	default:
		if s.streamKey != "" {
			m.conv.replace(e.TaskID, s.streamKey, final)
		} else {
			m.conv.upsert(e.TaskID, final)
		}
		answered := s.inFlight
		if answered == "" && e.Recovered {
			// A recovered reply that names no prompt answers the turn that
			// failed last.
			if u, ok := m.conv.lastFailed(e.TaskID); ok {
				answered = u.Key
			}
		}
		m.conv.markSent(e.TaskID, answered)
		s.endTurn()
	}
	if e.TaskID == m.conv.openID {
		m.chips.set(m.conv.suggestions(e.TaskID))
		m.relayout()
	}
	if s.refetch && !s.loading && s.inFlight == "" {
		s.refetch = false
		cmds = append(cmds, m.fetchTranscript(e.TaskID))
	}
	if isPlaceholderTitle(s.task.Title) {
		cmds = append(cmds, refreshTaskCmd(m.cfg.Backend, m.cfg.Timeout, e.TaskID))
	}
	if e.Recovered {
		cmds = append(cmds, m.notify(levelInfo, "Connection dropped mid-reply; the reply was recovered."))
	}
	return tea.Batch(cmds...)
}

// answersInFlight reports whether a reply to prompt is the one the task is
// waiting for right now.
func (m *Model) answersInFlight(s *taskState, prompt string) bool {
	if s.inFlight == "" {
		return false
	}
	u, ok := m.conv.find(s.task.ID, s.inFlight)
	return ok && strings.TrimSpace(u.Msg.Text) == strings.TrimSpace(prompt)
}

// isPlaceholderTitle is true for the titles AUI gives a task before its
// first message, which the server replaces afterwards.
func isPlaceholderTitle(t string) bool {
	switch t {
	case "", "New Conversation", "New Task":
		return true
	}
	return false
}

// onErrorFrame fails a turn: the one the frame names by its prompt when it
// does (a turn lost with the connection), else the one in flight.
func (m *Model) onErrorFrame(e api.ErrorFrame) tea.Cmd {
	reason := "The agent could not reply."
	if e.Err != nil {
		reason = humanError(e.Err)
	}
	if e.TaskID != "" {
		s := m.conv.state(e.TaskID)
		key := s.inFlight
		if e.Prompt != "" {
			if u, ok := m.conv.userTurn(e.TaskID, e.Prompt); ok {
				key = u.Key
			}
		}
		if key != "" {
			m.failTurn(e.TaskID, key, reason)
		}
	}
	return m.notify(levelError, reason)
}

func (m *Model) onConnState(e api.StateChange) tea.Cmd {
	prev := m.status.conn
	m.status.conn, m.status.attempt = e.State, e.Attempt
	m.status.keyRejected = e.State == api.StateOffline && e.Err != nil && errors.Is(e.Err, api.ErrUnauthorized)
	switch {
	case m.status.keyRejected:
		return m.notify(levelError, "Live streaming is off: "+humanError(e.Err))
	case e.State == api.StateLive && prev == api.StateRetrying:
		return tea.Batch(m.notify(levelInfo, "Reconnected."), m.reloadFailed())
	case e.State == api.StateRetrying && prev == api.StateLive:
		return m.notify(levelWarn, "Connection lost; reconnecting. Messages go over REST meanwhile.")
	}
	return nil
}

// reloadFailed loads again what failed to load while the server was out of
// reach (the task list, the open transcript), now that the socket shows it
// is back, so the user need not press ctrl+r.
func (m *Model) reloadFailed() tea.Cmd {
	var cmds []tea.Cmd
	if m.tasks.err != "" && !m.tasks.loading {
		cmds = append(cmds, m.loadTasks(1))
	}
	if id := m.conv.openID; id != "" {
		if s := m.conv.state(id); s.err != "" && !s.loading && s.inFlight == "" {
			cmds = append(cmds, m.fetchTranscript(id))
		}
	}
	return tea.Batch(cmds...)
}
