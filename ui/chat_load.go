package ui

import (
	tea "charm.land/bubbletea/v2"
)

// fetch loads a task's transcript; only the newest fetch of a task is kept.
func (c *chatModel) fetch(id string) tea.Cmd {
	c.reqSeq++
	s := c.state(id)
	s.reqID = c.reqSeq
	s.loading = true
	s.err = ""
	cfg := c.com.cfg
	if cfg.Store != nil && !s.loaded && !s.cached {
		// The cached tail first, then the server (see onTranscriptCached):
		// on a busy machine the server's copy would delay it.
		return cachedTranscriptCmd(cfg.Store, id, c.reqSeq, cacheTail)
	}
	return loadTranscriptCmd(cfg.Backend, cfg.Timeout, cfg.Now, id, c.reqSeq)
}

// confirmSent fetches a task's transcript for the server's copies of the
// messages sent from here, so the raw view can show them.
func (c *chatModel) confirmSent(id string) tea.Cmd {
	cfg := c.com.cfg
	load := loadTranscriptCmd(cfg.Backend, cfg.Timeout, cfg.Now, id, 0)
	return func() tea.Msg {
		msg := load().(transcriptLoadedMsg)
		msg.confirm = true
		return msg
	}
}

// onConfirmLoaded takes the server's copies of messages sent from here
// when the fetched transcript is exactly what is shown; anything else (an
// error, a server that has not caught up, a turn under way, a transcript
// so long only its tail was decoded) is left to the next full fetch, so
// this never replaces what is on screen.
func (c *chatModel) onConfirmLoaded(msg transcriptLoadedMsg) {
	s := c.state(msg.taskID)
	if msg.err != nil || msg.rest != nil || s.loading || s.turn.inFlight != "" || !s.sameMessages(msg.msgs) {
		return
	}
	s.adoptServerCopies(msg.msgs)
}

func (c *chatModel) onTranscriptLoaded(msg transcriptLoadedMsg) tea.Cmd {
	if msg.confirm {
		c.onConfirmLoaded(msg)
		return nil
	}
	s := c.state(msg.taskID)
	if msg.reqID != s.reqID {
		return nil // an older fetch of this task; a newer one is on its way
	}
	s.loading = false
	if msg.err != nil {
		s.unreachable = unreachable(msg.err)
		if c.offline(s) {
			return tea.Batch(c.cachedRest(s), c.dispatchQueued(msg.taskID))
		}
		s.err = humanError(msg.err)
		c.notify(levelError, "Could not load the transcript: "+s.err)
		// A message waiting for the history is sent anyway.
		return c.dispatchQueued(msg.taskID)
	}
	c.setLatency(msg.latency)
	c.intents.online = true
	s.unreachable = false
	if s.turn.inFlight != "" && !s.turn.queued {
		// A reply is streaming: the history would hold its turn twice.
		// Set it aside and fetch again when the turn ends.
		s.refetch = true
		return nil
	}
	shown := s.loaded || s.cached || s.partial
	if msg.rest != nil {
		return c.showTail(msg, shown)
	}
	s.loaded, s.partial, s.older = true, false, 0
	if shown && s.sameMessages(msg.msgs) {
		// A refresh, or the server's copy of a cached transcript, that
		// found nothing new keeps the reader's place.
		s.adoptServerCopies(msg.msgs)
		return c.dispatchQueued(msg.taskID)
	}
	es := entriesFromMessages(s.task, msg.msgs, s.local())
	if shown {
		s.tr.RefreshEntries(es)
	} else {
		s.tr.SetEntries(es)
	}
	cmds := []tea.Cmd{c.storeTranscript(s.task, msg.msgs)}
	if msg.taskID == c.openID {
		c.intents.chips = true
		cmds = append(cmds, c.schedulePrewarm())
	}
	return tea.Batch(append(cmds, c.dispatchQueued(msg.taskID))...)
}

// Refresh retries the open task's failed send if there is one (retried),
// else fetches its transcript again unless a reply is on its way.
func (c *chatModel) Refresh() (cmd tea.Cmd, retried bool) {
	if c.openID == "" {
		return nil, false
	}
	s := c.state(c.openID)
	if s.turn.inFlight != "" {
		return nil, false
	}
	if e, ok := s.lastFailed(); ok {
		var load tea.Cmd
		if !s.loaded && !s.loading {
			// The history never loaded: load it too, and the retried
			// message waits for it, so it lands after the history.
			load = c.fetch(c.openID)
		}
		return tea.Batch(load, c.retry(s, e)), true
	}
	return c.fetch(c.openID), false
}

// ReloadFailed fetches the open transcript again if it failed to load and
// no reply is on its way.
func (c *chatModel) ReloadFailed() tea.Cmd {
	if c.openID == "" {
		return nil
	}
	if s := c.state(c.openID); s.err != "" && !s.loading && s.turn.inFlight == "" {
		return c.fetch(c.openID)
	}
	return nil
}

// OpenIsEmpty reports whether the open task holds nothing but its welcome
// message, so a new task would add nothing.
func (c *chatModel) OpenIsEmpty() bool {
	return c.openID != "" && c.state(c.openID).isEmpty()
}
