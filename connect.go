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
	// secret is the API key, kept only to scrub it from crash reports.
	secret string
	close  func()
}

// connect picks demo or live mode and builds the client. Demo mode starts
// the demo backend on a random loopback port and talks to it over HTTP with
// the same client code as live mode.
//
// Without a key the demo backend is used, unless the command line names a
// server (--base-url or --region): then the missing key is the mistake to
// report, not a reason to show demo data. --demo never reads the key.
//
// extend, when not nil, adds client options once the base URL, key and
// user are known (recording hooks in that way).
func connect(f connFlags, extend clientHook) (*conn, error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.demo {
		return connectDemo(f, extend)
	}
	key, err := apiKey()
	if err != nil {
		return nil, err
	}
	base := f.baseURL
	if base == "" {
		region := f.region
		if region == "" {
			region = "gcp"
		}
		if base, err = api.RegionBaseURL(region); err != nil {
			return nil, err
		}
	}
	if key == "" {
		if f.baseURL == "" && f.region == "" {
			return connectDemo(f, extend)
		}
		where := "~/.config/aui-tui/key"
		if p, err := keyFilePath(); err == nil {
			where = p
		}
		return nil, fmt.Errorf("no API key: set %s or write it to %s (chmod 600); --demo uses the demo backend", envKey, where)
	}
	user := f.user
	if user == "" {
		user = os.Getenv(envUser)
	}
	if user == "" && !f.userOptional {
		return nil, errors.New("no user id: pass --user or set " + envUser)
	}
	extra, err := extend.options(base, key, user, false)
	if err != nil {
		return nil, err
	}
	c, err := newClient(base, key, f.timeout, extra...)
	if err != nil {
		return nil, err
	}
	return &conn{client: c, userID: user, secret: key, close: func() {}}, nil
}

// clientHook adds options to the client of a connection whose base URL,
// key and user are known.
type clientHook func(base, key, user string, demo bool) ([]api.Option, error)

// options calls the hook, if there is one.
func (h clientHook) options(base, key, user string, demo bool) ([]api.Option, error) {
	if h == nil {
		return nil, nil
	}
	return h(base, key, user, demo)
}

func connectDemo(f connFlags, extend clientHook) (*conn, error) {
	path, err := demo.DefaultStorePath()
	if err != nil {
		return nil, fmt.Errorf("demo store: %w", err)
	}
	pace := f.demoPace.or(demo.DefaultPace())
	chaos, err := demo.ParseChaos(f.demoChaos)
	if err != nil {
		return nil, fmt.Errorf("--demo-chaos: %w", err)
	}
	srv, err := demo.New(demo.Options{StorePath: path, Pace: pace, Seed: true, Reset: f.demoReset, ExtraLong: f.demoLong, Chaos: chaos})
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
	user := f.user
	if user == "" {
		user = demo.DefaultUserID
	}
	base := "http://" + ln.Addr().String()
	extra, err := extend.options(base, demo.DefaultKey, user, true)
	if err == nil {
		var c *api.Client
		if c, err = newClient(base, demo.DefaultKey, f.timeout, extra...); err == nil {
			return demoConn(c, user, srv, hs), nil
		}
	}
	hs.Close()
	srv.Close()
	return nil, err
}

// demoConn is a connection to an in-process demo server.
func demoConn(c *api.Client, user string, srv *demo.Server, hs *http.Server) *conn {
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
	}
}
