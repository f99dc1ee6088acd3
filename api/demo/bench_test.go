package demo

import (
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSeed measures New with Seed on an empty store on disk: the
// agent generating ~2,500 messages and one bbolt transaction writing them.
func BenchmarkSeed(b *testing.B) {
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		srv, err := New(Options{StorePath: filepath.Join(dir, itoa(i)+".db"), Seed: true})
		if err != nil {
			b.Fatal(err)
		}
		if err := srv.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerateTranscript2000 measures generating a 2,000-message
// transcript (no storage).
func BenchmarkGenerateTranscript2000(b *testing.B) {
	start := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	for b.Loop() {
		GenerateTranscript("68e78d0dc5a4b19a030d03d6", "user_123", 2000, start)
	}
}

// BenchmarkTranscriptFetch measures serving a 2,400-message transcript.
func BenchmarkTranscriptFetch(b *testing.B) {
	srv, err := New(Options{Seed: true})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	recs, _, err := srv.store.listTasks(DefaultUserID, 1, 100)
	if err != nil {
		b.Fatal(err)
	}
	id := ""
	for _, r := range recs {
		if r.Title == kitchenTitle {
			id = r.ID
		}
	}
	for b.Loop() {
		if _, err := srv.store.messagesJSON(id); err != nil {
			b.Fatal(err)
		}
	}
}
