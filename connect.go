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
	// demoServer is the embedded backend in demo mode, else nil.
	demoServer *demo.Server
}

// connect picks demo or live mode and builds the client. Demo mode starts
// the demo backend on a random loopback port and talks to it over HTTP with
// the same client code as live mode.
//
// Where to connect, as whom and with which key comes from the flags, the
// environment and the chosen profile (resolveTarget). Without a key the
// demo backend is used, unless something names a server (--base-url,
// --region, their variables or a profile): then the missing key is the
// mistake to report, not a reason to show demo data. --demo never reads
// the key.
//
// extend, when not nil, adds client options once the base URL, key and
// user are known (recording hooks in that way).
func connect(f connFlags, extend clientHook) (*conn, error) {
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
		return connectDemo(f, extend)
	}
	t, err := resolveTarget(f, s, os.Getenv)
	if err != nil {
		return nil, err
	}
	if t.key == "" {
		if !t.named {
			return connectDemo(f, extend)
		}
		return nil, noKeyError(s)
	}
	if t.user == "" && !f.userOptional {
		return nil, errors.New("no user id: pass --user, set " + envUser + " or add user to the profile")
	}
	extra, err := extend.options(t.base, t.key, t.user, false)
	if err != nil {
		return nil, err
	}
	c, err := newClient(t.base, t.key, f.timeout, append(extra, api.WithLogger(s.logger()))...)
	if err != nil {
		return nil, err
	}
	s.logger().Info("live", "base_url", c.BaseURL(), "user", t.user, "profile", s.profile, "key_from", t.keyFrom)
	return &conn{client: c, userID: t.user, secret: t.key, close: func() {}}, nil
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
	path := "" // temporary
	if !f.demoTemp {
		p, err := demo.DefaultStorePath()
		if err != nil {
			return nil, fmt.Errorf("demo store: %w", err)
		}
		path = p
	}
	pace := f.demoPace.or(demo.DefaultPace())
	chaos, err := demo.ParseChaos(f.demoChaos)
	if err != nil {
		return nil, fmt.Errorf("--demo-chaos: %w", err)
	}
	srv, err := demo.New(demo.Options{StorePath: path, Pace: pace, Seed: true, Reset: f.demoReset, ExtraLong: f.demoLong, Chaos: chaos})
	if errors.Is(err, demo.ErrStoreInUse) {
		return nil, demoInUseError(err)
	}
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
	log := setupOf(f.cmd).logger()
	extra, err := extend.options(base, demo.DefaultKey, user, true)
	if err == nil {
		var c *api.Client
		if c, err = newClient(base, demo.DefaultKey, f.timeout, append(extra, api.WithLogger(log))...); err == nil {
			log.Info("demo", "base_url", base, "user", user)
			return demoConn(c, user, srv, hs), nil
		}
	}
	hs.Close()
	srv.Close()
	return nil, err
}

// demoInUseError says what to do when the demo store is held by another
// aui-tui (the UI, usually). bbolt locks the file for one process at a
// time, and even a read-only open needs a shared lock the holder refuses,
// so the way to use the demo from two programs is one demo-server both
// connect to; the server needs the store too, so the other program has to
// close first. These commands take no store flag: a separate demo follows
// the state directory.
func demoInUseError(err error) error {
	return fmt.Errorf("%w; to use the demo from two programs at once, close that one, run \"aui-tui demo-server\" "+
		"and start both with %s=%s and --base-url http://127.0.0.1:8080 --user %s, "+
		"or run this one with another XDG_STATE_HOME for a separate demo", err, envKey, demo.DefaultKey, demo.DefaultUserID)
}

// demoConn is a connection to an in-process demo server.
func demoConn(c *api.Client, user string, srv *demo.Server, hs *http.Server) *conn {
	return &conn{
		client:     c,
		demo:       true,
		userID:     user,
		notice:     srv.Notice(),
		demoServer: srv,
		close: func() {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = hs.Shutdown(ctx)
			hs.Close()
			srv.Close()
		},
	}
}
