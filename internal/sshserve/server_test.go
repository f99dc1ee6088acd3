package sshserve

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

func TestOnlyListedKeysGetIn(t *testing.T) {
	listed, other := newKey(t), newKey(t)
	s := startServer(t, Options{AuthorizedKeys: []gossh.PublicKey{listed.PublicKey()}})

	if _, err := dial(t, s.addr, gossh.PublicKeys(other)); err == nil {
		t.Fatal("a key not in the list got in")
	}
	if _, err := dial(t, s.addr, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })); err == nil {
		t.Fatal("keyboard-interactive got in though only listed keys may")
	}
	want := "hello visitor_" + keyID(listed.PublicKey())
	for range 2 { // the same key is the same visitor on every connection
		c, err := dial(t, s.addr, gossh.PublicKeys(listed))
		if err != nil {
			t.Fatalf("the listed key was refused: %v", err)
		}
		v := open(t, c, 80, 24)
		v.waitFor(want)
		v.in.Write([]byte("q"))
		if code := v.ended(); code != 0 {
			t.Fatalf("exit status %d after q", code)
		}
	}
}

func TestOpenServerMakesEverySessionAFreshVisitor(t *testing.T) {
	s := startServer(t, Options{Open: true})
	key := newKey(t)
	ids := map[string]bool{}
	for _, auth := range []gossh.AuthMethod{
		gossh.PublicKeys(key),
		gossh.PublicKeys(key),
		gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil }),
	} {
		c, err := dial(t, s.addr, auth)
		if err != nil {
			t.Fatalf("an open server refused: %v", err)
		}
		v := open(t, c, 80, 24)
		v.waitFor(" size ")
		out := v.out.String()
		i := strings.Index(out, "hello visitor_")
		id := out[i+len("hello ") : i+len("hello visitor_")+12]
		if ids[id] {
			t.Fatalf("visitor %s came twice", id)
		}
		ids[id] = true
		v.in.Write([]byte("q"))
		v.ended()
	}
}

func TestProgramGetsTheClientsTerminal(t *testing.T) {
	s := startServer(t, Options{Open: true})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 91, 33)
	v.waitFor("size 91x33 profile ANSI256")
	if err := v.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	v.waitFor("size 120x40")

	c2, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	plain := open(t, c2, 80, 24, "NO_COLOR=1")
	plain.waitFor("profile Ascii")

	// Each program asks its own terminal for the background colour.
	for answer, want := range map[string]string{"rgb:ffff/ffff/ffff": "light .", "rgb:0000/0000/0000": "dark ."} {
		c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
		if err != nil {
			t.Fatal(err)
		}
		v := open(t, c, 80, 24)
		v.waitFor("\x1b]11;?")
		v.in.Write([]byte("\x1b]11;" + answer + "\x1b\\"))
		v.waitFor(want)
	}
}

