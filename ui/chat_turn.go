package ui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/ui/transcript"
)

// A turn, start to end: Send puts the user's message up as pending and
// sends it (or queues it until the history has loaded); the reply streams
// in as TextUpdate events, shown every flush interval; FinalMessage
// replaces the streamed text and brings the suggestions; a failed send or
// an ErrorFrame marks the message failed for the retry key; a reply lost
// with the connection is recovered later as a FinalMessage marked
// Recovered, which goes under the question it answers.

// queuedTag tags the notice of a message waiting for its task's history.
func queuedTag(taskID string) string { return "queued:" + taskID }

// Send shows the user's message at once and sends it to the open task.
// fromComposer says the text came from the composer, so it goes back there
// if it cannot be sent. With no task open it does nothing: the root starts
// a task first.
func (c *chatModel) Send(text string, fromComposer bool) tea.Cmd {
	text = strings.TrimSpace(text)
	id := c.openID
	if text == "" || id == "" {
		return nil
	}
	s := c.state(id)
	if s.turn.inFlight != "" || len(s.queue) > 0 {
		c.enqueue(s, text)
		return nil
	}
	localKey := c.nextKey(localPrefix)
	s.tr.Upsert(c.userEntry(localKey, text, transcript.StatusPending))
	s.turn.inFlight = localKey
	c.intents.chips = true
	s.tr.ScrollToBottom()
	if s.loading && !s.loaded {
		s.turn.queued = true
		c.intents.notices = append(c.intents.notices,
			notice{level: levelInfo, text: "Sending once the task's history has loaded…", tag: queuedTag(id)})
		return nil
	}
	return c.dispatch(id, localKey, text)
}

// dispatch sends the message in flight and puts up the reply placeholder.
func (c *chatModel) dispatch(id, localKey, text string) tea.Cmd {
	s := c.state(id)
	if s.turn.queued {
		// It is being sent now.
		c.intents.notices = append(c.intents.notices, notice{tag: queuedTag(id), clear: true})
	}
	s.turn.queued = false
	s.turn.sentAt, s.turn.firstToken = c.com.cfg.Now(), false
	s.turn.streamKey = "stream-" + id
	s.tr.Upsert(streamingEntry(s.turn.streamKey, ""))
	cfg := c.com.cfg
	return sendCmd(cfg.Sender, cfg.Timeout, cfg.Now, id, localKey, text)
}

// dispatchQueued sends a message that waited for the history, if any.
func (c *chatModel) dispatchQueued(id string) tea.Cmd {
	s := c.state(id)
	if !s.turn.queued {
		return nil
	}
	if e, ok := s.find(s.turn.inFlight); ok {
		return c.dispatch(id, s.turn.inFlight, e.Msg.Text)
	}
	s.turn = turn{}
	return nil
}

// retry sends a failed message again, in place of the failed entry.
func (c *chatModel) retry(s *chatTask, e transcript.Entry) tea.Cmd {
	s.tr.Remove(e.Key)
	return c.Send(e.Msg.Text, false)
}

// setLatency reports the last request's latency to the status bar.
func (c *chatModel) setLatency(d time.Duration) {
	c.intents.latency, c.intents.timed = d, true
}

func (c *chatModel) onSendDone(msg sendDoneMsg) {
	s := c.state(msg.taskID)
	if msg.err != nil {
		c.failTurnFor(msg.taskID, msg.localKey, humanError(msg.err), refusal(msg.err))
		c.notify(levelError, "Message not sent: "+humanError(msg.err))
		return
	}
	if !s.turn.firstToken {
		// Over REST the whole reply came back; over the socket only the
		// write returned, and the first token sets the latency.
		c.setLatency(msg.latency)
	}
	if e, ok := s.find(msg.localKey); ok && e.Status == transcript.StatusPending {
		e.Status = transcript.StatusSent
		s.tr.Upsert(e)
	}
}

// failTurn marks a user message failed (keeping its text for the retry
// key) and removes the reply placeholder.
func (c *chatModel) failTurn(taskID, localKey, reason string) {
	c.failTurnFor(taskID, localKey, reason, false)
}

// refusal reports whether err is the server refusing a message for what it
// says (content moderation): sending it unchanged would be refused again.
func refusal(err error) bool { return err != nil && errors.Is(err, api.ErrBadRequest) }

// failTurnFor is failTurn; a refused message (see refusal) is offered for
// editing, not for a retry: its text goes back into the composer when that
// is empty and the task open.
func (c *chatModel) failTurnFor(taskID, localKey, reason string, refused bool) {
	s := c.state(taskID)
	if e, ok := s.find(localKey); ok {
		e.Status = transcript.StatusFailed
		e.Err, e.Refused = reason, refused
		s.tr.Upsert(e)
		if refused && taskID == c.openID {
			c.intents.restore = e.Msg.Text
		}
	}
	if s.turn.inFlight == localKey {
		if s.turn.streamKey != "" {
			s.tr.Remove(s.turn.streamKey)
		}
		s.turn = turn{}
	}
	if taskID == c.openID {
		c.intents.chips = true
	}
}

