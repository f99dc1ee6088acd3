// Package gctune keeps the garbage collector from running many times a
// second while the heap is small.
//
// With the default GOGC of 100 a collection starts when the heap has grown
// by as much as is live, and never below 4 MB. The program's live heap is a
// few megabytes most of the time, while a streamed reply allocates tens of
// megabytes a second (a frame a twentieth of a second): that is a
// collection every 70 ms or so, each scanning the whole live heap, about
// 4 % of a core. After each collection the tuner lets the heap grow by at
// least a fixed headroom before the next one, and by a third of what is
// live (GOGC 33) once the heap is large: a long transcript is loaded,
// cached and indexed in bursts of garbage, and the default would let the
// process grow to twice what it holds.
//
// It can also keep a soft memory limit a little above that, never below a
// floor, so memory freed after a load goes back to the system soon rather
// than being held for good. A fixed limit would not do: with more live than
// the limit (a 50,000-message transcript open) the collector runs all the
// time, and a streamed reply cost 80 % of a core.
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Headroom is how much the heap may grow between collections at least.
const Headroom = 32 << 20

// maxPercent bounds GOGC when the live heap is tiny; minPercent is GOGC
// once the heap is large: it grows by a third of what is live.
const (
	maxPercent = 2000
	minPercent = 33
)

// Percent is the GOGC that lets a live heap of live bytes grow by
// headroom bytes, or by a third of what is live when that is more.
func Percent(live, headroom uint64) int {
	if live == 0 {
		return maxPercent
	}
	return int(max(min(headroom*100/live, maxPercent), minPercent))
}

// Limit is the soft memory limit for a live heap of live bytes: a little
// above where Percent's collection starts, and at least floor.
func Limit(live, floor uint64) int64 {
	return int64(max(floor, live+live/3+limitSlack))
}

// limitSlack keeps the limit above the heap's goal, so that it returns
// memory rather than starting collections.
const limitSlack = 8 << 20

// Start tunes GOGC after every collection until stop is called, and the
// memory limit too when floor is not 0; stop restores both as they were.
func Start(headroom, floor uint64) (stop func()) {
	t := &tuner{headroom: headroom, floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	before := debug.SetGCPercent(100)
	debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1) // a negative limit only reads it
	if floor > 0 {
		debug.SetMemoryLimit(Limit(0, floor))
	}
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetGCPercent(before)
		debug.SetMemoryLimit(limit)
	}
}

type tuner struct {
	headroom, floor uint64
	sample          []metrics.Sample
	stopped         atomic.Bool
}

// sentinel is garbage made on purpose: its finalizer runs after the
// collection that found it unreachable.
type sentinel struct{ _ *int }

func (t *tuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if t.stopped.Load() {
			return
		}
		t.tune()
		t.arm()
	})
}

func (t *tuner) tune() {
	metrics.Read(t.sample)
	if t.sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := t.sample[0].Value.Uint64()
	debug.SetGCPercent(Percent(live, t.headroom))
	if t.floor > 0 {
		debug.SetMemoryLimit(Limit(live, t.floor))
	}
}
