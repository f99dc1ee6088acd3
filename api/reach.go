package api

import "sync"

// reachSignal tells a reconnecting session that a REST call just reached
// the server, so it need not sit out the rest of a long backoff: after an
// outage the first sign of the server's return is usually the user's own
// action (a refresh, a send over REST).
type reachSignal struct {
	mu sync.Mutex
	ch chan struct{} // closed by the next reached; nil while nobody waits
}

// wait returns a channel closed the next time a call reaches the server.
func (r *reachSignal) wait() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ch == nil {
		r.ch = make(chan struct{})
	}
	return r.ch
}

// reached wakes the waiters, if any.
func (r *reachSignal) reached() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ch != nil {
		close(r.ch)
		r.ch = nil
	}
}
