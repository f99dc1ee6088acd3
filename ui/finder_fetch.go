package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
)

// fetchPageSize is the largest page of the task list the API serves.
const fetchPageSize = 100

// finderFetch is the download, from the search overlay, of the transcripts
// not cached yet: one at a time, each stored (and so indexed) before the
// next, the search run again after each.
type finderFetch struct {
	running     bool
	queue       []api.Task
	done, total int
	failed      int
	lastFailure string
}

// finderListedMsg carries every task of the user, for the fetch.
type finderListedMsg struct {
	tasks []api.Task
	err   error
}

// finderFetchedMsg says one transcript was fetched and cached (or why not).
type finderFetchedMsg struct {
	err error
}

func listAllTasksCmd(b Backend, timeout time.Duration, userID string) tea.Cmd {
	return func() tea.Msg {
		var all []api.Task
		for page := 1; ; page++ {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			p, err := b.ListTasks(ctx, userID, page, fetchPageSize)
			cancel()
			if err != nil {
				return finderListedMsg{err: err}
			}
			all = append(all, p.Tasks...)
			if len(p.Tasks) == 0 || page >= p.Pages() {
				return finderListedMsg{tasks: all}
			}
		}
	}
}

// fetchTranscriptCmd downloads a transcript and stores it in the cache,
// whose hook indexes it, all off the Update loop.
func fetchTranscriptCmd(b Backend, st Store, timeout time.Duration, task api.Task) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		msgs, err := b.TaskMessages(ctx, task.ID)
		if err == nil {
			err = st.PutTranscript(task, msgs)
		}
		return finderFetchedMsg{err: err}
	}
}

// startFetch lists the user's tasks to fetch those not cached.
func (m *Model) startFetch() tea.Cmd {
	f := &m.finder.fetch
	cfg := m.com.cfg
	if f.running || cfg.Store == nil || cfg.Backend == nil {
		return nil
	}
	*f = finderFetch{running: true}
	return listAllTasksCmd(cfg.Backend, cfg.Timeout, cfg.UserID)
}

// onFinderFetch takes the task list, then each transcript fetched, and
// starts the next.
func (m *Model) onFinderFetch(msg tea.Msg) tea.Cmd {
	f := &m.finder.fetch
	cfg := m.com.cfg
	switch msg := msg.(type) {
	case finderListedMsg:
		if msg.err != nil {
			f.running = false
			return m.notify(levelError, "Could not list the tasks to fetch: "+humanError(msg.err))
		}
		for _, t := range msg.tasks {
			if !cfg.Search.Has(t.ID) {
				f.queue = append(f.queue, t)
			}
		}
		f.total = len(f.queue)
	case finderFetchedMsg:
		f.done++
		if msg.err != nil {
			f.failed++
			f.lastFailure = humanError(msg.err)
		}
	}
	var cmds []tea.Cmd
	if _, ok := msg.(finderFetchedMsg); ok {
		cmds = append(cmds, finderCountCmd(cfg.Search))
		if m.finder.open {
			cmds = append(cmds, m.searchAgain())
		}
	}
	if len(f.queue) == 0 {
		f.running = false
		if f.failed > 0 {
			cmds = append(cmds, m.notify(levelWarn, fmt.Sprintf("%d of %d transcripts could not be fetched (%s); %s tries again.",
				f.failed, f.total, f.lastFailure, keyHint(m.com.keys.Search.Fetch))))
		}
		return tea.Batch(cmds...)
	}
	next := f.queue[0]
	f.queue = f.queue[1:]
	return tea.Batch(append(cmds, fetchTranscriptCmd(cfg.Backend, cfg.Store, cfg.Timeout, next))...)
}

// fetchStatus is the fetch's part of the overlay's status line.
func (f *finderFetch) status() string {
	if !f.running {
		return ""
	}
	if f.total == 0 {
		return " Listing the tasks to fetch…"
	}
	return fmt.Sprintf(" Fetching %d of %d…", min(f.done+1, f.total), f.total)
}
