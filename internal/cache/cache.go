// Package cache keeps a local copy of what the server sent: the pages of the
// task list and every transcript opened, so that a transcript read before
// re-opens at once, also after a restart and with the server unreachable.
//
// One bbolt file per server and user (0600, in the state directory) holds:
//
//	meta/schema                  -> format version
//	pages/<size>/<page>          -> pageRecord JSON (one page of the task list)
//	tasks/<task id>/info         -> Info JSON (title, count, bytes, when stored and read)
//	tasks/<task id>/m/<position> -> one message's JSON exactly as received
//
// A message is one record keyed by its position, so the tail of a long
// transcript, or any one message, is read without decoding the rest. The
// cache never holds the API key: only what the server returned. Its size is
// bounded: past the limit, the transcripts read longest ago are dropped.
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"aui-tui/api"
)

// DefaultMaxBytes bounds the messages kept, all transcripts together.
const DefaultMaxBytes = 500 << 20

// schemaVersion is written to meta; a file of another format is started
// afresh rather than misread.
const schemaVersion = "1"

// lockTimeout bounds the wait for the file lock held by another aui-tui
// showing the same server and user.
const lockTimeout = 200 * time.Millisecond

var (
	bucketMeta  = []byte("meta")
	bucketPages = []byte("pages")
	bucketTasks = []byte("tasks")
	keySchema   = []byte("schema")
	keyInfo     = []byte("info")
	bucketMsgs  = []byte("m")
)

// ErrInUse means another aui-tui holds the cache file of the same server
// and user; this one runs without a cache.
var ErrInUse = errors.New("the cache is in use by another aui-tui")

// errDamaged marks a file bbolt cannot read as this cache.
var errDamaged = errors.New("the cache file is damaged")

// Info describes one cached transcript.
type Info struct {
	TaskID string `json:"task_id"`
	Title  string `json:"title"`
	// Count is how many messages are stored, at positions 0..Count-1.
	Count int `json:"count"`
	// Bytes is the size of the stored messages' JSON.
	Bytes int64 `json:"bytes"`
	// Stored is when the server's copy was last written here; Used is
	// when it was last stored or read (the LRU order).
	Stored time.Time `json:"stored"`
	Used   time.Time `json:"used"`
	// Sum identifies the stored messages (see sumOf), so storing the same
	// copy again reads none of them back.
	Sum uint64 `json:"sum,omitempty"`
	// Writing: a new copy is being written (or its writing was cut
	// short); until it is done the transcript reads as not cached.
	Writing bool `json:"writing,omitempty"`
}

// Options configure Open.
type Options struct {
	// Dir holds the cache files (created 0700 if missing).
	Dir string
	// BaseURL and UserID pick the file: each server and user has its own.
	BaseURL string
	UserID  string
	// MaxBytes bounds the stored messages; 0 means DefaultMaxBytes.
	MaxBytes int64
	// OnStore is called after a transcript is written, with the messages
	// written (outside any transaction, on the writer's goroutine, before
	// any other write), e.g. to index it for search: reading a long
	// transcript back would hold it in memory twice.
	OnStore func(Info, []api.Message)
	// OnEvict is called with the tasks whose transcripts a store dropped to
	// keep the cache within MaxBytes (outside any transaction, before
	// OnStore), e.g. to drop their search index.
	OnEvict func(taskIDs []string)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Cache is an open cache file. Its methods are safe for concurrent use.
type Cache struct {
	db      *bolt.DB
	path    string
	max     int64
	onStore func(Info, []api.Message)
	onEvict func([]string)
	now     func() time.Time
	// writes serialises PutTranscript's compare-then-write, so two stores
	// of one task cannot interleave.
	writes sync.Mutex
}

// FileName is the cache file of one server and user. The names are hashed:
// a user id may hold characters a file name cannot.
func FileName(baseURL, userID string) string {
	sum := sha256.Sum256([]byte(strings.TrimRight(baseURL, "/") + "\x00" + userID))
	return "cache-" + hex.EncodeToString(sum[:8]) + ".db"
}

// Open opens (creating if needed) the cache of opts.BaseURL and
// opts.UserID. A file that is damaged or truncated is moved aside and a
// fresh one started; notice then says so, in one sentence. ErrInUse is
// returned when another process holds the file.
func Open(opts Options) (c *Cache, notice string, err error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("cannot create the cache folder: %w", err)
	}
	path := filepath.Join(opts.Dir, FileName(opts.BaseURL, opts.UserID))
	db, err := openBolt(path)
	if isDamaged(err) {
		moved := path + ".damaged-" + opts.Now().UTC().Format("20060102-150405")
		if rerr := os.Rename(path, moved); rerr != nil {
			return nil, "", fmt.Errorf("the cache %s is damaged and could not be moved aside: %w", path, rerr)
		}
		notice = "The local cache was damaged, so it was moved aside to " + moved + " and a fresh one was started."
		db, err = openBolt(path)
	}
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, "", ErrInUse
	case err != nil:
		return nil, "", fmt.Errorf("cannot open the cache %s: %w", path, err)
	}
	return &Cache{db: db, path: path, max: opts.MaxBytes, onStore: opts.OnStore, onEvict: opts.OnEvict, now: opts.Now}, notice, nil
}

