package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"aui-tui/api"
	"aui-tui/internal/fsutil"
)

// ext ends every index file's name.
const ext = ".idx"

// Index is the folder of one server's and user's index files, one per
// cached transcript. Writers replace whole files atomically, so searches
// and writes from several goroutines (or processes) never see half a file.
type Index struct {
	dir string
	// scanOnly ignores the trigram filters, reading every text: the
	// reference the filtered search is tested against.
	scanOnly bool
}

// Open returns the index kept in dir; the folder is created on the first
// write.
func Open(dir string) *Index { return &Index{dir: dir} }

// DirFor is the index folder kept beside a cache file of the given name
// (cache.FileName): it shares the name's hash, so each server and user has
// its own.
func DirFor(cacheDir, cacheFile string) string {
	return filepath.Join(cacheDir, "search-"+strings.TrimSuffix(strings.TrimPrefix(cacheFile, "cache-"), ".db"))
}

// Clear removes every index folder in cacheDir.
func Clear(cacheDir string) (removed int, err error) {
	entries, err := os.ReadDir(cacheDir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), "search-") {
			continue
		}
		if err := os.RemoveAll(filepath.Join(cacheDir, e.Name())); err != nil {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// fileName is a task's index file; hashed, as a task id may hold
// characters a file name cannot.
func fileName(taskID string) string {
	sum := sha256.Sum256([]byte(taskID))
	return hex.EncodeToString(sum[:12]) + ext
}

// Put indexes a task's whole transcript, replacing what was indexed for it.
func (ix *Index) Put(task api.Task, msgs []api.Message, stored time.Time) error {
	if task.ID == "" {
		return errors.New("cannot index a transcript without a task id")
	}
	if err := os.MkdirAll(ix.dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the search index folder: %w", err)
	}
	title := cleanTitle(task.Title)
	f := taskFile{taskID: task.ID, title: title, foldedTitle: Fold(title), stored: stored.UnixNano(), msgs: msgs, order: orderOf(msgs)}
	// The folded texts and the records wait in scratch files for the
	// tables that point into them.
	block, err := scratch(ix.dir)
	if err != nil {
		return err
	}
	defer block.Close()
	recs, err := scratch(ix.dir)
	if err != nil {
		return err
	}
	defer recs.Close()
	return fsutil.WriteAtomic(filepath.Join(ix.dir, fileName(task.ID)), 0o600, func(w io.Writer) error {
		return encodeTo(w, f, &rewound{f: block}, &rewound{f: recs})
	})
}

// Keep removes the index files of every task not in ids: the cache dropped
// their transcripts.
func (ix *Index) Keep(ids []string) error {
	keep := make(map[string]bool, len(ids))
	for _, id := range ids {
		keep[fileName(id)] = true
	}
	names, err := ix.files()
	if err != nil {
		return err
	}
	for _, n := range names {
		if !keep[n] {
			if err := ix.remove(n); err != nil {
				return err
			}
		}
	}
	return nil
}

// Drop removes the index of each of these tasks; one not indexed is no
// error.
func (ix *Index) Drop(ids []string) error {
	for _, id := range ids {
		if err := ix.remove(fileName(id)); err != nil {
			return err
		}
	}
	return nil
}

// remove deletes one index file; one already gone is no error.
func (ix *Index) remove(name string) error {
	if err := os.Remove(filepath.Join(ix.dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// Has reports whether a task's transcript is indexed in this version's
// format (a file of an older one is as good as none).
func (ix *Index) Has(taskID string) bool {
	f, err := os.Open(filepath.Join(ix.dir, fileName(taskID)))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(magic))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == magic
}

// Count is how many transcripts are indexed.
func (ix *Index) Count() int {
	names, _ := ix.files()
	return len(names)
}

func (ix *Index) files() ([]string, error) {
	entries, err := os.ReadDir(ix.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the search index: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ext) && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// Hit is one message found.
type Hit struct {
	TaskID, Title string
	// MessageID and Pos (its position in the transcript) name the message;
	// a hit on the task's title alone has Pos -1 and no MessageID.
	MessageID string
	Pos       int
	CreatedAt time.Time // zero when the server sent none
	Sender    string    // "you", "agent", or the sender's type
	// Text is the message's searchable text on one line (for a title hit,
	// the title); Text[Match[0]:Match[1]] is the first match in it.
	Text  string
	Match [2]int
}

// Result is what Search found.
type Result struct {
	Hits []Hit
	// Searched is how many transcripts were looked through.
	Searched int
}

// Search returns the newest limit messages matching q, newest first. A
// message matches when each term is in its text or in its task's title,
// and at least one is in its text; a task whose title holds every term is
// also one hit of its own. Unreadable index files are skipped: the next
// store of their transcript rewrites them.
func (ix *Index) Search(q Query, limit int) (Result, error) {
	var res Result
	if q.Empty() || limit <= 0 {
		return res, nil
	}
	names, err := ix.files()
	if err != nil {
		return res, err
	}
	// The files are shared out among the processors, each keeping its own
	// newest hits; those are merged at the end.
	p := probe{hashes: make([][]uint64, len(q.Terms))}
	if !ix.scanOnly {
		p = newProbe(q)
	}
	workers := min(runtime.GOMAXPROCS(0), len(names), 4)
	tops := make([]topN, workers)
	searched := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tops[w].limit = limit
			for i := w; i < len(names); i += workers {
				b, unmap, err := mapFile(filepath.Join(ix.dir, names[i]))
				if err != nil {
					continue
				}
				if v, err := parse(b); err == nil {
					searched[w]++
					scanFile(&v, q, &p, &tops[w])
				}
				unmap()
			}
		}()
	}
	wg.Wait()
	all := topN{limit: limit}
	for w := range workers {
		res.Searched += searched[w]
		for i, h := range tops[w].hits {
			all.add(h, tops[w].times[i])
		}
	}
	res.Hits = all.hits
	return res, nil
}

// scanFile adds a file's matches to top, newest first, stopping where its
// messages get older than every hit top keeps. Terms not in the title must
// be in a message's text: when one of them can be filtered, the file is
// skipped if its filter lacks it, and otherwise only the messages whose
// filters admit them all are read. Without such a term, the longest term
// not in the title drives: one substring scan of the file's folded block
// finds its messages, and only those are checked for the other terms.
func scanFile(v *view, q Query, p *probe, top *topN) {
	if v.n == 0 {
		return
	}
	inTitle := make([]bool, len(q.Terms))
	driver, allTitle := -1, true
	for i, t := range q.Terms {
		inTitle[i] = strings.Contains(v.foldedTitle, t)
		allTitle = allTitle && inTitle[i]
		if !inTitle[i] && (driver < 0 || len(t) > len(q.Terms[driver])) {
			driver = i
		}
	}
	if allTitle {
		top.add(titleHit(q, v.taskID, v.title, v.foldedTitle, unixTime(v.time(0))), v.time(0))
	}
	try := func(i int) {
		at, length := -1, 0
		for j, t := range q.Terms {
			k := strings.Index(v.folded(i), t)
			if k < 0 {
				if !inTitle[j] {
					return
				}
				continue
			}
			if at < 0 || k < at {
				at, length = k, len(t)
			}
		}
		if at < 0 {
			return // every term only in the title: the title hit stands for it
		}
		d, err := v.record(i)
		if err != nil {
			return
		}
		top.add(Hit{TaskID: v.taskID, Title: v.title, MessageID: d.id, Pos: d.pos, CreatedAt: unixTime(d.createdAt),
			Sender: d.sender, Text: d.text, Match: matchRange(d.text, d.folded, at, length)}, d.createdAt)
	}
	var filtered []int // terms not in the title that have trigrams
	for j := range q.Terms {
		if !inTitle[j] && p.hashes[j] != nil {
			if !p.mayHoldFile(v.fileFilter, j) {
				return
			}
			filtered = append(filtered, j)
		}
	}
	if len(filtered) > 0 {
	next:
		for i := range v.n {
			if top.full() && v.time(i) < top.oldest() {
				return
			}
			f := v.msgFilter(i)
			for _, j := range filtered {
				if !p.mayHoldMsg(f, j) {
					continue next
				}
			}
			try(i)
		}
		return
	}
	if driver < 0 {
		for i := range v.n {
			if top.full() && v.time(i) < top.oldest() {
				return
			}
			try(i)
		}
		return
	}
	term := q.Terms[driver]
	// The scan looks for the term from its rarest letter on: a substring
	// scan skips ahead to its first byte, and "nowhere" has far fewer
	// w's than n's to stop at.
	lead := rarest(term)
	for off := lead; off < len(v.block); {
		k := strings.Index(v.block[off:], term[lead:])
		if k < 0 {
			return
		}
		at := off + k - lead
		off += k + 1
		if v.block[at:at+lead] != term[:lead] {
			continue
		}
		i := v.docAt(at)
		if top.full() && v.time(i) < top.oldest() {
			return
		}
		try(i)
		off = len(v.block)
		if i+1 < v.n {
			off = v.start(i+1) + lead
		}
	}
}

// letterOrder ranks letters from the most to the least frequent in
// English text.
const letterOrder = "etaoinshrdlcumwfgypbvkjxqz"

// rarest is the byte offset in term of its least frequent byte (the first
// byte of a rune, so term[k:] stays valid text).
func rarest(term string) int {
	best, bestScore := 0, -2
	for i, r := range term {
		score := 20 // digits, punctuation, other scripts
		switch {
		case r == ' ':
			score = -1
		case 'a' <= r && r <= 'z':
			score = strings.IndexRune(letterOrder, r)
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// matchRange maps a match at byte at (length bytes) of folded back to text.
func matchRange(text, folded string, at, length int) [2]int {
	if at < 0 {
		return [2]int{0, 0}
	}
	startRunes := len([]rune(folded[:at]))
	endRunes := startRunes + len([]rune(folded[at:at+length]))
	return [2]int{runeOffset(text, startRunes), runeOffset(text, endRunes)}
}

// topN keeps the newest limit hits. Their strings are copied out of the
// file buffers, so the buffers are not kept alive by a few hits.
type topN struct {
	limit int
	hits  []Hit
	times []int64
}

func (t *topN) full() bool { return len(t.hits) >= t.limit }

func (t *topN) oldest() int64 { return t.times[len(t.times)-1] }

func (t *topN) add(h Hit, at int64) {
	if t.full() && at <= t.oldest() {
		return
	}
	i := sort.Search(len(t.times), func(i int) bool { return t.times[i] < at })
	h.TaskID, h.Title, h.MessageID = strings.Clone(h.TaskID), strings.Clone(h.Title), strings.Clone(h.MessageID)
	h.Sender, h.Text = strings.Clone(h.Sender), strings.Clone(h.Text)
	t.hits = append(t.hits, Hit{})
	t.times = append(t.times, 0)
	copy(t.hits[i+1:], t.hits[i:])
	copy(t.times[i+1:], t.times[i:])
	t.hits[i], t.times[i] = h, at
	if len(t.hits) > t.limit {
		t.hits, t.times = t.hits[:t.limit], t.times[:t.limit]
	}
}

// scratch is a temporary file in dir, already removed: it goes when it is
// closed, whatever happens.
func scratch(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".scratch-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write the search index: %w", err)
	}
	_ = os.Remove(f.Name())
	return f, nil
}

// rewound is a scratch file read from its start once written.
type rewound struct {
	f       *os.File
	reading bool
}

func (r *rewound) Write(p []byte) (int, error) { return r.f.Write(p) }

func (r *rewound) Read(p []byte) (int, error) {
	if !r.reading {
		if _, err := r.f.Seek(0, io.SeekStart); err != nil {
			return 0, err
		}
		r.reading = true
	}
	return r.f.Read(p)
}
