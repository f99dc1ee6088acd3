package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log"
	"net"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"aui-tui/internal/sshserve"
	"aui-tui/theme"
	"aui-tui/ui"
)

// serveInProcess serves the demo over SSH in this process, wired as serve
// wires it, and returns its address, its backend and its log.
func serveInProcess(tb testing.TB, opts sshserve.Options) (string, *conn, *lockedBuffer) {
	tb.Helper()
	tb.Setenv(envKey, "")
	tb.Setenv("XDG_STATE_HOME", tb.TempDir())
	f := connFlags{timeout: 30 * time.Second, demoTemp: true}
	f.demoPace = optDuration{set: true}
	c, err := connect(f, nil)
	if err != nil {
		tb.Fatal(err)
	}
	hk, err := sshserve.LoadOrCreateHostKey(filepath.Join(tb.TempDir(), "host_key"))
	if err != nil {
		tb.Fatal(err)
	}
	logged := &lockedBuffer{}
	opts.HostKey = hk.PEM
	opts.App = visitorApp(c, ui.Config{Theme: theme.ModeDark, Timeout: f.timeout, Mouse: true, NoFiles: true}, "")
	opts.Log = log.New(logged, "", 0)
	srv, err := sshserve.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go srv.Serve(ln)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
		c.close()
	})
	return ln.Addr().String(), c, logged
}

// benchVisitor is one SSH visitor with a 120x40 terminal.
type benchVisitor struct {
	client *gossh.Client
	sess   *gossh.Session
	in     interface{ Write([]byte) (int, error) }
	out    *lockedBuffer
}

// arrive connects with a new key and returns once the visitor's task list
// is on screen.
func arrive(tb testing.TB, addr string) *benchVisitor {
	tb.Helper()
	v, err := tryArrive(addr, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// tryArrive is arrive with a given key (nil: a new one) that reports what
// went wrong, for use off the test's goroutine.
func tryArrive(addr string, key ed25519.PrivateKey) (*benchVisitor, error) {
	if key == nil {
		var err error
		if _, key, err = ed25519.GenerateKey(rand.Reader); err != nil {
			return nil, err
		}
	}
	signer, err := gossh.NewSignerFromKey(key)
	if err != nil {
		return nil, err
	}
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "bench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		return nil, err
	}
	v, err := startVisit(client)
	if err != nil {
		client.Close()
		return nil, err
	}
	return v, nil
}

// startVisit opens a 120x40 shell session and waits for the task list.
func startVisit(client *gossh.Client) (*benchVisitor, error) {
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	v := &benchVisitor{client: client, sess: sess, out: &lockedBuffer{}}
	sess.Stdout = v.out
	if v.in, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	if err := sess.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(60 * time.Second)
	for !v.out.has(" tasks") {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("no task list after 60 s; the visitor's terminal got:\n%q", v.out.String())
		}
		time.Sleep(time.Millisecond)
	}
	return v, nil
}

// leave quits the program and hangs up.
func (v *benchVisitor) leave() {
	v.in.Write([]byte("q"))
	v.sess.Wait()
	v.client.Close()
}

// BenchmarkServeVisitor: an SSH visitor connects until their own task
// list, seeded for them, is on screen (handshake, demo user, program,
// first list page), then leaves.
func BenchmarkServeVisitor(b *testing.B) {
	addr, _, _ := serveInProcess(b, sshserve.Options{Open: true})
	for b.Loop() {
		arrive(b, addr).leave()
	}
}

// BenchmarkServeTenVisitors: ten visitors at once; reports the heap each
// one holds while connected.
func BenchmarkServeTenVisitors(b *testing.B) {
	const n = 10
	addr, _, _ := serveInProcess(b, sshserve.Options{Open: true})
	var perVisitor float64
	for b.Loop() {
		before := heapInUse()
		vs := make([]*benchVisitor, n)
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range vs {
			wg.Go(func() { vs[i], errs[i] = tryArrive(addr, nil) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
		perVisitor = float64(heapInUse()-before) / n / (1 << 20)
		for _, v := range vs {
			v.leave()
		}
	}
	b.ReportMetric(perVisitor, "MB-heap/visitor")
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