// isDamaged reports whether an open error means the file's content is
// unusable, as opposed to, say, a permission problem or a held lock.
func isDamaged(err error) bool {
	return errors.Is(err, errDamaged) || errors.Is(err, bolterrors.ErrInvalid) ||
		errors.Is(err, bolterrors.ErrVersionMismatch) || errors.Is(err, bolterrors.ErrChecksum)
}

// openBolt opens the file and checks its layout. bbolt panics on some
// damaged files; that is reported as damage rather than crashing.
func openBolt(path string) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				_ = db.Close()
			}
			db, err = nil, fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	if fi, serr := os.Stat(path); serr == nil && fi.Size() > 0 && fi.Size() < 4096 {
		return nil, errDamaged // shorter than bbolt's first pages: truncated
	}
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketPages, bucketTasks} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("%w: %v", errDamaged, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keySchema); v != nil && string(v) != schemaVersion {
			return fmt.Errorf("%w: format %q", errDamaged, v)
		}
		return meta.Put(keySchema, []byte(schemaVersion))
	})
	if err == nil {
		// A file cut short (a full disk, a copy interrupted) still opens;
		// its pages past the end would fault on some later read.
		err = db.View(func(tx *bolt.Tx) error {
			if fi, serr := os.Stat(path); serr == nil && tx.Size() > fi.Size() {
				return fmt.Errorf("%w: %d of %d bytes", errDamaged, fi.Size(), tx.Size())
			}
			return nil
		})
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// Path is the file this cache lives in.
func (c *Cache) Path() string { return c.path }

// Close closes the file.
func (c *Cache) Close() error { return c.db.Close() }

// view and update run a transaction, turning a bbolt panic on a page
// damaged since opening into an error.
func (c *Cache) view(fn func(tx *bolt.Tx) error) (err error) {
	defer recoverDamage(&err)
	return c.db.View(fn)
}

func (c *Cache) update(fn func(tx *bolt.Tx) error) (err error) {
	defer recoverDamage(&err)
	return c.db.Update(fn)
}

func recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%w: %v", errDamaged, r)
	}
}

// Clear removes every cache file (all servers and users) in dir, and the
// damaged files moved aside there. A missing dir is already clear.
func Clear(dir string) (removed int, err error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "cache-") || !strings.Contains(e.Name(), ".db") {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, err
		}
		removed++
	}
	return removed, nil
}

// posKey is a message's position in its transcript; big-endian, so keys
// sort by position and a cursor walks the transcript in order.
func posKey(pos int) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(pos))
	return k[:]
}

func readInfo(tb *bolt.Bucket) (Info, error) {
	var in Info
	v := tb.Get(keyInfo)
	if v == nil {
		return in, fmt.Errorf("%w: a transcript without its record", errDamaged)
	}
	if err := json.Unmarshal(v, &in); err != nil {
		return in, fmt.Errorf("%w: %v", errDamaged, err)
	}
	return in, nil
}

func writeInfo(tb *bolt.Bucket, in Info) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return tb.Put(keyInfo, b)
}

// messageJSON is what is stored for a message: its JSON as received, or
// for a message built locally (no Raw) its encoding.
func messageJSON(m api.Message) ([]byte, error) {
	if len(m.Raw) > 0 {
		return m.Raw, nil
	}
	return json.Marshal(m)
}
