package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"aui-tui/internal/hostile"
)

// TestSignalsRestoreTerminalAndKeepDrafts: closing the terminal (SIGHUP),
// kill (SIGTERM), ctrl+\ (SIGQUIT) and kill -INT each end the program like
// a quit: the terminal leaves the alternate screen, mouse reporting is off,
// the cursor is visible again, and the text being typed is saved.
func TestSignalsRestoreTerminalAndKeepDrafts(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "aui-tui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGQUIT, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			s := &tmuxSession{t: t, socket: fmt.Sprintf("aui-sig-%d-%d", os.Getpid(), sig), name: "sig"}
			cmdline := strings.Join([]string{
				"env", "-u", "AUI_NETWORK_API_KEY", "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
				"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "TERM=xterm-256color",
				bin, "--demo-pace", "3ms", "--theme", "dark",
			}, " ")
			if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "100", "-y", "30", cmdline); err != nil {
				t.Fatalf("tmux new-session: %v: %s", err, out)
			}
			t.Cleanup(func() { s.tmux("kill-server") })
			s.tmux("set-option", "-t", s.name, "remain-on-exit", "on")
			// tmux hides the cursor of a dead pane, so the cursor is judged
			// from what the program wrote.
			out := filepath.Join(dir, "out")
			s.tmux("pipe-pane", "-t", s.name, "cat > "+out)
			s.waitFor("the task list", "tasks · demo_user")
			s.keys("C-n")
			s.waitFor("a new task", "perfect product")
			s.typeText("words not sent yet")
			s.waitFor("the typed text", "words not sent yet")

			pid, _ := s.tmux("display", "-p", "-t", s.name, "#{pane_pid}")
			var p int
			fmt.Sscan(pid, &p)
			if err := syscall.Kill(p, sig); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(20 * time.Second)
			for time.Now().Before(deadline) {
				if dead, _ := s.tmux("display", "-p", "-t", s.name, "#{pane_dead}"); strings.TrimSpace(dead) == "1" {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			state, _ := s.tmux("display", "-p", "-t", s.name, "#{pane_dead} #{alternate_on} #{mouse_any_flag}")
			if got := strings.TrimSpace(state); got != "1 0 0" {
				t.Fatalf("after %v: pane dead, alt screen, mouse = %q, want \"1 0 0\"", sig, got)
			}
			written, _ := os.ReadFile(out)
			if hide, show := strings.LastIndex(string(written), "\x1b[?25l"), strings.LastIndex(string(written), "\x1b[?25h"); hide > show {
				t.Fatalf("after %v the cursor was left hidden", sig)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "state", "aui-tui", "drafts", "*.json"))
			var all string
			for _, f := range files {
				b, _ := os.ReadFile(f)
				all += string(b)
			}
			if !strings.Contains(all, "words not sent yet") {
				t.Fatalf("after %v the draft was not saved (files %v: %q)", sig, files, all)
			}
		})
	}
}

// TestHostileTranscriptStaysResponsive: a transcript of hostile text (100
// nested quotes, 100-deep lists, a 10 MB message, terminal sequences in
// every field) opens, the screen keeps the program's own title, and ctrl+c
// still quits. The nested quotes alone used to freeze the program for
// minutes, ignoring ctrl+c.
func TestHostileTranscriptStaysResponsive(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; the end-to-end test needs it (.ci/run installs it)")
	}
	hs := hostileServer(t, hostile.Corpus(), hostile.Big())
	dir := t.TempDir()
	bin := filepath.Join(dir, "aui-tui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	s := &tmuxSession{t: t, socket: fmt.Sprintf("aui-hostile-%d", os.Getpid()), name: "hostile"}
	cmdline := strings.Join([]string{
		"env", "AUI_NETWORK_API_KEY=hostile-key", "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "TERM=xterm-256color",
		bin, "--base-url", hs.URL, "--user", "u1", "--theme", "dark",
	}, " ")
	if out, err := s.tmux("new-session", "-d", "-s", s.name, "-x", "80", "-y", "24", cmdline); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { s.tmux("kill-server") })
	s.tmux("set-option", "-t", s.name, "remain-on-exit", "on")
	s.waitFor("the task list", "tasks · u1")
	s.keys("Enter")
	s.waitFor("the hostile transcript", "before")
	s.keys("G")
	s.waitFor("the end of the transcript", "ten megabytes")
	if title, _ := s.tmux("display", "-p", "-t", s.name, "#{pane_title}"); strings.Contains(title, "pwned") {
		t.Fatalf("the server set the window title: %q", title)
	}
	s.keys("C-c")
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if dead, _ := s.tmux("display", "-p", "-t", s.name, "#{pane_dead}"); strings.TrimSpace(dead) == "1" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("ctrl+c did not quit; screen:\n%s", s.screen())
}
