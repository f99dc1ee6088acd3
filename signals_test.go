package main

import (
	"syscall"
	"testing"
	"time"
)

// TestWatchSignalsQuitsThenKills: the first signal asks the program to
// quit; if it has not ended a second signal kills it. Once stopped, the
// watcher does nothing more.
func TestWatchSignalsQuitsThenKills(t *testing.T) {
	quit, kill := make(chan bool, 2), make(chan bool, 2)
	stop := watchSignals(func() { quit <- true }, func() { kill <- true })
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	<-quit
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	<-kill
	stop()
	stop() // twice is fine
	select {
	case <-kill:
		t.Fatal("killed twice")
	case <-time.After(killAfter + 100*time.Millisecond): // the kill timer, had it been left running
	}
}
