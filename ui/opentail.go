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
func tailFirst(rb RawBackend, ctx context.Context, taskID string, reqID int, start time.Time) tea.Msg {
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
	msg.latency = time.Since(start)
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
func (m *Model) showTail(msg transcriptLoadedMsg, shown bool) tea.Cmd {
	s := m.conv.state(msg.taskID)
	s.loading = true // until the rest is decoded
	rest := decodeRestCmd(msg.taskID, msg.reqID, msg.rest, msg.latency)
	if shown || s.inFlight != "" {
		return rest
	}
	m.conv.setEntries(msg.taskID, entriesFromMessages(s.task, msg.msgs, m.conv.local(msg.taskID)))
	s.partial = true
	cmds := []tea.Cmd{rest}
	if msg.taskID == m.conv.openID {
		m.chips.set(m.conv.suggestions(msg.taskID))
		m.relayout()
		cmds = append(cmds, m.schedulePrewarm())
	}
	return tea.Batch(cmds...)
}
