// Package gctune keeps the garbage collector from running many times a
// second while the heap is small.
//
// With the default GOGC of 100 a collection starts when the heap has grown
// by as much as is live, and never below 4 MB. The program's live heap is a
// few megabytes most of the time, while a streamed reply allocates tens of
// megabytes a second (a frame a twentieth of a second): that is a
// collection every 70 ms or so, each scanning the whole live heap, about
// 4 % of a core. After each collection the tuner lets the heap grow by at
// least a fixed headroom before the next one, and by half as much as is
// live (GOGC 50) once the heap is large: a long transcript is loaded,
// cached and indexed in bursts of garbage, and the default would let the
// process grow to twice what it holds.
package gctune

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Headroom is how much the heap may grow between collections at least.
const Headroom = 32 << 20

// maxPercent bounds GOGC when the live heap is tiny.
const maxPercent = 2000

// Percent is the GOGC that lets a live heap of live bytes grow by
// headroom bytes, or by half as much as is live when that is more.
func Percent(live, headroom uint64) int {
	if live == 0 {
		return maxPercent
	}
	return int(max(min(headroom*100/live, maxPercent), 50))
}

// Start tunes GOGC after every collection until stop is called; stop
// restores the GOGC in force before.
func Start(headroom uint64) (stop func()) {
	t := &tuner{headroom: headroom, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	before := debug.SetGCPercent(100)
	debug.SetGCPercent(before)
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetGCPercent(before)
	}
}

type tuner struct {
	headroom uint64
	sample   []metrics.Sample
	stopped  atomic.Bool
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
	debug.SetGCPercent(Percent(t.sample[0].Value.Uint64(), t.headroom))
}
