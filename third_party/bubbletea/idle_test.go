package tea

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countModel shows whether a bumpMsg has come. Its two views share no
// letter in the same place, so the second is written whole.
type countModel struct{ n int }

type bumpMsg struct{}

func (m countModel) Init() Cmd { return nil }

func (m countModel) Update(msg Msg) (Model, Cmd) {
	if _, ok := msg.(bumpMsg); ok {
		m.n++
	}
	return m, nil
}

func (m countModel) View() View {
	if m.n == 0 {
		return NewView("waiting")
	}
	return NewView(fmt.Sprintf("arrived %d", m.n))
}

// lockedBuffer is an output the renderer writes while the test reads it.
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

// TestRendererSleepsWhenIdle checks that the renderer stops drawing once the
// screen is up to date, and that a new view wakes it and is drawn.
func TestRendererSleepsWhenIdle(t *testing.T) {
	var out lockedBuffer
	var draws atomic.Int64
	slept := make(chan struct{}, 16)

	p := NewProgram(countModel{}, WithInput(nil), WithOutput(&out), WithFPS(maxFPS), WithWindowSize(80, 24))
	p.rendererHooks.drew = func() { draws.Add(1) }
	p.rendererHooks.slept = func() { slept <- struct{}{} }
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() {
		p.Quit()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()

	waitForSleep := func(what string) {
		t.Helper()
		select {
		case <-slept:
		case <-time.After(10 * time.Second):
			t.Fatalf("the renderer never slept %s (%d frames drawn)", what, draws.Load())
		}
	}
	waitForOutput := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("%q never drawn; output %q", want, out.String())
			}
			time.Sleep(time.Millisecond)
		}
	}

	waitForOutput("waiting")
	waitForSleep("after the first frame")

	// Asleep, nothing asks for a frame: twenty frame intervals draw none.
	before := draws.Load()
	time.Sleep(20 * time.Second / maxFPS)
	if got := draws.Load() - before; got != 0 {
		t.Fatalf("%d frames drawn while nothing changed", got)
	}

	p.Send(bumpMsg{})
	waitForOutput("arrived 1")
	waitForSleep("after the second frame")
	if draws.Load() == before {
		t.Fatal("the new view was written without a frame being drawn")
	}
}
