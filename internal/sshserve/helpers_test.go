package sshserve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

// greeter is the program each test visitor gets: it shows the visitor's
// id, the window size, colour profile and background it was given, quits on q and
// panics on p.
type greeter struct {
	id      string
	size    string
	profile string
	bg      string
}

func (g greeter) Init() tea.Cmd { return tea.RequestBackgroundColor }

func (g greeter) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		g.size = fmt.Sprintf("%dx%d", msg.Width, msg.Height)
	case tea.ColorProfileMsg:
		g.profile = msg.Profile.String()
	case tea.BackgroundColorMsg:
		g.bg = "light"
		if msg.IsDark() {
			g.bg = "dark"
		}
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q":
			return g, tea.Quit
		case "p":
			panic("a bug in one visitor's program")
		}
	}
	return g, nil
}

func (g greeter) View() tea.View {
	return tea.NewView("hello " + g.id + " size " + g.size + " profile " + g.profile + " bg " + g.bg + " .")
}

// syncBuffer collects what a session prints, read while it is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a Server on a loopback port with its log captured.
type testServer struct {
	*Server
	addr string
	log  *syncBuffer
}

// startServer serves opts (App defaults to greeter) until the test ends.
func startServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	if opts.HostKey == nil {
		hk, err := LoadOrCreateHostKey(filepath.Join(t.TempDir(), "host_key"))
		if err != nil {
			t.Fatal(err)
		}
		opts.HostKey = hk.PEM
	}
	if opts.App == nil {
		opts.App = func(v *Visitor) (Instance, error) { return Instance{Model: greeter{id: v.ID}}, nil }
	}
	buf := &syncBuffer{}
	opts.Log = log.New(buf, "", 0)
	srv, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &testServer{Server: srv, addr: ln.Addr().String(), log: buf}
}

// newKey is a throwaway client key.
func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dial connects as user with the given auth methods.
func dial(t *testing.T, addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "tester",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err == nil {
		t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// visit is one SSH session as a visitor's client sees it.
type visit struct {
	t    *testing.T
	sess *gossh.Session
	in   interface{ Write([]byte) (int, error) }
	out  *syncBuffer
	done chan error
}

// open starts a shell session, with a pty of w x h unless w is 0.
func open(t *testing.T, c *gossh.Client, w, h int, env ...string) *visit {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		_ = sess.Setenv(k, v)
	}
	out := &syncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	in, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if w > 0 {
		if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	v := &visit{t: t, sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { v.done <- sess.Wait() }()
	return v
}

// waitFor polls what the session printed until it holds want. The
// deadline only bounds a failing run.
func (v *visit) waitFor(want string) {
	v.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(v.out.String(), want) {
		if time.Now().After(deadline) {
			v.t.Fatalf("waiting for %q; the session printed:\n%q", want, v.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ended waits for the session to close and returns its exit status.
func (v *visit) ended() int {
	v.t.Helper()
	select {
	case err := <-v.done:
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			return ee.ExitStatus()
		}
		if err != nil {
			v.t.Fatalf("session ended with %v", err)
		}
		return 0
	case <-time.After(10 * time.Second):
		v.t.Fatalf("the session did not end; it printed:\n%q", v.out.String())
		return -1
	}
}

// waitLog polls the server's log until it holds want.
func (s *testServer) waitLog(t *testing.T, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.log.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %q in the log:\n%s", want, s.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s.log.String()
}