// onTextUpdate only records the text; streamFlushMsg renders it, so a fast
// stream costs one render per flush interval rather than one per token.
func (c *chatModel) onTextUpdate(e api.TextUpdate) tea.Cmd {
	if e.TaskID == "" {
		return nil
	}
	s := c.state(e.TaskID)
	if s.turn.inFlight == "" {
		return nil // a late update for a turn that already ended
	}
	if !s.turn.firstToken {
		s.turn.firstToken = true
		c.setLatency(c.com.cfg.Now().Sub(s.turn.sentAt))
	}
	s.turn.stream = e.Text
	s.turn.streamDirty = true
	if c.streamTicking {
		return nil
	}
	c.streamTicking = true
	return streamFlushCmd(c.com.tick)
}

func (c *chatModel) onStreamFlush() {
	c.streamTicking = false
	for _, s := range c.tasks {
		if s.turn.streamDirty {
			s.turn.streamDirty = false
			s.tr.SetStreamText(s.turn.streamKey, s.turn.stream)
		}
	}
}

// onFinal ends a turn: the final message replaces the streamed text and
// brings its cards and suggestions. A reply recovered after a dropped
// connection goes under the question it answers, which is marked sent.
func (c *chatModel) onFinal(e api.FinalMessage) tea.Cmd {
	if e.TaskID == "" {
		return nil
	}
	s := c.state(e.TaskID)
	final := transcript.Entry{Key: e.Message.ID, Msg: e.Message, Status: transcript.StatusSent}
	if final.Key == "" {
		final.Key = c.nextKey("reply-")
	}
	var cmds []tea.Cmd
	switch {
	case e.Recovered && e.Prompt != "" && !s.answersInFlight(e.Prompt):
		if u, ok := s.userTurn(e.Prompt); ok {
			s.markSent(u.Key)
			if _, cut := s.find(cutKey(u.Key)); cut {
				// In the cut part's place, the reader's hold on it kept;
				// ReplaceKey keeps a copy a reload brought first.
				s.tr.ReplaceKey(cutKey(u.Key), final)
			} else {
				s.insertAfter(u.Key, final)
			}
		} else {
			s.tr.Upsert(final)
		}
	default:
		if s.turn.streamKey != "" {
			s.tr.ReplaceKey(s.turn.streamKey, final)
		} else {
			s.tr.Upsert(final)
		}
		answered := s.turn.inFlight
		if answered == "" && e.Recovered {
			// A recovered reply that names no prompt answers the turn that
			// failed last.
			if u, ok := s.lastFailed(); ok {
				answered = u.Key
			}
		}
		s.markSent(answered)
		s.turn = turn{}
	}
	if e.TaskID == c.openID {
		c.intents.chips = true
	}
	if s.refetch && !s.loading && s.turn.inFlight == "" {
		s.refetch = false
		cmds = append(cmds, c.fetch(e.TaskID))
	} else if s.unconfirmed() && !s.loading && s.turn.inFlight == "" {
		cmds = append(cmds, c.confirmSent(e.TaskID))
	}
	if isPlaceholderTitle(s.task.Title) && !c.noTaskRecord {
		cfg := c.com.cfg
		cmds = append(cmds, refreshTaskCmd(cfg.Backend, cfg.Timeout, e.TaskID))
	}
	if e.Recovered {
		c.notify(levelInfo, "Connection dropped mid-reply; the reply was recovered.")
	}
	return tea.Batch(cmds...)
}

// answersInFlight reports whether a reply to prompt is the one the task is
// waiting for right now.
func (s *chatTask) answersInFlight(prompt string) bool {
	if s.turn.inFlight == "" {
		return false
	}
	u, ok := s.find(s.turn.inFlight)
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
func (c *chatModel) onErrorFrame(e api.ErrorFrame) {
	reason := "The agent could not reply."
	if e.Err != nil {
		reason = humanError(e.Err)
	}
	if e.TaskID != "" {
		s := c.state(e.TaskID)
		key := s.turn.inFlight
		if e.Prompt != "" {
			if u, ok := s.userTurn(e.Prompt); ok {
				key = u.Key
			}
		}
		switch {
		case key != "" && e.Interrupted:
			c.interruptTurn(e.TaskID, key, reason)
			c.notify(levelWarn, reason)
			return
		case key != "":
			// A nil *APIError in an error would not be nil (and would
			// panic in Is): only a real one is asked.
			c.failTurnFor(e.TaskID, key, reason, e.Err != nil && refusal(e.Err))
		}
	}
	c.notify(levelError, reason)
}

// cutKey names the kept part of a reply cut off under the user message
// userKey.
func cutKey(userKey string) string { return "cut-" + userKey }

// interruptTurn ends a turn whose reply was cut off part way: the server
// has the message, so it is marked sent (no retry is offered, which would
// send it twice), and the text that arrived stays, marked with the reason.
// A reply recovered later takes its place (onFinal).
func (c *chatModel) interruptTurn(taskID, userKey, reason string) {
	s := c.state(taskID)
	s.markSent(userKey)
	cut := cutKey(userKey)
	if e, ok := s.find(cut); ok {
		e.Err = reason // what happens next has changed
		s.tr.Upsert(e)
		return
	}
	if s.turn.inFlight != userKey {
		return
	}
	if s.turn.streamKey != "" {
		if text := strings.TrimSpace(s.turn.stream); text != "" {
			kept := streamingEntry(cut, s.turn.stream)
			kept.Status, kept.Err = transcript.StatusInterrupted, reason
			s.tr.ReplaceKey(s.turn.streamKey, kept)
		} else {
			s.tr.Remove(s.turn.streamKey)
		}
	}
	s.turn = turn{}
	if taskID == c.openID {
		c.intents.chips = true
	}
}
