// Package sshserve serves a Bubble Tea program over SSH: each SSH session
// runs its own program on the visitor's terminal (its size, colour profile
// and background), with limits on how many visitors at once, how long and
// how fast, one log line per session, and a goodbye when the server stops.
// Nothing runs on the host for a visitor but the program: there is no
// shell, no command and no file transfer.
package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// App builds what one visitor sees. It is called once per session, before
// the program starts; an error is shown to the visitor and logged.
type App func(v *Visitor) (Instance, error)

// Instance is one visitor's program and what runs beside it.
type Instance struct {
	Model tea.Model
	// Run, if set, runs beside the program (e.g. the API session feeding
	// it events) until ctx ends with the session.
	Run func(ctx context.Context, p *tea.Program)
	// Close, if set, is called once the session is over and Run returned;
	// its error is logged.
	Close func() error
	// Filter, if set, sees each message after the server's own filter
	// (which caps window sizes and notes input), e.g. to drive a replay.
	Filter func(tea.Model, tea.Msg) tea.Msg
}

// Options configure a Server. Zero limits mean no limit.
type Options struct {
	HostKey []byte // PEM private key (see LoadOrCreateHostKey)
	// AuthorizedKeys are the only keys let in, unless Open lets anyone in.
	AuthorizedKeys []gossh.PublicKey
	Open           bool

	MaxSessions       int           // sessions at once
	IdleTimeout       time.Duration // without a key press, click or paste
	MaxDuration       time.Duration // per session
	MessagesPerMinute int           // per session

	App App
	// Log receives one line per session; nil discards them.
	Log *log.Logger
	// Now is the clock of the message limit; nil is time.Now.
	Now func() time.Time
}

// Server is an SSH server giving each session its own program.
type Server struct {
	opts Options
	srv  *ssh.Server

	mu       sync.Mutex
	visitors map[ssh.Session]*Visitor
	stopping bool
	active   sync.WaitGroup // admitted sessions not yet gone
}

// New checks the options and prepares the server; Serve starts it.
func New(opts Options) (*Server, error) {
	if opts.App == nil {
		return nil, errors.New("sshserve: no App")
	}
	if !opts.Open && len(opts.AuthorizedKeys) == 0 {
		return nil, errors.New("no authorized keys and not open: nobody could connect")
	}
	if opts.Log == nil {
		opts.Log = log.New(io.Discard, "", 0)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Server{opts: opts, visitors: map[ssh.Session]*Visitor{}}
	sopts := []ssh.Option{
		wish.WithHostKeyPEM(opts.HostKey),
		// Middlewares run last to first: the gate decides, then the
		// program runs.
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(s.program), s.gate),
	}
	sopts = append(sopts, authOptions(opts.AuthorizedKeys, opts.Open)...)
	// The session's own limits say goodbye first; these only close
	// connections that never open a session, a minute later.
	if opts.IdleTimeout > 0 {
		sopts = append(sopts, wish.WithIdleTimeout(opts.IdleTimeout+time.Minute))
	}
	if opts.MaxDuration > 0 {
		sopts = append(sopts, wish.WithMaxTimeout(opts.MaxDuration+time.Minute))
	}
	srv, err := wish.NewServer(sopts...)
	if err != nil {
		return nil, fmt.Errorf("cannot set up the SSH server: %w", err)
	}
	s.srv = srv
	return s, nil
}

// Serve accepts connections on ln until Shutdown; it then returns nil.
func (s *Server) Serve(ln net.Listener) error {
	err := s.srv.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops taking visitors, tells every visitor the demo is
// ending, closes their programs and then the connections. Sessions still
// open when ctx ends are cut, and ctx's error is returned.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.stopping = true
	vs := make([]*Visitor, 0, len(s.visitors))
	for _, v := range s.visitors {
		vs = append(vs, v)
	}
	s.mu.Unlock()

	// Closes the listener at once; returns when the connections are closed
	// below, or with ctx.
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		_ = s.srv.Shutdown(ctx)
	}()
	for _, v := range vs {
		v.end(endShutdown)
	}
	left := make(chan struct{})
	go func() {
		s.active.Wait()
		close(left)
	}()
	var err error
	select {
	case <-left:
		// A client hangs up once its session has ended; cutting the
		// connection first would make its goodbye end in an error.
		grace := time.NewTimer(hangUpGrace)
		select {
		case <-stopped:
		case <-grace.C:
		case <-ctx.Done():
		}
		grace.Stop()
	case <-ctx.Done():
		err = ctx.Err()
	}
	// Closes the connections of clients that do not hang up, and of
	// sessions that overran ctx.
	_ = s.srv.Close()
	<-stopped
	return err
}

// hangUpGrace is how long Shutdown waits for clients to hang up after
// their sessions ended.
const hangUpGrace = 2 * time.Second

// Sessions is the number of visitors connected now.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.visitors)
}
