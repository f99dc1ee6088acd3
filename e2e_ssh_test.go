package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"aui-tui/api/demo"
	"aui-tui/internal/record"
)

// sshDemo is the built binary serving over SSH on a free loopback port,
// visited with the system ssh client, each visitor in a tmux pane.
type sshDemo struct {
	t      *testing.T
	dir    string
	port   string
	cmd    *exec.Cmd
	out    *lockedBuffer
	exited chan error
	socket string
	env    []string // more environment for the server
}

// lockedBuffer is what a server or a visitor's terminal printed, read
// while it is written.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *lockedBuffer) has(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return bytes.Contains(l.b.Bytes(), []byte(s))
}

// newSSHDemo builds the binary; start runs it.
func newSSHDemo(t *testing.T) *sshDemo {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	for _, tool := range []string{"tmux", "ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; the SSH end-to-end test needs it (.ci/run installs tmux and openssh-client)", tool)
		}
	}
	dir := t.TempDir()
	buildBinary(t, dir)
	return &sshDemo{t: t, dir: dir, out: &lockedBuffer{}, exited: make(chan error, 1),
		socket: fmt.Sprintf("aui-e2e-ssh-%d-%d", os.Getpid(), tmuxServers.Add(1))}
}

// start serves on a free loopback port with a fresh state directory.
func (d *sshDemo) start(args ...string) {
	t := d.t
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, d.port, _ = net.SplitHostPort(addr)
	d.cmd = exec.Command(filepath.Join(d.dir, "aui-tui"), append([]string{"serve", "--ssh", addr, "--demo-pace", "3ms"}, args...)...)
	d.cmd.Env = append(withoutEnv(os.Environ(), envKey),
		"XDG_STATE_HOME="+filepath.Join(d.dir, "state"),
		"XDG_CONFIG_HOME="+filepath.Join(d.dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(d.dir, "cache"),
	)
	d.cmd.Env = append(d.cmd.Env, d.env...)
	d.cmd.Stdout, d.cmd.Stderr = d.out, d.out
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { d.exited <- d.cmd.Wait() }()
	t.Cleanup(func() {
		exec.Command("tmux", "-L", d.socket, "kill-server").Run()
		d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.exited:
		case <-time.After(15 * time.Second):
			d.cmd.Process.Kill()
		}
	})
	d.waitLog("the server to listen", "ssh -p "+d.port+" 127.0.0.1")
}

