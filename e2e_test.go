package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// tmuxSession drives the built binary in a detached tmux session on a
// private server socket, the way a person at a terminal would.
type tmuxSession struct {
	t      testing.TB
	socket string
	name   string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	if out, err := s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...); err != nil {
		s.t.Fatalf("send-keys %v: %v: %s", keys, err, out)
	}
}

func (s *tmuxSession) typeText(text string) {
	s.t.Helper()
	if out, err := s.tmux("send-keys", "-t", s.name, "-l", text); err != nil {
		s.t.Fatalf("send-keys -l: %v: %s", err, out)
	}
}

func (s *tmuxSession) screen() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", s.name)
	return out
}

// waitFor polls the screen until every want is on it. The deadline only
// bounds a failing run; nothing is asserted about speed.
func (s *tmuxSession) waitFor(what string, want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	var scr string
	for time.Now().Before(deadline) {
		scr = s.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(scr, w) {
				ok = false
				break
			}
		}
		if ok {
			return scr
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("waiting for %s (%q); screen:\n%s", what, want, scr)
	return ""
}

func (s *tmuxSession) alive() bool {
	_, err := s.tmux("has-session", "-t", s.name)
	return err == nil
}

func startTmux(t testing.TB, w, h int, args ...string) *tmuxSession {
	t.Helper()
	return startTmuxEnv(t, w, h, nil, args...)
}

// tmuxServers numbers the private tmux servers of one test process.
var tmuxServers atomic.Int32

// startTmuxEnv runs the binary with args and the variables in env (NAME=value)
// set, and no API key, NO_COLOR or variable that picks a profile, a
// configuration file or a style unless env sets them. A variable in env
// wins over the defaults here (XDG_CONFIG_HOME, to give a configuration).
func startTmuxEnv(t testing.TB, w, h int, env []string, args ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	dir := t.TempDir()
	return startTmuxBin(t, buildBinary(t, dir), dir, w, h, env, args...)
}

// startTmuxBin is startTmuxEnv with a binary already built, keeping its
// state, configuration and cache under dir.
func startTmuxBin(t testing.TB, bin, dir string, w, h int, env []string, args ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("aui-e2e-%d-%d", os.Getpid(), tmuxServers.Add(1)), name: "e2e"}
	vars := []string{
		"env", "-u", "AUI_NETWORK_API_KEY", "-u", "NO_COLOR", "-u", "AUI_PROFILE", "-u", "AUI_BASE_URL",
		"-u", "AUI_REGION", "-u", "AUI_TUI_CONFIG", "-u", "GLAMOUR_STYLE", "-u", "VISUAL",
		"XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"TERM=xterm-256color",
	}
	vars = append(vars, env...)
	cmdline := strings.Join(append(append(vars, bin), args...), " ")
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), cmdline); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(s.stop)
	return s
}

// stop ends the tmux server and waits for the program to exit: on its way
// out it still writes drafts, the cache and the search index into the test's
// temporary directory, which is removed next.
func (s *tmuxSession) stop() {
	out, _ := s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}")
	s.tmux("kill-server")
	pid, err := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || pid <= 0 {
		return
	}
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if exited(pid) {
			return
		}
	}
	s.t.Errorf("the program (pid %d) was still running 15 s after its terminal closed", pid)
}

// exited reports a process gone or a zombie (with tmux gone, no parent may
// reap it).
func exited(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return syscall.Kill(pid, 0) != nil
	}
	// The state follows the command name in parentheses.
	i := strings.LastIndexByte(string(b), ')')
	return i < 0 || i+2 >= len(b) || b[i+2] == 'Z' || b[i+2] == 'X'
}

