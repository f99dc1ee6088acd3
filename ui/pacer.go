package ui

import (
	"sync"
	"time"

	"aui-tui/api"
)

// EventPacer passes a session's events on, with a streamed reply's text
// updates at most once per interval (StreamPace): each update carries the
// whole reply so far, so only the latest of an interval matters, and
// passing every one (200 a second for a fast reply) made the program
// update and draw its view for each. The first update after a quiet spell
// goes at once; the others wait for the interval's end. Any other event first passes the update
// waiting, so the order of what each reply says is kept.
type EventPacer struct {
	send  func(api.Event)
	every time.Duration

	// sendMu keeps sends in order: a frame's update and the event after it.
	sendMu sync.Mutex
	mu     sync.Mutex
	// pending is the update waiting for the frame's end, has whether there
	// is one; armed whether the timer will send it; last when an update
	// was last sent.
	pending api.TextUpdate
	has     bool
	armed   bool
	last    time.Time
	timer   *time.Timer
	stopped bool
}

// NewEventPacer passes events to send, text updates at most once every
// every.
func NewEventPacer(send func(api.Event), every time.Duration) *EventPacer {
	return &EventPacer{send: send, every: every}
}

// Handle takes one event from the session.
func (p *EventPacer) Handle(ev api.Event) {
	u, ok := ev.(api.TextUpdate)
	if !ok {
		p.sendMu.Lock()
		defer p.sendMu.Unlock()
		if w, has := p.take(); has {
			p.send(w)
		}
		p.send(ev)
		return
	}
	p.mu.Lock()
	if p.has && (p.pending.TaskID != u.TaskID || p.pending.MessageID != u.MessageID) {
		// Another reply's update: the waiting one goes first.
		w := p.pending
		p.has = false
		p.mu.Unlock()
		p.sendMu.Lock()
		p.send(w)
		p.sendMu.Unlock()
		p.mu.Lock()
	}
	now := time.Now()
	if !p.armed && !p.has && now.Sub(p.last) >= p.every {
		p.last = now
		p.mu.Unlock()
		p.sendMu.Lock()
		defer p.sendMu.Unlock()
		p.send(u)
		return
	}
	p.pending, p.has = u, true
	if !p.armed && !p.stopped {
		p.armed = true
		wait := p.every - now.Sub(p.last)
		if p.timer == nil {
			p.timer = time.AfterFunc(wait, p.flush)
		} else {
			p.timer.Reset(wait)
		}
	}
	p.mu.Unlock()
}

// flush sends the update waiting at the frame's end.
func (p *EventPacer) flush() {
	p.sendMu.Lock()
	defer p.sendMu.Unlock()
	p.mu.Lock()
	p.armed = false
	u, has := p.pending, p.has
	p.has = false
	if has {
		p.last = time.Now()
	}
	p.mu.Unlock()
	if has {
		p.send(u)
	}
}

// take removes the update waiting, if any.
func (p *EventPacer) take() (api.TextUpdate, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	u, has := p.pending, p.has
	p.has = false
	if has {
		p.last = time.Now()
	}
	return u, has
}

// Stop stops the timer; an update still waiting is dropped.
func (p *EventPacer) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped, p.has = true, false
	if p.timer != nil {
		p.timer.Stop()
	}
}
