package search

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"aui-tui/api"
)

// corpusWords make up the generated transcripts: accents and capitals to
// fold, words inside words, and a few rare ones.
var corpusWords = strings.Fields(`Crème crème café Café Nordvik nord vik oven ovens microwave Zephyrine
grill a an the I ok über Über straße Łódź søren price $358.08 25 L built-in energy rating
quiet quietly dishwasher wash x xy xyz 日本 日本語 naïve naive`)

func randomCorpus(t *testing.T, rng *rand.Rand, dir string) {
	t.Helper()
	ix := Open(dir)
	for task := range 12 {
		msgs := make([]api.Message, 1+rng.IntN(60))
		for i := range msgs {
			words := make([]string, rng.IntN(12))
			for w := range words {
				words[w] = corpusWords[rng.IntN(len(corpusWords))]
			}
			// Some messages share a time, some have none: the order then
			// falls back to positions.
			var at api.Timestamp
			if rng.IntN(10) > 0 {
				at.Time = t0.Add(time.Duration(rng.IntN(400)) * time.Minute)
			}
			msgs[i] = api.Message{ID: fmt.Sprintf("m%d-%d", task, i), CreatedAt: at,
				Sender: api.Party{Type: api.ActorAgent}, Text: strings.Join(words, " ")}
		}
		title := corpusWords[rng.IntN(len(corpusWords))] + " " + corpusWords[rng.IntN(len(corpusWords))]
		if err := ix.Put(api.Task{ID: fmt.Sprint("t", task), Title: title}, msgs, t0); err != nil {
			t.Fatal(err)
		}
	}
}

// randomTerm is a piece of a corpus word (1 to 9 bytes, often whole),
// sometimes capitalised or a word found nowhere, sometimes a phrase.
func randomTerm(rng *rand.Rand) string {
	w := corpusWords[rng.IntN(len(corpusWords))]
	switch rng.IntN(8) {
	case 0:
		return []string{"zz", "q", "nowhere", "ovenx", "crèmes"}[rng.IntN(5)]
	case 1:
		return `"` + w + " " + corpusWords[rng.IntN(len(corpusWords))] + `"`
	case 2:
		return strings.ToUpper(w)
	}
	r := []rune(w)
	from := rng.IntN(len(r))
	to := from + 1 + rng.IntN(min(len(r)-from, 9))
	return string(r[from:to])
}

// TestFilteredSearchMatchesScan checks, on random queries over a generated
// corpus, that skipping files and messages by their trigram filters finds
// exactly what reading every text finds, in the same order.
func TestFilteredSearchMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	dir := t.TempDir()
	randomCorpus(t, rng, dir)
	filtered, scan := Open(dir), &Index{dir: dir, scanOnly: true}
	var withHits, without int
	for range 3000 {
		terms := make([]string, 1+rng.IntN(3))
		for i := range terms {
			terms[i] = randomTerm(rng)
		}
		q := Parse(strings.Join(terms, " "))
		limit := []int{1, 5, 30, 1000}[rng.IntN(4)]
		got, err := filtered.Search(q, limit)
		if err != nil {
			t.Fatal(err)
		}
		want, err := scan.Search(q, limit)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("query %q, limit %d:\nfiltered %q\nscan     %q", q.Terms, limit, ids(got), ids(want))
		}
		if len(got.Hits) > 0 {
			withHits++
		} else {
			without++
		}
	}
	// Both outcomes must be common, or the comparison proves little.
	if withHits < 500 || without < 500 {
		t.Fatalf("%d queries found something and %d nothing: the corpus does not exercise both", withHits, without)
	}
}

// TestFiltersAdmitEverySubstring checks that the filters have no false
// negatives: every substring of a message is admitted by its message's
// filter and its file's.
func TestFiltersAdmitEverySubstring(t *testing.T) {
	docs := docsOf([]api.Message{
		{ID: "1", Text: "Crème brûlée at the Nordvik café"},
		{ID: "2", Text: "日本語 and 25 L, $358.08"},
	})
	v, err := parse(encode(taskFile{taskID: "x", docs: docs}))
	if err != nil {
		t.Fatal(err)
	}
	for i := range v.n {
		text := v.folded(i)
		for from := range len(text) {
			for to := from + 3; to <= len(text); to++ {
				p := newProbe(Query{Terms: []string{text[from:to]}})
				if !p.mayHoldMsg(v.msgFilter(i), 0) || !p.mayHoldFile(v.fileFilter, 0) {
					t.Fatalf("message %d: the filters refuse %q", i, text[from:to])
				}
			}
		}
	}
}

// TestFileFilterSkipsWithoutReading checks that a file that cannot hold a
// word is skipped before its text is read: its text is overwritten in
// place with the word, and the search still finds nothing there.
func TestFileFilterSkipsWithoutReading(t *testing.T) {
	dir := t.TempDir()
	ix := Open(dir)
	put(t, ix, "a", "Ovens", msg("a1", 1, api.ActorAgent, "a quiet microwave oven with a grill"))
	overwrite(t, filepath.Join(dir, fileName("a")), "microwave", "zephyrine")
	if got := find(t, ix, "zephyrine"); got != nil {
		t.Fatalf("filtered search read the text: %q", got)
	}
	scan := &Index{dir: dir, scanOnly: true}
	if got := find(t, scan, "zephyrine"); !reflect.DeepEqual(got, []string{"a/a1"}) {
		t.Fatalf("the scan should find the planted word: %q", got)
	}
	// Short terms cannot be filtered and are still found by the scan.
	if got := find(t, ix, "ze"); !reflect.DeepEqual(got, []string{"a/a1"}) {
		t.Fatalf("a 2-letter term: %q", got)
	}
}

// TestOlderFormatIsMissing checks that an index file of the format before
// the filters is treated as absent, so it is rebuilt.
func TestOlderFormatIsMissing(t *testing.T) {
	dir := t.TempDir()
	ix := Open(dir)
	put(t, ix, "a", "Ovens", msg("a1", 1, api.ActorAgent, "oven"))
	overwrite(t, filepath.Join(dir, fileName("a")), magic, "AUISRCH2") // the format before the filters
	if ix.Has("a") {
		t.Fatal("a file of the older format counts as indexed")
	}
	if got := find(t, ix, "oven"); got != nil {
		t.Fatalf("an older file was searched: %q", got)
	}
}

// overwrite replaces the first from in the file at path with to, of the
// same length, in place.
func overwrite(t *testing.T, path, from, to string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := strings.Index(string(b), from)
	if at < 0 || len(from) != len(to) {
		t.Fatalf("cannot put %q for %q in %s", to, from, path)
	}
	copy(b[at:], to)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// docsOf is a transcript's docs, newest first, made whole.
func docsOf(msgs []api.Message) []doc {
	order := orderOf(msgs)
	docs := make([]doc, len(order))
	for i, pos := range order {
		docs[i] = docOf(msgs[pos], pos)
		docs[i].folded = Fold(docs[i].text)
	}
	return docs
}

// encode is f's file, made in memory.
func encode(f taskFile) []byte {
	var out, block, recs bytes.Buffer
	_ = encodeTo(&out, f, &block, &recs) // a bytes.Buffer does not fail
	return out.Bytes()
}
