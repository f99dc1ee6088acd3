package search_test

import (
	"testing"

	. "aui-tui/internal/search"
	"aui-tui/internal/search/searchbench"
)

// BenchmarkSearch100k searches 100,000 indexed messages (50 transcripts
// of 2,000) for the first screen of hits: a common word, two words, a
// phrase, a word found 20 times, and a word found nowhere (a full scan).
func BenchmarkSearch100k(b *testing.B) {
	dir := b.TempDir()
	if err := searchbench.Build(dir, 50, 2000); err != nil {
		b.Fatal(err)
	}
	ix := Open(dir)
	for _, q := range []string{"microwave", "quiet nordvik", `"energy rating"`, "zephyrine", "nowhere-to-be-found"} {
		b.Run(q, func(b *testing.B) {
			query := Parse(q)
			for b.Loop() {
				if _, err := ix.Search(query, 30); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
