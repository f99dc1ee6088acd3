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
func connect(f connFlags) (*conn, error) {
	key, err := apiKey()
	if err != nil {
		return nil, err
	}
	useDemo := f.demo || (key == "" && f.baseURL == "")
	if useDemo {
		return connectDemo(f)
	}
	base := f.baseURL
	if base == "" {
		if base, err = api.RegionBaseURL(f.region); err != nil {
			return nil, err
		}
	}
	user := f.user
	if user == "" {
		user = os.Getenv(envUser)
	}
	if user == "" {
		return nil, errors.New("no user id: pass --user or set " + envUser)
	}
	c, err := newClient(base, key, f.timeout)
	if err != nil {
		return nil, err
	}
	return &conn{client: c, userID: user, close: func() {}}, nil
}

func connectDemo(f connFlags) (*conn, error) {
	path, err := demo.DefaultStorePath()
	if err != nil {
		return nil, fmt.Errorf("demo store: %w", err)
	}
	pace := demo.DefaultPace()
	if f.demoPace >= 0 {
		pace = f.demoPace
	}
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
	c, err := newClient("http://"+ln.Addr().String(), demo.DefaultKey, f.timeout)
	if err != nil {
		hs.Close()
		srv.Close()
		return nil, err
	}
	user := f.user
	if user == "" {
		user = demo.DefaultUserID
	}
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
