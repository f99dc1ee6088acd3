package sshserve

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Visitor is one SSH session: who connected, what its program is, and the
// state of its limits.
type Visitor struct {
	// ID names the visitor's own demo user: the same for every session of
	// one key under an authorized-keys list, fresh for each session on an
	// open server.
	ID string
	// Stable is true when ID comes back on the next connection (a listed
	// key); otherwise nobody can reach this visitor's data once they leave.
	Stable bool
	// Env is the client's environment as sent over SSH, TERM included.
	Env []string

	remote  string
	sshUser string
	key     string // SHA256 fingerprint; "" after keyboard-interactive
	start   time.Time
	logf    func(format string, args ...any)
	rate    *rateLimit
	perMin  int
	sent    atomic.Int64
	touched atomic.Int64 // unix nanoseconds of the last key press, click or paste
	quit    atomic.Bool  // the program was told to quit, so it did not crash

	// ctx ends when the session does; what runs beside the program (the
	// API session feeding it) stops with it.
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	reason endReason
	p      *tea.Program
	inst   Instance
	run    sync.WaitGroup
}

// endReason is why a session ended, for the visitor's goodbye and the log.
type endReason int

const (
	endLeft     endReason = iota // the visitor quit or hung up
	endIdle                      // no input for the idle timeout
	endLength                    // the session length limit
	endShutdown                  // the server is stopping
	endFailed                    // the program could not start
	endCrashed                   // the program stopped on a panic
)

func (r endReason) String() string {
	return [...]string{"left", "idle", "time-limit", "server-stopping", "failed", "crashed"}[r]
}

// Getenv is the value of one of the client's environment variables.
func (v *Visitor) Getenv(name string) string {
	val := ""
	for _, kv := range v.Env {
		if k, rest, ok := strings.Cut(kv, "="); ok && k == name {
			val = rest // the last one wins, as in a shell
		}
	}
	return val
}

// touch records input from the visitor, which keeps the session from
// timing out as idle.
func (v *Visitor) touch() { v.touched.Store(time.Now().UnixNano()) }

// filter sees every message before the program does: a window size is
// kept within maxWidth x maxHeight, input counts as activity, a suspend (ctrl+z) is turned into a resume, as a remote
// visitor has no shell to suspend to, and a quit is noted, as a program
// that ends without one has crashed.
func (v *Visitor) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = clampSize(m.Width, m.Height)
		return m
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		v.touch()
	case tea.QuitMsg, tea.InterruptMsg:
		v.quit.Store(true)
	}
	return msg
}

// filterWith is filter followed by the app's own, if any. A quit the
// app's filter makes (a replay's q) is noted like any other.
func (v *Visitor) filterWith(next func(tea.Model, tea.Msg) tea.Msg) func(tea.Model, tea.Msg) tea.Msg {
	if next == nil {
		return v.filter
	}
	return func(m tea.Model, msg tea.Msg) tea.Msg {
		if msg = v.filter(m, msg); msg == nil {
			return nil
		}
		msg = next(m, msg)
		switch msg.(type) {
		case tea.QuitMsg, tea.InterruptMsg:
			v.quit.Store(true)
		}
		return msg
	}
}

// started reports whether the visitor's program was built.
func (v *Visitor) started() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.p != nil
}

// Fail ends the session because something running beside the program
// broke: the visitor reads that the demo stopped on an error, and err goes
// to the log.
func (v *Visitor) Fail(err error) {
	v.logf("ssh session %s: %v", v.ID, err)
	v.end(endCrashed)
}

// end asks the session to close for a reason; the first reason given is
// the one the visitor is told.
func (v *Visitor) end(r endReason) {
	v.mu.Lock()
	if v.reason == endLeft {
		v.reason = r
	}
	p := v.p
	v.mu.Unlock()
	if p != nil {
		// Quit waits for the program's loop, which may not have started
		// yet; the caller must not.
		go p.Quit()
	}
}

// attach records the visitor's program and starts what runs beside it. A
// session told to end before its program existed ends it at once.
func (v *Visitor) attach(p *tea.Program, inst Instance) {
	v.mu.Lock()
	v.p, v.inst = p, inst
	ended := v.reason != endLeft
	v.mu.Unlock()
	if inst.Run != nil {
		v.run.Add(1)
		go func() {
			defer v.run.Done()
			inst.Run(v.ctx, p)
		}()
	}
	if ended {
		go p.Quit()
	}
}

// finish stops what ran beside the program and releases the instance.
func (v *Visitor) finish() error {
	v.cancel()
	v.run.Wait()
	v.mu.Lock()
	closeFn := v.inst.Close
	v.mu.Unlock()
	if closeFn != nil {
		return closeFn()
	}
	return nil
}

func (v *Visitor) why() endReason {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.reason
}

// watch ends the session when the visitor has been idle too long or the
// session has lasted its limit; it returns when ctx ends.
func (v *Visitor) watch(idle, length time.Duration) {
	var lengthC <-chan time.Time
	if length > 0 {
		t := time.NewTimer(length)
		defer t.Stop()
		lengthC = t.C
	}
	idleT := time.NewTimer(time.Hour)
	defer idleT.Stop()
	for {
		var idleC <-chan time.Time
		if idle > 0 {
			left := time.Until(time.Unix(0, v.touched.Load()).Add(idle))
			if left <= 0 {
				v.end(endIdle)
				return
			}
			idleT.Reset(left)
			idleC = idleT.C
		}
		select {
		case <-v.ctx.Done():
			return
		case <-lengthC:
			v.end(endLength)
			return
		case <-idleC:
			// Input may have come meanwhile: measure again.
		}
	}
}

// The largest window a visitor's program draws. The client says how big
// its terminal is, and the program keeps a cell for every position: a
// made-up size of 65535 x 65535 would take gigabytes from a server that
// other visitors share. Real terminals stay well below this.
const (
	maxWidth  = 1000
	maxHeight = 500
)

func clampSize(w, h int) (int, int) {
	return min(max(w, 0), maxWidth), min(max(h, 0), maxHeight)
}
