package api

import (
	"testing"
	"time"
)

func TestTaskCreatedFromObjectID(t *testing.T) {
	got, ok := Task{ID: "68e78d0dc5a4b19a030d03d6"}.Created()
	if want := time.Date(2025, 10, 9, 10, 23, 9, 0, time.UTC); !ok || !got.Equal(want) {
		t.Fatalf("Created() = %v, %v; want %v", got, ok, want)
	}
	for _, id := range []string{"", "8af51ed1-0181-4bc8-bbc9-29949b8e26da", "zz e78d0dc5a4b19a030d03d6", "00000000c5a4b19a030d03d6", "68e78d0dc5a4b19a030d03zz"} {
		if _, ok := (Task{ID: id}).Created(); ok {
			t.Errorf("Created() accepted %q", id)
		}
	}
}
