package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestDebugLogRecordsACommandWithoutTheKey(t *testing.T) {
	b := serverMode(t)
	t.Setenv(envKey, wrongKey)
	logPath := filepath.Join(t.TempDir(), "debug.log")
	_, _, err := runCmd(t, b.cmd("tasks", "--debug-file", logPath)...)
	if err == nil {
		t.Fatal("a wrong key was accepted")
	}
	b2, rerr := os.ReadFile(logPath)
	if rerr != nil {
		t.Fatal(rerr)
	}
	log := string(b2)
	for _, want := range []string{"msg=start", "msg=live", "key_from=$AUI_NETWORK_API_KEY", "msg=request", "method=GET", "status=401", "duration=", "X-Network-Api-Key: REDACTED"} {
		if !strings.Contains(log, want) {
			t.Errorf("debug log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(log, wrongKey) || strings.Contains(log, wrongKey[8:]) {
		t.Fatalf("the key is in the debug log:\n%s", log)
	}
	if fi, _ := os.Stat(logPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("debug log mode %v, want 0600", fi.Mode().Perm())
	}

	if got := strings.TrimSpace(mustRun(t, "logs", "--debug-file", logPath)); got != logPath {
		t.Errorf("logs printed %q, want the path", got)
	}
	last := strings.TrimSpace(mustRun(t, "logs", "--debug-file", logPath, "--tail", "1"))
	lines := strings.Split(strings.TrimSpace(log), "\n")
	if last != lines[len(lines)-1] {
		t.Errorf("logs --tail 1 = %q, want %q", last, lines[len(lines)-1])
	}
}

func TestLogsDefaultPathAndMissingLog(t *testing.T) {
	isolate(t)
	want := filepath.Join(os.Getenv("XDG_STATE_HOME"), "aui-tui", "debug.log")
	if got := strings.TrimSpace(mustRun(t, "logs")); got != want {
		t.Errorf("logs = %q, want %q", got, want)
	}
	_, _, err := runCmd(t, "logs", "--tail", "5")
	oneLine(t, err, "no debug log", "--debug")
}

func TestDebugFlagWritesTheDefaultLog(t *testing.T) {
	isolate(t)
	mustRun(t, "tasks", "--demo", "--demo-pace", "0", "--debug")
	b, err := os.ReadFile(filepath.Join(os.Getenv("XDG_STATE_HOME"), "aui-tui", "debug.log"))
	if err != nil || !strings.Contains(string(b), "status=200") {
		t.Fatalf("debug.log = %q, %v", b, err)
	}
}

func TestFollowPrintsAppendedLinesSafely(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debug.log")
	if err := os.WriteFile(path, []byte("old line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		t.Fatal(err)
	}
	out := &syncWriter{}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- followLog(ctx, out, f) }()

	w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(w, "new \x1b]52;c;aGk=\x07line\n")
	w.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), "new line") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if got != "new line\n" {
		t.Errorf("followed %q, want only the new line, without its escape sequence", got)
	}
}

// syncWriter collects output written from another goroutine.
type syncWriter struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
