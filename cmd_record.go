package main

import (
	"fmt"
	"net/url"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/internal/record"
)

// recording is a --record in progress: it hooks into the client as it is
// built and into the program's messages.
type recording struct {
	path     string
	keepUser bool
	pageSize int
	rec      *record.Recorder
}

// hook creates the file once the connection's key and user are known and
// returns the client options that record REST calls and frames.
func (r *recording) hook(base, key, user string, demo bool) ([]api.Option, error) {
	bp := ""
	if u, err := url.Parse(base); err == nil {
		bp = u.EscapedPath()
	}
	rec, err := record.Create(r.path, record.Options{
		Key: key, User: user, KeepUser: r.keepUser, BasePath: bp, PageSize: r.pageSize, Demo: demo,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot record to %s: %w", r.path, err)
	}
	r.rec = rec
	return []api.Option{api.WithTransport(rec.Transport), api.WithFrameObserver(rec.Frame)}, nil
}

// filter records keys, pastes and the window size.
func (r *recording) filter() func(tea.Model, tea.Msg) tea.Msg {
	if r.rec == nil {
		return nil
	}
	return r.rec.Filter()
}

// close ends the file; an error means part of the session is missing.
func (r *recording) close() error {
	if r.rec == nil {
		return nil
	}
	if err := r.rec.Close(); err != nil {
		return fmt.Errorf("the recording %s is incomplete: %w", r.path, err)
	}
	return nil
}
