package main

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// stopSignals are the signals that end the program like a quit: interrupt,
// terminate, hang-up (the terminal window closed, the SSH connection
// dropped, tmux kill-session) and quit. Bubble Tea itself handles only the
// first two, and the others would leave the terminal in the alternate
// screen with the mouse captured and the drafts unsaved.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// killAfter is how long a quit may take before the program is stopped
// without its cooperation (its loop is stuck): the terminal is restored
// either way.
const killAfter = time.Second

// watchSignals calls quit on the first stop signal, and kill if the
// program has not ended killAfter later or on a second signal. The
// returned func stops watching; it may be called more than once.
func watchSignals(quit, kill func()) (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, stopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
		case <-done:
			return
		}
		go quit() // it may block while the program's loop is busy
		t := time.NewTimer(killAfter)
		defer t.Stop()
		select {
		case <-ch:
		case <-t.C:
		case <-done:
			return
		}
		kill()
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			signal.Stop(ch)
			close(done)
		})
	}
}
