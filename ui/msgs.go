package ui

import (
	"time"

	"aui-tui/api"
)

// tasksLoadedMsg carries one page of the task list. reqID lets a refresh
// discard pages still in flight from before it.
type tasksLoadedMsg struct {
	reqID int
	// pageNo is the page asked for (page is empty on failure).
	pageNo  int
	page    api.TaskPage
	err     error
	latency time.Duration
}

// taskCreatedMsg reports ctrl+n (or a send with no open task). When
// thenSend is set, that text is sent to the new task at once.
type taskCreatedMsg struct {
	task     api.Task
	err      error
	thenSend string
	latency  time.Duration
}

// taskRefreshedMsg brings a task record (its title changes after the first
// message).
type taskRefreshedMsg struct {
	task api.Task
	err  error
}

// transcriptLoadedMsg carries a task's messages, decoded off the Update loop.
// It is dropped unless reqID is the newest fetch for that task.
type transcriptLoadedMsg struct {
	taskID string
	reqID  int
	// confirm: fetched only for the server's copies of messages sent from
	// here (chatModel.confirmSent); it changes nothing else.
	confirm bool
	msgs    []api.Message
	err     error
	latency time.Duration
	// rest: msgs is only the tail, decoded first; rest is every message's
	// JSON, decoded next.
	rest [][]byte
}

// sendDoneMsg reports whether a user message reached the server.
type sendDoneMsg struct {
	taskID   string
	localKey string
	err      error
	latency  time.Duration
}

// SessionEvent wraps an api session event so it can be sent into the
// program (Program.Send) from the session goroutine.
type SessionEvent struct{ Event api.Event }

// streamFlushMsg applies the streamed text gathered since the last flush,
// so rendering happens at most once per flush interval, not per token.
type streamFlushMsg struct{}

// noticeExpiredMsg clears a status-bar notice unless a newer one replaced it.
type noticeExpiredMsg struct{ id int }

// editorDoneMsg carries the draft back from the editor (editor.go).
type editorDoneMsg struct {
	taskID string
	text   string
	err    error
}

// clipboardDoneMsg reports a copy to the system clipboard.
type clipboardDoneMsg struct {
	what string
	err  error
	// native: only the clipboard tool was used (the text was too large for
	// the terminal's sequence).
	native bool
}

// exportDoneMsg reports a transcript export.
type exportDoneMsg struct {
	path string
	err  error
	// local: the server could not be reached and what was on screen was
	// written instead.
	local bool
}

// prewarmMsg asks the transcript to render the pages around the view while
// the program is idle; seq drops all but the newest request.
type prewarmMsg struct{ seq int }
