package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live, headroom uint64
		want           int
	}{
		{4 << 20, 32 << 20, 800},  // a small heap grows by the headroom
		{16 << 20, 32 << 20, 200}, // ...
		{32 << 20, 32 << 20, 100}, // a heap as big as the headroom: GOGC 100
		{64 << 20, 32 << 20, 50},  // twice as big: by half of what is live
		{150 << 20, 32 << 20, 33}, // a long transcript: by a third, its peak stays low
		{1 << 10, 32 << 20, maxPercent},
		{0, 32 << 20, maxPercent},
	} {
		if got := Percent(c.live, c.headroom); got != c.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", c.live, c.headroom, got, c.want)
		}
	}
}

func TestLimit(t *testing.T) {
	const floor = 96 << 20
	if got := Limit(4<<20, floor); got != floor {
		t.Errorf("a small heap's limit is %d, want the floor", got)
	}
	// A long transcript open: above where the next collection starts
	// (GOGC 50), so the collector is not kept running.
	live := uint64(138 << 20)
	next := live + live*uint64(Percent(live, Headroom))/100
	if got := Limit(live, floor); got <= int64(next) {
		t.Errorf("with %d live the limit is %d, at or below the next collection's start %d", live, got, next)
	}
}

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestStartTunesAfterACollectionAndStopRestores(t *testing.T) {
	before := gcPercent()
	limitBefore := debug.SetMemoryLimit(-1)
	stop := Start(Headroom, 96<<20)
	// The finalizer runs on its own goroutine after the collection.
	for deadline := time.Now().Add(10 * time.Second); gcPercent() == before && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := gcPercent(); got <= 100 {
		t.Fatalf("with a test's small heap GOGC is %d, want it raised above 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 96<<20 {
		t.Fatalf("with a test's small heap the memory limit is %d, want the floor", got)
	}
	stop()
	if got := gcPercent(); got != before {
		t.Fatalf("after stop GOGC is %d, want %d again", got, before)
	}
	if got := debug.SetMemoryLimit(-1); got != limitBefore {
		t.Fatalf("after stop the memory limit is %d, want %d again", got, limitBefore)
	}
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	if got := gcPercent(); got != before {
		t.Fatalf("a collection after stop changed GOGC to %d", got)
	}
}
