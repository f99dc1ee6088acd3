package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/record"
	"aui-tui/internal/sshserve"
	"aui-tui/ui"
)

// visitorReplyTimeout is how long a visitor's message waits for a first
// word of the reply before it is looked up or marked failed: the UI's
// default.
const visitorReplyTimeout = 90 * time.Second

// visitorApp builds each visitor's program the way the UI command builds
// its own, with the visitor's own demo user, their terminal's settings and
// the messages-per-minute limit on sending. With recordDir, each session is
// recorded into a file of its own there.
func visitorApp(c *conn, base ui.Config, recordDir string) sshserve.App {
	var sessions atomic.Int64 // numbers the recordings of this server
	return func(v *sshserve.Visitor) (sshserve.Instance, error) {
		cfg := forVisitor(base, v)
		cfg.Demo = c.demo
		cfg.Host = c.client.Host()
		cfg.UserID = c.userID
		var cleanup func() error
		if c.demo {
			if err := c.demoServer.SeedUser(v.ID); err != nil {
				return sshserve.Instance{}, err
			}
			cfg.UserID = v.ID
			cfg.Host = "ssh"
			cfg.Notice = "Welcome! These tasks are yours alone: nobody else connected sees them."
			if !v.Stable {
				// Nobody can come back as this visitor: free the store.
				cleanup = func() error { return c.demoServer.DeleteUser(v.ID) }
			}
		}
		h := uiHooks{session: []api.SessionOption{api.WithReplyTimeout(visitorReplyTimeout)}}
		client := c.client
		if recordDir != "" {
			rc, rec, err := recordVisitor(c, cfg, recordDir, sessions.Add(1))
			if err != nil {
				return sshserve.Instance{}, err
			}
			client, h.filter = rc, rec.Filter()
			done := cleanup
			cleanup = func() error {
				err := rec.Close()
				if done != nil {
					err = errors.Join(err, done())
				}
				return err
			}
		}
		inst := visitorInstance(v, client, cfg, h, true)
		inst.Close = cleanup
		return inst, nil
	}
}

// recordVisitor starts a recording of one visitor's session in dir and
// returns a client of the visitor's own whose calls and frames go into it:
// the shared client is left alone, so one visitor's recording never holds
// another's traffic. The file is named by the time and the visitor's
// session; inside, the user id is a placeholder and the key never appears.
func recordVisitor(c *conn, cfg ui.Config, dir string, n int64) (*api.Client, *record.Recorder, error) {
	base, key := c.client.BaseURL(), c.secret
	if c.demo {
		key = demo.DefaultKey
	}
	bp := ""
	if u, err := url.Parse(base); err == nil {
		bp = u.EscapedPath()
	}
	path := filepath.Join(dir, fmt.Sprintf("visitor-%s-%d.jsonl", time.Now().UTC().Format("20060102-150405"), n))
	rec, err := record.Create(path, record.Options{Key: key, User: cfg.UserID, BasePath: bp, PageSize: cfg.PageSize, Demo: c.demo})
	if err != nil {
		return nil, nil, fmt.Errorf("cannot record the session into %s: %w", dir, err)
	}
	client, err := newClient(base, key, cfg.Timeout, api.WithTransport(rec.Transport), api.WithFrameObserver(rec.Frame))
	if err != nil {
		rec.Close()
		return nil, nil, err
	}
	return client, rec, nil
}

// replayApp plays a recording to each visitor, as the replay command
// does: every visitor gets their own playback from the start, and q ends
// it.
func replayApp(rec *record.Recording, name string, speed float64, base ui.Config) sshserve.App {
	return func(v *sshserve.Visitor) (sshserve.Instance, error) {
		r, err := startReplay(rec, speed)
		if err != nil {
			return sshserve.Instance{}, err
		}
		cfg := r.config(base.Theme, base.Mouse)
		cfg.Presenter, cfg.NoFiles = base.Presenter, base.NoFiles
		cfg.ViewerKeys = replayKeys(false)
		cfg = forVisitor(cfg, v)
		cfg.Notice = "Replaying " + name + ": q ends it"
		// The recording's messages are not the visitor's: no rate limit.
		inst := visitorInstance(v, r.conn.client, cfg, r.hooks(false), false)
		inst.Close = func() error {
			r.close()
			return nil
		}
		return inst, nil
	}
}

// forVisitor adds what comes from the visitor's terminal to cfg.
func forVisitor(cfg ui.Config, v *sshserve.Visitor) ui.Config {
	cfg.NoColor = v.Getenv("NO_COLOR") != ""
	// ssh does not pass $TMUX on; a visitor inside tmux shows it in TERM.
	term := v.Getenv("TERM")
	cfg.InTmux = strings.HasPrefix(term, "tmux") || strings.HasPrefix(term, "screen")
	return cfg
}

// visitorInstance is the visitor's program on client, with a WebSocket
// session of its own feeding it, and the hooks of a replay if h has them.
// limit puts the visitor's messages under the messages-per-minute limit.
func visitorInstance(v *sshserve.Visitor, client *api.Client, cfg ui.Config, h uiHooks, limit bool) sshserve.Instance {
	// The session starts in Run, after the program exists, so its events
	// always have a program to go to.
	var p *tea.Program
	pacer := ui.NewEventPacer(func(ev api.Event) { p.Send(ui.SessionEvent{Event: ev}) }, ui.StreamPace)
	sess := client.NewSession(func(ev api.Event) {
		pacer.Handle(ev)
		if h.event != nil {
			h.event(ev)
		}
	}, append(h.session,
		// A bug in one visitor's session ends that session, not the
		// server with everyone on it.
		api.WithPanicHandler(func(r any, _ []byte) { v.Fail(fmt.Errorf("panic in the API session: %v", r)) }))...)
	cfg.Backend = client
	cfg.Sender = sess
	if limit {
		cfg.Sender = v.Limit(sess)
	}
	return sshserve.Instance{
		Model:  ui.New(cfg),
		Filter: h.filter,
		Run: func(ctx context.Context, prog *tea.Program) {
			p = prog
			var wg sync.WaitGroup
			if h.start != nil {
				wg.Go(func() { h.start(ctx, prog) })
			}
			sess.Run(ctx)
			pacer.Stop()
			wg.Wait()
		},
	}
}
