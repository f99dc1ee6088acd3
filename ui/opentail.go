package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

// tailFirst downloads a transcript and decodes only its last messages, so
// they show as soon as the download ends; the rest is decoded next (see
// decodeRestCmd). A short transcript is decoded whole at once.
func tailFirst(ctx context.Context, rb RawBackend, taskID string, reqID int) transcriptLoadedMsg {
	raws, err := rb.TaskMessagesRaw(ctx, taskID)
	msg := transcriptLoadedMsg{taskID: taskID, reqID: reqID, err: err}
	if err == nil && len(raws) > 2*cacheTail {
		msg.msgs, msg.err = api.DecodeMessages(raws[len(raws)-cacheTail:])
		msg.rest = raws
	} else if err == nil {
		msg.msgs, msg.err = api.DecodeTranscript(raws)
	}
	if msg.err != nil && err == nil {
		msg.err = fmt.Errorf("%w: %v", api.ErrBadReply, msg.err)
	}
	return msg
}

// decodeRestCmd decodes the whole of a transcript whose tail is shown.
func decodeRestCmd(taskID string, reqID int, raws [][]byte, latency time.Duration) tea.Cmd {
	return func() tea.Msg {
		msgs, err := api.DecodeTranscript(raws)
		return transcriptLoadedMsg{taskID: taskID, reqID: reqID, msgs: msgs, err: err, latency: latency}
	}
}

// showTail shows the decoded tail of a transcript the reader has nothing
// of yet, and decodes the rest; a transcript already on screen (cached, or
// a refresh) stays as it is until the whole is decoded.
func (c *chatModel) showTail(msg transcriptLoadedMsg, shown bool) tea.Cmd {
	s := c.state(msg.taskID)
	s.loading = true // until the rest is decoded
	rest := decodeRestCmd(msg.taskID, msg.reqID, msg.rest, msg.latency)
	if shown || s.turn.inFlight != "" {
		return rest
	}
	s.tr.SetEntries(entriesFromMessages(s.task, msg.msgs, s.local()))
	s.partial = true
	s.older = len(msg.rest) - len(msg.msgs)
	cmds := []tea.Cmd{rest}
	if msg.taskID == c.openID {
		c.intents.chips = true
		cmds = append(cmds, c.schedulePrewarm())
	}
	return tea.Batch(cmds...)
}
