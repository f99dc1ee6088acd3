package ui

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"aui-tui/api"
)

type eventLog struct {
	mu  sync.Mutex
	evs []api.Event
	got chan struct{}
}

func newEventLog() *eventLog { return &eventLog{got: make(chan struct{}, 1000)} }

func (l *eventLog) send(ev api.Event) {
	l.mu.Lock()
	l.evs = append(l.evs, ev)
	l.mu.Unlock()
	l.got <- struct{}{}
}

func (l *eventLog) list() []api.Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]api.Event(nil), l.evs...)
}

func TestPacerPassesTheLatestUpdateOfAFrameBeforeTheNextEvent(t *testing.T) {
	l := newEventLog()
	p := NewEventPacer(l.send, time.Hour) // no frame ends during the test
	defer p.Stop()
	for i := 1; i <= 100; i++ {
		p.Handle(api.TextUpdate{TaskID: "t", MessageID: "m", Text: fmt.Sprint("word ", i)})
	}
	final := api.FinalMessage{TaskID: "t", Message: api.Message{ID: "m", Text: "done"}}
	p.Handle(final)
	got := l.list()
	want := []api.Event{
		api.TextUpdate{TaskID: "t", MessageID: "m", Text: "word 1"},   // at once
		api.TextUpdate{TaskID: "t", MessageID: "m", Text: "word 100"}, // the frame's latest
		final,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("passed\n%v\nwant\n%v", got, want)
	}
}

func TestPacerSendsAnotherRepliesUpdateAfterTheWaitingOne(t *testing.T) {
	l := newEventLog()
	p := NewEventPacer(l.send, time.Hour)
	defer p.Stop()
	p.Handle(api.TextUpdate{TaskID: "a", Text: "a1"})
	p.Handle(api.TextUpdate{TaskID: "a", Text: "a2"})
	p.Handle(api.TextUpdate{TaskID: "b", Text: "b1"})
	p.Handle(api.StateChange{State: api.StateLive})
	got := fmt.Sprint(l.list())
	want := fmt.Sprint([]api.Event{api.TextUpdate{TaskID: "a", Text: "a1"}, api.TextUpdate{TaskID: "a", Text: "a2"},
		api.TextUpdate{TaskID: "b", Text: "b1"}, api.StateChange{State: api.StateLive}})
	if got != want {
		t.Fatalf("passed\n%s\nwant\n%s", got, want)
	}
}

func TestPacerSendsTheWaitingUpdateAtTheFramesEnd(t *testing.T) {
	l := newEventLog()
	p := NewEventPacer(l.send, 10*time.Millisecond)
	defer p.Stop()
	p.Handle(api.TextUpdate{TaskID: "t", Text: "one"})
	p.Handle(api.TextUpdate{TaskID: "t", Text: "one two"})
	for range 2 {
		select {
		case <-l.got:
		case <-time.After(10 * time.Second):
			t.Fatalf("the waiting update was never sent: %v", l.list())
		}
	}
	if got := l.list(); len(got) != 2 || got[1].(api.TextUpdate).Text != "one two" {
		t.Fatalf("passed %v, want the first update then the latest", got)
	}
}
