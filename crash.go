package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"aui-tui/internal/fsutil"
	"aui-tui/internal/textsafe"
	"aui-tui/internal/xdg"
)

// crashLog holds the first panic of a run, wherever it happened (Update,
// View, a command, the session's goroutines), so the program can stop
// cleanly instead of dying mid-screen: terminal restored, drafts saved, a
// report written.
type crashLog struct {
	mu    sync.Mutex
	val   any
	stack []byte
	// stop asks the program to end; set once it runs.
	stop func()
}

// record keeps the panic value and stack (the first one only: later ones
// are usually its echoes) and asks the program to stop.
func (c *crashLog) record(v any, stack []byte) {
	c.mu.Lock()
	if c.val == nil {
		c.val, c.stack = v, stack
	}
	stop := c.stop
	c.mu.Unlock()
	if stop != nil {
		stop()
	}
}

// recoverHere is deferred at the top of a goroutine: a panic there is
// recorded instead of killing the process with the terminal still raw.
func (c *crashLog) recoverHere() {
	if r := recover(); r != nil {
		c.record(r, debug.Stack())
	}
}

// setStop sets what record calls to end the program.
func (c *crashLog) setStop(stop func()) {
	c.mu.Lock()
	c.stop = stop
	c.mu.Unlock()
}

// crashed returns the recorded panic, if any.
func (c *crashLog) crashed() (v any, stack []byte, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.val, c.stack, c.val != nil
}

// crashReport is the text of a report: what broke and where, without the
// API key (a panic message could quote a URL that carries it) and without
// control characters.
func crashReport(v any, stack []byte, secret string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "aui-tui %s crash report\n", versionString())
	fmt.Fprintf(&b, "time: %s\ngo: %s %s/%s\n\n", now.UTC().Format(time.RFC3339), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(&b, "panic: %v\n\n%s", v, stack)
	out := textsafe.Text(b.String())
	if len(secret) >= 4 {
		out = strings.ReplaceAll(out, secret, "REDACTED")
	}
	return out
}

// writeCrashReport writes the report into the state directory and returns
// its path.
func writeCrashReport(report string, now time.Time) (string, error) {
	dir, err := xdg.StateDir(nil)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "crash-"+now.UTC().Format("20060102-150405")+".txt")
	return path, fsutil.WriteFileAtomic(path, []byte(report), 0o600)
}
