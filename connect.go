package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// conn is a ready API client and what the UI shows about it.
type conn struct {
	client *api.Client
	demo   bool
	userID string
	notice string
	close  func()
}

// connect picks demo or live mode and builds the client. Demo mode starts
// the demo backend on a random loopback port and talks to it over HTTP with
// the same client code as live mode.
//
// Without a key the demo backend is used, unless the command line names a
// server (--base-url or --region): then the missing key is the mistake to
// report, not a reason to show demo data. --demo never reads the key.
func connect(f connFlags) (*conn, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	s := setupOf(f.cmd)
	if s.err != nil {
		return nil, s.err
	}
	if err := s.openLog(); err != nil {
		return nil, err
	}
	if f.demo {
		return connectDemo(f)
	}
	t, err := resolveTarget(f, s, os.Getenv)
	if err != nil {
		return nil, err
	}
	if t.key == "" {
		if !t.named {
			return connectDemo(f)
		}
		return nil, noKeyError(s)
	}
	if t.user == "" {
		return nil, errors.New("no user id: pass --user, set " + envUser + " or add user to the profile")
	}
	c, err := newClient(t.base, t.key, f.timeout, s.logger())
	if err != nil {
		return nil, err
	}
	s.logger().Info("live", "base_url", c.BaseURL(), "user", t.user, "profile", s.profile)
	return &conn{client: c, userID: t.user, close: func() {}}, nil
}

func connectDemo(f connFlags) (*conn, error) {
	path, err := demo.DefaultStorePath()
	if err != nil {
		return nil, fmt.Errorf("demo store: %w", err)
	}
	pace := f.demoPace.or(demo.DefaultPace())
	srv, err := demo.New(demo.Options{StorePath: path, Pace: pace, Seed: true, Reset: f.demoReset, ExtraLong: f.demoLong})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("cannot start the demo backend: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	log := setupOf(f.cmd).logger()
	c, err := newClient("http://"+ln.Addr().String(), demo.DefaultKey, f.timeout, log)
	if err != nil {
		hs.Close()
		srv.Close()
		return nil, err
	}
	user := f.user
	if user == "" {
		user = demo.DefaultUserID
	}
	log.Info("demo", "base_url", c.BaseURL(), "user", user)
	return &conn{
		client: c,
		demo:   true,
		userID: user,
		notice: srv.Notice(),
		close: func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = hs.Shutdown(ctx)
			hs.Close()
			srv.Close()
		},
	}, nil
}
