package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"aui-tui/api"
	"aui-tui/internal/fsutil"
	"aui-tui/internal/textsafe"
)

// ext ends every index file's name.
const ext = ".idx"

// Index is the folder of one server's and user's index files, one per
// cached transcript. Writers replace whole files atomically, so searches
// and writes from several goroutines (or processes) never see half a file.
type Index struct {
	dir string
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
	title := strings.Join(strings.Fields(textsafe.Text(task.Title)), " ")
	f := taskFile{taskID: task.ID, title: title, foldedTitle: Fold(title), stored: stored.UnixNano(), docs: docsOf(msgs)}
	return fsutil.WriteFileAtomic(filepath.Join(ix.dir, fileName(task.ID)), encode(f), 0o600)
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
			if err := os.Remove(filepath.Join(ix.dir, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// Has reports whether a task's transcript is indexed.
func (ix *Index) Has(taskID string) bool {
	_, err := os.Stat(filepath.Join(ix.dir, fileName(taskID)))
	return err == nil
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
	top := &topN{limit: limit}
	inTitle := make([]bool, len(q.Terms))
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(ix.dir, name))
		if err != nil {
			continue
		}
		res.Searched++
		scanFile(b, q, inTitle, top)
	}
	res.Hits = top.hits
	return res, nil
}

// scanFile adds a file's matches to top, newest first, stopping where its
// messages get older than every hit top keeps.
func scanFile(b []byte, q Query, inTitle []bool, top *topN) {
	r := reader{b: b}
	var f taskFile
	n := r.header(&f)
	if r.err != nil {
		return
	}
	allTitle := true
	for i, t := range q.Terms {
		inTitle[i] = strings.Contains(f.foldedTitle, t)
		allTitle = allTitle && inTitle[i]
	}
	var d doc
	for i := 0; i < n; i++ {
		r.next(&d)
		if r.err != nil {
			return
		}
		if i == 0 && allTitle {
			m := strings.Index(f.foldedTitle, q.Terms[0])
			top.add(Hit{TaskID: f.taskID, Title: f.title, Pos: -1, CreatedAt: unixTime(d.createdAt),
				Text: f.title, Match: matchRange(f.title, f.foldedTitle, m, len(q.Terms[0]))}, d.createdAt)
		}
		if top.full() && d.createdAt < top.oldest() {
			return
		}
		at, length := -1, 0
		ok := true
		for j, t := range q.Terms {
			k := strings.Index(d.folded, t)
			if k < 0 {
				if !inTitle[j] {
					ok = false
					break
				}
				continue
			}
			if at < 0 || k < at {
				at, length = k, len(t)
			}
		}
		if !ok || at < 0 {
			continue
		}
		top.add(Hit{TaskID: f.taskID, Title: f.title, MessageID: d.id, Pos: d.pos, CreatedAt: unixTime(d.createdAt),
			Sender: d.sender, Text: d.text, Match: matchRange(d.text, d.folded, at, length)}, d.createdAt)
	}
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
