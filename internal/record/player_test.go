package record

import (
	"context"
	"testing"
	"time"
)

// pauses plays a recording of keys only and returns the pause before each
// key, without waiting any of them out.
func pauses(t *testing.T, speed float64, entries ...Entry) []time.Duration {
	t.Helper()
	rec := &Recording{Entries: entries}
	var got []time.Duration
	sent := 0
	p := &Player{Rec: rec, Server: NewServer(rec, speed), Speed: speed,
		Send:  func(Entry) { sent++ },
		Sleep: func(_ context.Context, d time.Duration) error { got = append(got, d); return nil }}
	if err := p.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sent != len(entries) {
		t.Fatalf("sent %d of %d entries", sent, len(entries))
	}
	return got
}

func char(t int64, r rune) Entry {
	return Entry{T: t, Kind: KindKey, Key: &Key{Code: r, Text: string(r)}}
}

func TestPlayerTypesAtAHumanPace(t *testing.T) {
	// Three characters recorded 1 ms apart (a script or a fast terminal),
	// then enter a minute later.
	got := pauses(t, 1, char(1000, 'h'), char(1001, 'i'), char(1002, '!'), Entry{T: 61000, Kind: KindKey, Key: &Key{Code: 13}})
	want := []time.Duration{time.Second, typeGap, typeGap, maxIdle}
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("pauses %v, want %v (typing no faster than %v, idle cut to %v)", got, want, typeGap, maxIdle)
		}
	}
}

func TestPlayerScalesPausesBySpeed(t *testing.T) {
	got := pauses(t, 2, char(400, 'a'), char(600, 'b'))
	if len(got) != 2 || got[0] != 200*time.Millisecond || got[1] != 100*time.Millisecond {
		t.Fatalf("pauses at speed 2: %v, want [200ms 100ms]", got)
	}
}
