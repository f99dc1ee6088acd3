package api

import (
	"testing"
	"time"
)

func TestBackoffDelay(t *testing.T) {
	b := backoff{min: 100 * time.Millisecond, max: time.Second}
	bounds := []struct{ lo, hi time.Duration }{
		{50 * time.Millisecond, 100 * time.Millisecond},
		{100 * time.Millisecond, 200 * time.Millisecond},
		{200 * time.Millisecond, 400 * time.Millisecond},
		{400 * time.Millisecond, 800 * time.Millisecond},
		{500 * time.Millisecond, time.Second},
		{500 * time.Millisecond, time.Second},
	}
	for range 200 {
		for i, want := range bounds {
			if d := b.delay(i + 1); d < want.lo || d > want.hi {
				t.Fatalf("delay(%d) = %v, want within [%v, %v]", i+1, d, want.lo, want.hi)
			}
		}
	}
	if d := b.delay(10000); d > time.Second {
		t.Errorf("delay(10000) = %v exceeds the cap", d)
	}
	if (backoff{}).delay(3) != 0 {
		t.Error("zero backoff should not wait")
	}
}
