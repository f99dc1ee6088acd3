package main

import (
	"fmt"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/internal/cache"
	"aui-tui/internal/search"
)

// TestIndexFollowsTheCachesEvictions: a transcript the cache drops to stay
// within its bound loses its index at once, the others keep theirs, and
// catchUp removes an index whose transcript is not cached at all.
func TestIndexFollowsTheCachesEvictions(t *testing.T) {
	dir := t.TempDir()
	raws := make([][]byte, 40)
	var one int64
	for i := range raws {
		raws[i] = fmt.Appendf(nil, `{"id":"m%d","created_at":"2026-01-01T00:00:00Z","text":"washer %d","sender":{"id":"x","type":"agent"},"receiver":{"id":"y","type":"user"}}`, i, i)
		one += int64(len(raws[i]))
	}
	msgs, err := api.DecodeMessages(raws)
	if err != nil {
		t.Fatal(err)
	}
	x := &indexer{ix: search.Open(dir + "/index")}
	c, _, err := cache.Open(cache.Options{Dir: dir, BaseURL: "demo", UserID: "u", MaxBytes: 2*one + one/2,
		OnStore: x.stored, OnEvict: x.evicted})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	x.c = c
	for _, id := range []string{"a", "b", "c"} { // room for two
		if err := c.PutTranscript(api.Task{ID: id}, msgs); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[string]bool{"a": false, "b": true, "c": true} {
		if got := x.ix.Has(id); got != want {
			t.Errorf("index of %s: %v, want %v", id, got, want)
		}
	}

	// An index left behind (the program stopped between the two) goes
	// when the program next starts.
	if err := x.ix.Put(api.Task{ID: "gone"}, msgs, time.Now()); err != nil {
		t.Fatal(err)
	}
	x.catchUp()
	if x.ix.Has("gone") {
		t.Error("catchUp kept the index of a transcript not cached")
	}
	if !x.ix.Has("b") || !x.ix.Has("c") {
		t.Error("catchUp removed the index of a cached transcript")
	}
}
