package record

import (
	"context"
	"encoding/json"
	"time"
)

// maxIdle bounds a pause between recorded events (before scaling): a
// presenter who stopped to talk for a minute should not stall the replay.
const maxIdle = 3 * time.Second

// typeGap is the least time between two typed characters (before
// scaling): keys sent faster than a person types (a paste, a script) are
// replayed at a human pace, so the audience sees the message typed.
const typeGap = 45 * time.Millisecond

// waitLimit bounds how long the player waits for the program to make a
// recorded call before going on without it.
const waitLimit = 10 * time.Second

// Player plays a recording's timeline against a Server: it writes the
// server's frames with their recorded timing and hands keys and pastes to
// Send at the moments the user pressed them, each only after everything
// that came before it in the recording has happened again.
type Player struct {
	Rec    *Recording
	Server *Server
	// Speed scales every pause; 2 plays twice as fast.
	Speed float64
	// Send delivers a key or paste entry to the program.
	Send func(Entry)
	// Step, when set, is called after each reply has arrived and returns
	// when the next turn may start (the presenter pressed a key).
	Step func(ctx context.Context) error
	// Delivered, when set, reports how many frames the program has taken
	// in; the player waits for every frame written before sending a key,
	// so a key never overtakes the reply it followed.
	Delivered func() int
	// Sleep waits for d or until ctx is done; nil means a timer (tests
	// pass their own to see the pauses without waiting them out).
	Sleep func(ctx context.Context, d time.Duration) error
}

// sleep waits with p.Sleep or a timer.
func (p *Player) sleep(ctx context.Context, d time.Duration) error {
	if p.Sleep != nil {
		return p.Sleep(ctx, d)
	}
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// typed reports whether an entry is a printable key, which a person types.
func typed(e Entry) bool { return e.Kind == KindKey && e.Key != nil && e.Key.Text != "" }

// Run plays the whole timeline; it returns when it is done or ctx is.
func (p *Player) Run(ctx context.Context) error {
	prev := int64(0)
	written := 0
	// pause waits the recorded time since the previous event, never less
	// than least ms: idle time is cut to maxIdle, and everything is scaled.
	pause := func(t, least int64) error {
		gap := min(max(t-prev, least), maxIdle.Milliseconds())
		prev = max(prev, t)
		return p.sleep(ctx, scaled(gap, p.Speed))
	}
	lastTyped := false
	// key hands one key or paste to the program after its pause.
	key := func(e Entry) error {
		least := int64(0)
		if typed(e) && lastTyped {
			least = typeGap.Milliseconds()
		}
		if err := pause(e.T, least); err != nil {
			return err
		}
		p.settle(ctx, written)
		p.Send(e)
		lastTyped = typed(e)
		return nil
	}
	calls := 0
	for _, e := range p.Rec.Entries {
		switch e.Kind {
		case KindHTTP:
			if calls >= len(p.Server.calls) {
				continue // a server for another recording: nothing to wait for
			}
			c := p.Server.calls[calls]
			calls++
			if err := waitFor(ctx, c.done); err != nil {
				return err
			}
			prev = max(prev, e.T+e.Dur)
			if p.Step != nil && isSend(e) {
				if err := p.Step(ctx); err != nil {
					return err
				}
			}
		case KindSent:
			if err := waitFor(ctx, p.Server.received); err != nil {
				return err
			}
			prev = max(prev, e.T)
		case KindFrame:
			lastTyped = false
			if err := pause(e.T, 0); err != nil {
				return err
			}
			if err := p.Server.write(ctx, e.Frame); err != nil && ctx.Err() != nil {
				return ctx.Err()
			}
			written++
			if p.Step != nil && isFinal(e.Frame) {
				p.settle(ctx, written)
				if err := p.Step(ctx); err != nil {
					return err
				}
			}
		case KindKey, KindPaste:
			// A paste appears at once, as it did: typed out it could land
			// elsewhere (a paste goes to the composer whatever has focus).
			if err := key(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// settle waits, for a while at most, until the program has taken in n
// frames.
func (p *Player) settle(ctx context.Context, n int) {
	if p.Delivered == nil {
		return
	}
	deadline := time.Now().Add(waitLimit)
	for p.Delivered() < n && time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(time.Millisecond)
	}
}

// waitFor waits until ch is closed or yields a value, for a while at most:
// a replay whose program did not make the call goes on rather than
// hanging.
func waitFor(ctx context.Context, ch <-chan struct{}) error {
	t := time.NewTimer(waitLimit)
	defer t.Stop()
	select {
	case <-ch:
	case <-t.C:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// isSend reports whether a call sent a message over REST (its answer is the
// reply).
func isSend(e Entry) bool {
	return e.Method == "POST" && e.Path == "/api/v1/external/message" && e.Status < 300
}

// isFinal reports whether a frame is a final message: it has an id and a
// text and is neither a stream update nor an error.
func isFinal(frame json.RawMessage) bool {
	var keys map[string]json.RawMessage
	if json.Unmarshal(frame, &keys) != nil {
		return false
	}
	_, id := keys["id"]
	_, text := keys["text"]
	_, ch := keys["channel"]
	_, ev := keys["event"]
	_, st := keys["status_code"]
	return id && text && !ch && !ev && !st
}
