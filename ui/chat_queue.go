package ui

import (
	"aui-tui/api"
	"aui-tui/ui/transcript"

	tea "charm.land/bubbletea/v2"
)

// A message sent while the agent is still replying is not refused: it is
// shown as queued and sent when the turn ends, in order; the composer's
// leave key takes the last queued message back (CancelQueued).

// enqueue shows text as queued in task s, to be sent after the turn.
func (c *chatModel) enqueue(s *chatTask, text string) {
	key := c.nextKey(localPrefix)
	s.tr.Upsert(c.userEntry(key, text, transcript.StatusQueued))
	s.queue = append(s.queue, key)
	s.tr.ScrollToBottom()
	c.notify(levelInfo, "Queued: sent when the agent's reply ends ("+keyHint(c.com.keys.Composer.Leave)+" in the composer takes it back).")
}

// userEntry is a message of the user's made here, under a local key until
// the server names it.
func (c *chatModel) userEntry(key, text string, st transcript.Status) transcript.Entry {
	return transcript.Entry{
		Key:    key,
		Status: st,
		Msg: api.Message{
			Text:      text,
			CreatedAt: api.NewTimestamp(c.com.cfg.Now()),
			Sender:    api.Party{ID: c.com.cfg.UserID, Type: api.ActorUser},
			Receiver:  agent,
		},
	}
}

// sendQueued sends the next queued message of every task whose turn has
// ended and whose history is loaded.
func (c *chatModel) sendQueued() tea.Cmd {
	var cmds []tea.Cmd
	for id, s := range c.tasks {
		if len(s.queue) == 0 || s.turn.inFlight != "" || s.loading {
			continue
		}
		key := s.queue[0]
		s.queue = s.queue[1:]
		e, ok := s.find(key)
		if !ok {
			continue
		}
		e.Status = transcript.StatusPending
		s.tr.Upsert(e)
		s.turn.inFlight = key
		if id == c.openID {
			c.intents.chips = true
		}
		cmds = append(cmds, c.dispatch(id, key, e.Msg.Text))
	}
	return tea.Batch(cmds...)
}

// HasQueued reports whether the open task has a message waiting to be sent.
func (c *chatModel) HasQueued() bool {
	return c.openID != "" && len(c.state(c.openID).queue) > 0
}

// CancelQueued takes the open task's last queued message back and returns
// its text (for the composer); false when nothing is queued.
func (c *chatModel) CancelQueued() (string, bool) {
	if !c.HasQueued() {
		return "", false
	}
	s := c.state(c.openID)
	key := s.queue[len(s.queue)-1]
	s.queue = s.queue[:len(s.queue)-1]
	e, ok := s.find(key)
	s.tr.Remove(key)
	return e.Msg.Text, ok
}