// buildBinary builds the program into dir.
func buildBinary(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "aui-tui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestEndToEnd is a person's first session: browse, start a task, chat with
// live streaming, pick a suggestion, switch tasks, resize, quit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 120, 40, "--demo-pace", "3ms", "--theme", "dark")

	s.waitFor("the task list", "tasks · demo_user", "page 1 of", "DEMO")

	s.keys("C-n")
	s.waitFor("the welcome message and starter chips", "perfect product", "1 Show me your best sellers")

	s.typeText("I need a built-in microwave, 20 l or more")
	s.keys("Enter")
	scr := s.waitFor("the streamed reply with cards and chips", "★ recommended", "Price", "2 Show me cheaper options")
	chip := chipText(scr, 1)
	if chip != "Which one has the best energy rating?" {
		t.Fatalf("chip 1 = %q; screen:\n%s", chip, scr)
	}
	s.keys("M-1")
	s.waitFor("the chip's question answered, with new chips", "Add it to my cart")

	// Switch to another task from the list and back to typing.
	// A lone ESC followed at once by another sequence reads as alt+…, as
	// in any terminal program; a person's keys are never that close.
	s.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	s.keys("BTab")
	s.waitFor("the task list focused", "open")
	before := convHeader(s.screen())
	s.keys("j", "j", "Enter")
	deadline := time.Now().Add(30 * time.Second)
	for convHeader(s.screen()) == before && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if after := convHeader(s.screen()); after == before || !strings.Contains(after, "·") {
		t.Fatalf("the conversation header did not change to another task (%q):\n%s", after, s.screen())
	}
	s.waitFor("the other task's transcript and its chips", "╭─ compose", "││ 1 ")

	s.tmux("resize-window", "-t", s.name, "-x", "70", "-y", "20")
	s.waitFor("the narrow layout", "compose")
	s.tmux("resize-window", "-t", s.name, "-x", "120", "-y", "40")
	s.waitFor("the wide layout again", "tasks · demo_user")

	s.keys("C-c")
	deadline = time.Now().Add(10 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if s.alive() {
		t.Fatalf("still running after ctrl+c:\n%s", s.screen())
	}
}

// chipText finds the text of chip n ("n text") on the chips line.
func chipText(screen string, n int) string {
	prefix := fmt.Sprintf(" %d ", n)
	for _, line := range strings.Split(screen, "\n") {
		i := strings.Index(line, prefix)
		if i < 0 || !strings.Contains(line, fmt.Sprintf(" %d ", n+1)) {
			continue
		}
		rest := line[i+len(prefix):]
		if j := strings.Index(rest, fmt.Sprintf(" %d ", n+1)); j > 0 {
			rest = rest[:j]
		}
		return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(rest), "│"))
	}
	return ""
}

// convHeader is the conversation pane's first line: the open task's title
// and id.
func convHeader(screen string) string {
	lines := strings.Split(screen, "\n")
	if len(lines) < 2 {
		return ""
	}
	parts := strings.Split(lines[1], "││")
	if len(parts) < 2 {
		return ""
	}
	return strings.TrimSpace(strings.Trim(parts[1], "│ "))
}

// TestEndToEndAutopilotPresenting plays a script in presenter mode, as on
// a stage: the lines appear typed in the composer, the replies answer
// them, and no id, host or user is on screen.
func TestEndToEndAutopilotPresenting(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	script := filepath.Join(t.TempDir(), "demo.txt")
	if err := os.WriteFile(script, []byte("new\nI need a washing machine for a family of 5, under $800\nwhich one is the quietest?\nwait reply\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 80, 24, "play", script, "--presenter", "--demo-pace", "3ms", "--type-delay", "5ms", "--theme", "dark")
	scr := s.waitFor("the second reply and its suggestions", "Tell me more about the Nordvik WM9", "DEMO")
	for _, hidden := range []string{"demo_user", "127.0.0.1", "send suggestion"} {
		if strings.Contains(scr, hidden) {
			t.Errorf("presenter screen shows %q:\n%s", hidden, scr)
		}
	}
	if h := convHeader(scr); strings.Contains(h, "·") {
		t.Errorf("conversation header %q carries the task id", h)
	}
	s.keys("C-c")
	deadline := time.Now().Add(10 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if s.alive() {
		t.Fatalf("still running after ctrl+c:\n%s", s.screen())
	}
}

// TestEndToEndReadingAt80x24 reads a reply at the most common terminal
// size: the reply's start stays on screen with "↓ more", its table keeps
// every price whole, a joined emoji leaves every pane border in place, and
// the notice log shows a notice whole.
func TestEndToEndReadingAt80x24(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 80, 24, "--demo-pace", "3ms", "--theme", "dark")
	s.waitFor("the task list", "tasks · demo_user", "page 1 of")
	s.keys("C-n")
	s.waitFor("the welcome message", "perfect product")
	s.typeText("What is on sale right now?")
	s.keys("Enter")
	scr := s.waitFor("the reply held at its start", "These are on sale right now", "↓ more", "1 ")
	for _, whole := range []string{"$79.00", "$279.99", "$749.00"} {
		if !strings.Contains(scr, whole) {
			t.Errorf("%s is split or missing:\n%s", whole, scr)
		}
	}
	s.typeText("Größe ≥ 25 L 👨\u200d👩\u200d👧\u200d👦 ¿tienen hornos?")
	s.keys("Enter")
	scr = s.waitFor("the message with the joined emoji", "tienen hornos?")
	for i, row := range strings.Split(strings.TrimRight(scr, "\n"), "\n")[:22] {
		if r := []rune(strings.TrimRight(row, " ")); len(r) == 0 || !strings.ContainsRune("│╮╯", r[len(r)-1]) {
			t.Fatalf("row %d lost its right border:\n%s", i, scr)
		}
	}
	time.Sleep(300 * time.Millisecond) // a lone ESC, not alt+…
	s.keys("Escape")
	time.Sleep(300 * time.Millisecond)
	s.keys("!")
	s.waitFor("the notice log", "Notices, newest first")
}
