package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, want := range []string{"msg=start", "msg=request", "method=GET", "status=401", "duration=", "X-Network-Api-Key: REDACTED"} {
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
