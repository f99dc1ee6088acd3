package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Every command below runs in its own goroutine, bounds its call with a
// timeout and returns exactly one typed message. They capture only values,
// never the model, so no model state is written outside Update. Latency is
// measured with the configured clock (Config.Now), so tests pin it.

func listTasksCmd(b Backend, timeout time.Duration, now func() time.Time, reqID int, userID string, page, size int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		start := now()
		p, err := b.ListTasks(ctx, userID, page, size)
		return tasksLoadedMsg{reqID: reqID, pageNo: page, page: p, err: err, latency: now().Sub(start)}
	}
}

func createTaskCmd(b Backend, timeout time.Duration, now func() time.Time, userID, thenSend string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		start := now()
		t, err := b.CreateTask(ctx, userID)
		return taskCreatedMsg{task: t, err: err, thenSend: thenSend, latency: now().Sub(start)}
	}
}

func refreshTaskCmd(b Backend, timeout time.Duration, taskID string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		t, err := b.GetTask(ctx, taskID)
		return taskRefreshedMsg{task: t, err: err}
	}
}

func loadTranscriptCmd(b Backend, timeout time.Duration, now func() time.Time, taskID string, reqID int) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		start := now()
		if rb, ok := b.(RawBackend); ok {
			msg := tailFirst(ctx, rb, taskID, reqID)
			msg.latency = now().Sub(start)
			return msg
		}
		msgs, err := b.TaskMessages(ctx, taskID)
		return transcriptLoadedMsg{taskID: taskID, reqID: reqID, msgs: msgs, err: err, latency: now().Sub(start)}
	}
}

func sendCmd(s Sender, timeout time.Duration, now func() time.Time, taskID, localKey, text string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		start := now()
		err := s.Send(ctx, taskID, text, nil)
		return sendDoneMsg{taskID: taskID, localKey: localKey, err: err, latency: now().Sub(start)}
	}
}

// ticker schedules a message after a delay; tests swap it so they never
// sleep.
type ticker func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd

// streamFlushCmd schedules the next render of streamed text, one
// StreamPace away, so a long reply is not re-rendered per word.
func streamFlushCmd(tick ticker) tea.Cmd {
	return tick(StreamPace, func(time.Time) tea.Msg { return streamFlushMsg{} })
}

// noticeTTL is how long a status-bar notice stays.
const noticeTTL = 5 * time.Second

func noticeExpireCmd(tick ticker, id int) tea.Cmd {
	return tick(noticeTTL, func(time.Time) tea.Msg { return noticeExpiredMsg{id: id} })
}