func withoutEnv(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// waitLog polls the server's output until it holds every want.
func (d *sshDemo) waitLog(what string, want ...string) string {
	d.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out := d.out.String()
		ok := true
		for _, w := range want {
			ok = ok && strings.Contains(out, w)
		}
		if ok {
			return out
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("waiting for %s (%q); the server printed:\n%s", what, want, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// keygen makes a throwaway client key pair and returns its private key's path.
func (d *sshDemo) keygen(name string) string {
	d.t.Helper()
	path := filepath.Join(d.dir, name)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path).CombinedOutput(); err != nil {
		d.t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return path
}

// sshArgs connect with exactly this key, trusting the throwaway host key,
// ignoring the user's own ssh configuration.
func (d *sshDemo) sshArgs(key string) []string {
	return []string{"ssh", "-F", "/dev/null", "-p", d.port, "-i", key, "-o", "IdentitiesOnly=yes",
		"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "LogLevel=ERROR", "127.0.0.1"}
}

// visit opens a visitor's terminal of w x h running ssh; the pane stays
// after ssh exits, showing its exit status under what the server said.
func (d *sshDemo) visit(name, key string, w, h int) *tmuxSession {
	d.t.Helper()
	s := &tmuxSession{t: d.t, socket: d.socket, name: name}
	cmdline := "env TERM=xterm-256color " + strings.Join(d.sshArgs(key), " ") + "; echo ssh exited $?; sleep 600"
	if out, err := s.tmux("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmdline); err != nil {
		d.t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	return s
}

var tasksTotal = regexp.MustCompile(`(\d+) tasks`)

// taskCount is the total the task list shows.
func taskCount(t *testing.T, screen string) int {
	t.Helper()
	m := tasksTotal.FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no task count on the screen:\n%s", screen)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestServeOverSSH: two people connect with ssh to an open demo at once,
// each sees the demo's tasks as their own, chats with live streaming
// without the other seeing it, and both are told when the server stops.
func TestServeOverSSH(t *testing.T) {
	d := newSSHDemo(t)
	d.start("--open")
	a := d.visit("ssh-a", d.keygen("a"), 120, 40)
	scr := a.waitFor("the task list", "tasks · visitor_", "page 1 of", "DEMO")
	seeded := taskCount(t, scr)
	if seeded < 20 {
		t.Fatalf("a visitor sees %d tasks, not the demo's history:\n%s", seeded, scr)
	}
	a.keys("C-n")
	a.waitFor("the welcome message and starter chips", "perfect product", "1 Show me your best sellers")
	a.typeText("I need a built-in microwave, 20 l or more")
	a.keys("Enter")
	a.waitFor("the streamed reply with cards and chips", "★ recommended", "Price", "2 Show me cheaper options")
	a.waitFor("the new task in the list", fmt.Sprintf("%d tasks", seeded+1))

	b := d.visit("ssh-b", d.keygen("b"), 80, 24)
	scr = b.waitFor("the second visitor's task list", "tasks · visitor_", "page 1 of")
	if n := taskCount(t, scr); n != seeded {
		t.Fatalf("the second visitor sees %d tasks, want the %d seeded (not the first visitor's new one):\n%s", n, seeded, scr)
	}
	b.tmux("resize-window", "-t", "ssh-b", "-x", "120", "-y", "40")
	scr = b.waitFor("the wide layout after a resize", "tasks · visitor_", "ctrl+n new task")
	if strings.Contains(scr, "I need a built-in microwave, 20 l or more") {
		t.Fatalf("the second visitor sees the first one's message:\n%s", scr)
	}
	b.keys("C-c")
	b.waitFor("ssh to end after ctrl+c", "ssh exited 0")
	d.waitLog("the second visitor's log line", "messages=0 end=left")

	d.cmd.Process.Signal(syscall.SIGTERM)
	a.waitFor("the goodbye", "The demo is ending: the server is shutting down.", "ssh exited 0")
	log := d.waitLog("the first visitor's log line", "messages=1 end=server-stopping")
	select {
	case err := <-d.exited:
		if err != nil {
			t.Fatalf("serve exited with %v:\n%s", err, log)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve still running after SIGTERM:\n%s", log)
	}
	if ids := regexp.MustCompile(`visitor=(visitor_\w+)`).FindAllStringSubmatch(log, -1); len(ids) != 2 || ids[0][1] == ids[1][1] {
		t.Errorf("want two distinct visitors in the log:\n%s", log)
	}
}

// TestServeSSHAccessAndLimits: only a listed key gets in, and a visitor
// over the session limit is told the demo is full.
func TestServeSSHAccessAndLimits(t *testing.T) {
	d := newSSHDemo(t)
	allowed, other := d.keygen("allowed"), d.keygen("other")
	pub, err := os.ReadFile(allowed + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(d.dir, "authorized_keys")
	if err := os.WriteFile(list, pub, 0o600); err != nil {
		t.Fatal(err)
	}
	d.start("--authorized-keys", list, "--max-sessions", "1")

	out, err := exec.Command(d.sshArgs(other)[0], d.sshArgs(other)[1:]...).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "Permission denied") {
		t.Fatalf("a key not in the list: %v\n%s", err, out)
	}

	in := d.visit("ssh-in", allowed, 100, 30)
	in.waitFor("the task list", "tasks · visitor_", "page 1 of")
	full := d.visit("ssh-full", allowed, 100, 30)
	scr := full.waitFor("the refusal", "The demo is full (1 visitor at once); please try again in a few minutes.", "ssh exited 1")
	if strings.Contains(scr, "tasks ·") {
		t.Fatalf("the refused visitor got the program:\n%s", scr)
	}
	d.waitLog("the refusal's log line", "end=refused-full")
}

// TestServeLiveKeepsTheKeyOnTheServer: with a key and --base-url, visitors
// use that backend as the --user, and the key appears nowhere a visitor
// or the log could read it.
func TestServeLiveKeepsTheKeyOnTheServer(t *testing.T) {
	d := newSSHDemo(t)
	const key = "live-secret-4242"
	backend, err := demo.New(demo.Options{Key: key, Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(backend)
	t.Cleanup(func() {
		hs.Close()
		backend.Close()
	})
	d.env = []string{envKey + "=" + key}
	d.start("--open", "--base-url", hs.URL, "--user", demo.DefaultUserID)
	if !strings.Contains(d.out.String(), "LIVE") {
		t.Fatalf("serve does not say it serves a live backend:\n%s", d.out.String())
	}
	v := d.visit("ssh-live", d.keygen("v"), 120, 40)
	v.waitFor("the user's tasks", "tasks · "+demo.DefaultUserID, "LIVE")
	v.keys("C-n")
	v.waitFor("the welcome message", "perfect product")
	v.typeText("I need a built-in microwave, 20 l or more")
	v.keys("Enter")
	scr := v.waitFor("the streamed reply", "★ recommended")
	v.keys("C-c")
	v.waitFor("ssh to end", "ssh exited 0")
	log := d.waitLog("the log line", "messages=1 end=left")
	if strings.Contains(log, key) || strings.Contains(scr, key) {
		t.Fatalf("the key was shown; server output:\n%s\nvisitor's screen:\n%s", log, scr)
	}
}

// TestServeReplayOverSSH: a session recorded with --record plays to a
// visitor over SSH, typed message and streamed reply included.
func TestServeReplayOverSSH(t *testing.T) {
	d := newSSHDemo(t)
	file := filepath.Join(d.dir, "session.jsonl")
	rec := &tmuxSession{t: t, socket: d.socket, name: "ssh-record"}
	cmdline := strings.Join([]string{"env", "-u", envKey,
		"XDG_STATE_HOME=" + filepath.Join(d.dir, "state"), "XDG_CONFIG_HOME=" + filepath.Join(d.dir, "config"),
		filepath.Join(d.dir, "aui-tui"), "--record", file, "--demo-pace", "3ms"}, " ")
	if out, err := rec.tmux("new-session", "-d", "-s", rec.name, "-x", "120", "-y", "40", cmdline); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	rec.waitFor("the task list", "page 1 of")
	rec.keys("C-n")
	rec.waitFor("the welcome message", "perfect product")
	rec.typeText("I need a built-in microwave, 20 l or more")
	rec.keys("Enter")
	rec.waitFor("the reply", "★ recommended", "2 Show me cheaper options")
	rec.keys("C-c")
	for deadline := time.Now().Add(10 * time.Second); rec.alive() && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}

	d.start("--open", "--replay", file)
	v := d.visit("ssh-replay", d.keygen("v"), 120, 40)
	// The task the recording started, titled by its message, and the
	// reply streamed into it.
	v.waitFor("the replayed conversation", "replay · recorded_user", "Built-in microwave · ", "★ recommended", "2 Show me cheaper options")
	v.keys("q")
	v.waitFor("ssh to end", "ssh exited 0")
	d.waitLog("the log line", "end=left")
}

// TestServeRecordsEachVisitor: with --record, a visitor's session lands in a
// file of its own that replay reads: the typed message sent, the streamed
// reply, the keys, and neither the key nor the visitor's user id.
func TestServeRecordsEachVisitor(t *testing.T) {
	d := newSSHDemo(t)
	dir := filepath.Join(d.dir, "recordings")
	d.start("--open", "--record", dir)
	v := d.visit("ssh-rec", d.keygen("v"), 100, 30)
	scr := v.waitFor("the visitor's tasks", "tasks · ")
	v.keys("C-n")
	v.waitFor("the welcome message", "perfect product")
	v.typeText("I need a built-in microwave, 20 l or more")
	v.keys("Enter")
	v.waitFor("the streamed reply", "★ recommended")
	v.keys("C-c")
	v.waitFor("ssh to end", "ssh exited 0")
	d.waitLog("the log line", "messages=1 end=left")

	files, err := filepath.Glob(filepath.Join(dir, "visitor-*.jsonl"))
	if err != nil || len(files) != 1 {
		t.Fatalf("want one recording in %s, got %v (%v)", dir, files, err)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	user := ""
	for _, l := range strings.Split(scr, "\n") {
		if i := strings.Index(l, "tasks · "); i >= 0 {
			user = strings.Fields(l[i+len("tasks · "):])[0]
		}
	}
	if user == "" || strings.Contains(string(b), user) || strings.Contains(string(b), demo.DefaultKey) {
		t.Fatalf("the recording holds the visitor's user id %q or the key", user)
	}
	rec, err := record.Load(files[0])
	if err != nil {
		t.Fatalf("replay cannot read the recording: %v", err)
	}
	kinds := map[string]int{}
	for _, e := range rec.Entries {
		kinds[e.Kind]++
	}
	if rec.Start.User != record.PlaceholderUser || kinds[record.KindKey] == 0 || kinds[record.KindHTTP] == 0 ||
		kinds[record.KindSent] == 0 || kinds[record.KindFrame] == 0 || kinds[record.KindWindow] == 0 {
		t.Fatalf("recording incomplete: user %q, entries %v", rec.Start.User, kinds)
	}
	if !strings.Contains(string(b), "built-in microwave, 20 l or more") {
		t.Fatal("the message the visitor sent is not in the recording")
	}
}