func TestSessionLimitRefusesTheNextVisitor(t *testing.T) {
	s := startServer(t, Options{Open: true, MaxSessions: 1})
	key := newKey(t)
	c, err := dial(t, s.addr, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	first := open(t, c, 80, 24)
	first.waitFor("hello visitor_")

	c2, err := dial(t, s.addr, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	second := open(t, c2, 80, 24)
	if code := second.ended(); code != 1 {
		t.Errorf("refused session exit status %d, want 1", code)
	}
	if out := second.out.String(); !strings.Contains(out, "The demo is full (1 visitor at once); please try again in a few minutes.") || strings.Contains(out, "hello") {
		t.Errorf("the refused visitor read:\n%q", out)
	}
	s.waitLog(t, "end=refused-full")

	first.in.Write([]byte("q"))
	first.ended()
	s.waitLog(t, "end=left")
	third := open(t, c2, 80, 24)
	third.waitFor("hello visitor_")
}

func TestSessionWithoutTerminalOrWithACommandIsRefused(t *testing.T) {
	s := startServer(t, Options{Open: true})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 0, 0)
	if code := v.ended(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if out := v.out.String(); !strings.Contains(out, "needs a terminal: connect again with ssh -t") {
		t.Errorf("a session without a terminal read:\n%q", out)
	}

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("cat /etc/passwd")
	if err == nil || !strings.Contains(string(out), "without a command") || strings.Contains(string(out), "root:") {
		t.Errorf("a command got %v and read:\n%q", err, out)
	}
}

func TestIdleVisitorIsToldAndClosed(t *testing.T) {
	s := startServer(t, Options{Open: true, IdleTimeout: 300 * time.Millisecond})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("The demo closed after 0 seconds without a key press; connect again to carry on.")
	v.ended()
	s.waitLog(t, "end=idle")
}

func TestKeyPressesKeepASessionOpen(t *testing.T) {
	s := startServer(t, Options{Open: true, IdleTimeout: time.Second})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("hello")
	// Typing for twice the idle timeout keeps the session.
	for range 20 {
		v.in.Write([]byte("x"))
		time.Sleep(100 * time.Millisecond)
	}
	if strings.Contains(v.out.String(), "without a key press") {
		t.Fatal("the session timed out while the visitor was typing")
	}
	v.waitFor("without a key press")
}

func TestSessionLengthLimit(t *testing.T) {
	s := startServer(t, Options{Open: true, MaxDuration: 300 * time.Millisecond})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("The demo closed: a session lasts at most 0 seconds; connect again to carry on.")
	v.ended()
	s.waitLog(t, "end=time-limit")
}

func TestShutdownSaysGoodbyeToEveryVisitor(t *testing.T) {
	s := startServer(t, Options{Open: true})
	var visits []*visit
	for range 2 {
		c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
		if err != nil {
			t.Fatal(err)
		}
		v := open(t, c, 80, 24)
		v.waitFor("hello")
		visits = append(visits, v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for _, v := range visits {
		v.waitFor("The demo is ending: the server is shutting down. Thank you for trying it.")
		v.ended()
	}
	if n := strings.Count(s.log.String(), "end=server-stopping"); n != 2 {
		t.Errorf("%d sessions logged as stopped by the server:\n%s", n, s.log.String())
	}
	if _, err := dial(t, s.addr, gossh.PublicKeys(newKey(t))); err == nil {
		t.Error("a visitor got in after shutdown")
	}
}

func TestAppThatCannotStartIsToldAndLogged(t *testing.T) {
	s := startServer(t, Options{Open: true, App: func(*Visitor) (Instance, error) {
		return Instance{}, errors.New("the store is full")
	}})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	if code := v.ended(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	if out := v.out.String(); !strings.Contains(out, "The demo could not start for you; please try again in a minute.") || strings.Contains(out, "store is full") {
		t.Errorf("the visitor read:\n%q", out)
	}
	s.waitLog(t, "could not start: the store is full")
	s.waitLog(t, "end=failed")
}

func TestInstanceRunsBesideTheProgramAndIsClosed(t *testing.T) {
	var ran, stopped, closed atomic.Bool
	s := startServer(t, Options{Open: true, App: func(v *Visitor) (Instance, error) {
		return Instance{
			Model: greeter{id: v.ID},
			Run: func(ctx context.Context, p *tea.Program) {
				ran.Store(true)
				<-ctx.Done()
				stopped.Store(true)
			},
			Close: func() error {
				if !stopped.Load() {
					t.Error("Close before Run returned")
				}
				closed.Store(true)
				return errors.New("the store is gone")
			},
		}, nil
	}})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("hello")
	v.in.Write([]byte("q"))
	v.ended()
	s.waitLog(t, "after it ended: the store is gone")
	s.waitLog(t, "end=left")
	if !ran.Load() || !stopped.Load() || !closed.Load() {
		t.Errorf("ran %v, stopped %v, closed %v", ran.Load(), stopped.Load(), closed.Load())
	}
}

func TestLogLineNamesTheSessionAndQuotesTheClientsText(t *testing.T) {
	s := startServer(t, Options{Open: true})
	key := newKey(t)
	c, err := gossh.Dial("tcp", s.addr, &gossh.ClientConfig{
		User:            "eve\x1b]0;owned\x07\nfake line",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	v := open(t, c, 80, 24)
	v.waitFor("hello")
	v.in.Write([]byte("q"))
	v.ended()
	line := s.waitLog(t, "end=left")
	for _, want := range []string{"ssh session remote=127.0.0.1:", "key=" + gossh.FingerprintSHA256(key.PublicKey()), "visitor=visitor_", "duration=", "messages=0", `user="eve\x1b]0;owned\a\nfake line"`} {
		if !strings.Contains(line, want) {
			t.Errorf("log line lacks %q:\n%s", want, line)
		}
	}
	if strings.ContainsRune(line, 0x1b) || strings.Count(line, "\n") != 1 {
		t.Errorf("the client's text reached the log raw:\n%q", line)
	}
}

func TestPanicInOneProgramLeavesTheServerUp(t *testing.T) {
	s := startServer(t, Options{Open: true})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("hello")
	v.in.Write([]byte("p"))
	if code := v.ended(); code != 1 {
		t.Errorf("exit status %d after a crash, want 1", code)
	}
	v.waitFor("The demo stopped on an error; connect again to start afresh.")
	s.waitLog(t, "end=crashed")

	c2, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatalf("the server went down with one visitor's program: %v", err)
	}
	next := open(t, c2, 80, 24)
	next.waitFor("hello")
}

func TestMadeUpWindowSizesAreCapped(t *testing.T) {
	s := startServer(t, Options{Open: true})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 65535, 65535)
	v.waitFor("size 1000x500 ")
	if err := v.sess.WindowChange(30, 2000); err != nil {
		t.Fatal(err)
	}
	v.waitFor("30 profile")
}

func TestFailEndsTheSessionWithItsReason(t *testing.T) {
	s := startServer(t, Options{Open: true, App: func(v *Visitor) (Instance, error) {
		return Instance{
			Model: greeter{id: v.ID},
			Run: func(ctx context.Context, p *tea.Program) {
				v.Fail(errors.New("the socket reader broke"))
				<-ctx.Done()
			},
		}, nil
	}})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	v := open(t, c, 80, 24)
	v.waitFor("The demo stopped on an error; connect again to start afresh.")
	if code := v.ended(); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	s.waitLog(t, "the socket reader broke")
	s.waitLog(t, "end=crashed")
}

func TestSessionsSharingAConnectionAreSeparateVisitors(t *testing.T) {
	s := startServer(t, Options{Open: true})
	c, err := dial(t, s.addr, gossh.PublicKeys(newKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	a, b := open(t, c, 80, 24), open(t, c, 80, 24)
	idOf := func(v *visit) string {
		v.waitFor(" size ")
		out := v.out.String()
		i := strings.Index(out, "hello visitor_")
		return out[i+len("hello ") : i+len("hello visitor_")+12]
	}
	if idA, idB := idOf(a), idOf(b); idA == idB {
		t.Fatalf("two sessions on one connection are both %s", idA)
	}
	a.in.Write([]byte("q"))
	a.ended()
	for deadline := time.Now().Add(10 * time.Second); s.Sessions() != 1; {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions after one of two left", s.Sessions())
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.in.Write([]byte("q"))
	b.ended()
}
