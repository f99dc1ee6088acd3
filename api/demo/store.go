package demo

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"aui-tui/api"
)

// Layout of the bbolt file:
//
//	tasks/<task id>                  -> taskRecord JSON
//	users/<user id>/<created><id>    -> "" (index: a user's tasks by creation time)
//	messages/<task id>/<seq>         -> message JSON exactly as served
//	meta/<key>                       -> schema version, seed markers
var (
	bucketTasks    = []byte("tasks")
	bucketUsers    = []byte("users")
	bucketMessages = []byte("messages")
	bucketMeta     = []byte("meta")
)

// schemaVersion is written to meta so a later format can recognise this one.
const schemaVersion = "1"

// lockTimeout bounds the wait for the file lock: another process holding
// the store gets a clear error instead of a hang.
const lockTimeout = 300 * time.Millisecond

// ErrStoreInUse reports that another process holds the store file; the
// caller adds what the user can do about it, which depends on the command.
var ErrStoreInUse = errors.New("in use by another aui-tui")

// errTaskNotFound reports an unknown task id.
var errTaskNotFound = errors.New("task not found")

// taskRecord is a task as stored: the API fields plus what the agent
// remembers of the conversation.
type taskRecord struct {
	ID       string    `json:"id"`
	UserID   string    `json:"user_id"`
	Title    string    `json:"title"`
	Created  time.Time `json:"created"`
	Messages int       `json:"messages"`
	State    convState `json:"state"`
}

// apiTask is the record as the API shows it.
func (r taskRecord) apiTask() api.Task {
	return api.Task{ID: r.ID, UserID: r.UserID, Title: r.Title, WelcomeMessage: welcomeMessage,
		FollowupSuggestions: starterSuggestions()}
}

// store keeps tasks and messages in a bbolt file.
type store struct {
	db   *bolt.DB
	path string
	temp bool // created for this run; removed on close
}

// openStore opens (creating if needed) the store at path; "" makes a
// temporary one. A file that is not a bbolt database is moved aside and
// replaced, and notice says so.
func openStore(path string, reset bool, now time.Time) (s *store, notice string, err error) {
	temp := path == ""
	if temp {
		f, err := os.CreateTemp("", "aui-tui-demo-*.db")
		if err != nil {
			return nil, "", fmt.Errorf("create a temporary demo store: %w", err)
		}
		path = f.Name()
		_ = f.Close()
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, "", fmt.Errorf("create the folder for the demo store: %w", err)
	}

	err = checkStoreFile(path)
	var db *bolt.DB
	if err == nil {
		db, err = openBolt(path, temp, reset)
	}
	if isDamaged(err) {
		moved := path + ".damaged-" + now.UTC().Format("20060102-150405")
		if rerr := os.Rename(path, moved); rerr != nil {
			return nil, "", fmt.Errorf("the demo store %s is damaged and could not be moved aside: %w", path, rerr)
		}
		notice = fmt.Sprintf("The demo store %s was damaged, so it was moved aside to %s and a fresh one was started.", path, moved)
		db, err = openBolt(path, temp, reset)
	}
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, "", fmt.Errorf("the demo store %s is %w", path, ErrStoreInUse)
	case err != nil:
		if temp {
			_ = os.Remove(path)
		}
		return nil, "", fmt.Errorf("open the demo store %s: %w", path, err)
	}
	return &store{db: db, path: path, temp: temp}, notice, nil
}

// errDamaged marks a file bbolt cannot read as a database.
var errDamaged = errors.New("not a valid demo store")

// isDamaged reports whether an open error means the file's content is
// unusable (as opposed to, say, a permission problem).
func isDamaged(err error) bool {
	return errors.Is(err, errDamaged) || errors.Is(err, bolterrors.ErrInvalid) ||
		errors.Is(err, bolterrors.ErrVersionMismatch) || errors.Is(err, bolterrors.ErrChecksum)
}

// openBolt opens the file and prepares the buckets. bbolt panics on some
// corrupted files; that is reported as damage rather than crashing.
func openBolt(path string, temp, reset bool) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				_ = db.Close()
			}
			db, err = nil, fmt.Errorf("%w: %v", errDamaged, r)
		}
	}()
	// A generous initial mapping saves bbolt from remapping (and copying
	// every dirty node) while a seed transaction grows the file.
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, NoSync: temp, InitialMmapSize: 64 << 20})
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if reset {
			for _, name := range [][]byte{bucketTasks, bucketUsers, bucketMessages, bucketMeta} {
				if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
					return err
				}
			}
		}
		for _, name := range [][]byte{bucketTasks, bucketUsers, bucketMessages, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("%w: %v", errDamaged, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get([]byte("schema")); v != nil && string(v) != schemaVersion {
			return fmt.Errorf("it was written by a newer aui-tui (format %s)", v)
		}
		return meta.Put([]byte("schema"), []byte(schemaVersion))
	})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// close closes the file, removing it when it was temporary.
func (s *store) close() error {
	err := s.db.Close()
	if s.temp {
		if rerr := os.Remove(s.path); err == nil && rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			err = rerr
		}
	}
	return err
}

// userKey orders a user's tasks by creation time, then id.
func userKey(created time.Time, id string) []byte {
	k := make([]byte, 8, 8+len(id))
	binary.BigEndian.PutUint64(k, uint64(created.UnixNano()))
	return append(k, id...)
}

// seqKey is a message's position in its task.
func seqKey(n uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], n)
	return k[:]
}

// putTask writes a task record and its place in the user's index.
func putTask(tx *bolt.Tx, rec taskRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketTasks).Put([]byte(rec.ID), b); err != nil {
		return err
	}
	users, err := tx.Bucket(bucketUsers).CreateBucketIfNotExists([]byte(rec.UserID))
	if err != nil {
		return err
	}
	return users.Put(userKey(rec.Created, rec.ID), nil)
}

// getTask reads a task record inside a transaction.
func getTask(tx *bolt.Tx, id string) (taskRecord, error) {
	v := tx.Bucket(bucketTasks).Get([]byte(id))
	if v == nil {
		return taskRecord{}, errTaskNotFound
	}
	var rec taskRecord
	if err := json.Unmarshal(v, &rec); err != nil {
		return taskRecord{}, fmt.Errorf("read task %s: %w", id, err)
	}
	return rec, nil
}

// appendMessages adds messages at the end of a task's transcript.
func appendMessages(tx *bolt.Tx, taskID string, msgs []api.Message) error {
	b, err := tx.Bucket(bucketMessages).CreateBucketIfNotExists([]byte(taskID))
	if err != nil {
		return err
	}
	b.FillPercent = 1 // append-only: pack pages full
	for _, m := range msgs {
		v, err := marshal(m)
		if err != nil {
			return err
		}
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		if err := b.Put(seqKey(n), v); err != nil {
			return err
		}
	}
	return nil
}

// createTask stores a new, empty task.
func (s *store) createTask(rec taskRecord) error {
	return s.db.Update(func(tx *bolt.Tx) error { return putTask(tx, rec) })
}

// task reads one task.
func (s *store) task(id string) (rec taskRecord, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		rec, err = getTask(tx, id)
		return err
	})
	return rec, err
}

// listTasks returns one page of a user's tasks, newest first, and how many
// the user has in all.
func (s *store) listTasks(userID string, page, size int) (recs []taskRecord, total int, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUsers).Bucket([]byte(userID))
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			total++
		}
		skip := total // past the last page; a huge page number must not overflow
		if size > 0 && page-1 <= total/size {
			skip = (page - 1) * size
		}
		for k, _ := c.Last(); k != nil && len(recs) < size; k, _ = c.Prev() {
			if skip > 0 {
				skip--
				continue
			}
			rec, err := getTask(tx, string(k[8:]))
			if err != nil {
				return err
			}
			recs = append(recs, rec)
		}
		return nil
	})
	return recs, total, err
}

// hasTasks reports whether the user has any task.
func (s *store) hasTasks(userID string) (has bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketUsers).Bucket([]byte(userID))
		if b != nil {
			k, _ := b.Cursor().First()
			has = k != nil
		}
		return nil
	})
	return has, err
}

// messagesJSON returns a task's transcript as a JSON array, oldest first,
// copied straight from the stored bytes (no decoding, so long transcripts
// are cheap to serve).
func (s *store) messagesJSON(taskID string) ([]byte, error) {
	var out bytes.Buffer
	err := s.db.View(func(tx *bolt.Tx) error {
		if _, err := getTask(tx, taskID); err != nil {
			return err
		}
		out.WriteByte('[')
		if b := tx.Bucket(bucketMessages).Bucket([]byte(taskID)); b != nil {
			// Size the buffer once: growing it by doubling would hold up
			// to twice a long transcript in memory while it is served.
			size := 2
			_ = b.ForEach(func(_, v []byte) error { size += len(v) + 1; return nil })
			out.Grow(size)
			first := true
			err := b.ForEach(func(_, v []byte) error {
				if !first {
					out.WriteByte(',')
				}
				first = false
				out.Write(v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		out.WriteByte(']')
		return nil
	})
	return out.Bytes(), err
}

// turn runs one exchange atomically: it loads the task, lets fn update the
// record and produce messages, and stores both. Concurrent turns on the
// same task are serialised by bbolt's single writer.
func (s *store) turn(taskID string, fn func(rec *taskRecord) ([]api.Message, error)) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		rec, err := getTask(tx, taskID)
		if err != nil {
			return err
		}
		msgs, err := fn(&rec)
		if err != nil {
			return err
		}
		if err := appendMessages(tx, taskID, msgs); err != nil {
			return err
		}
		rec.Messages += len(msgs)
		return putTask(tx, rec)
	})
}

// seeded is a task with its whole transcript, written by seed.
type seeded struct {
	rec  taskRecord
	msgs []api.Message
}

// seed writes tasks in one transaction (one fsync however many messages)
// and sets the marker so the same seed is not written twice.
func (s *store) seed(marker string, tasks []seeded) error {
	return s.db.Update(func(tx *bolt.Tx) error { return writeSeed(tx, marker, tasks) })
}

// writeSeed is seed inside a transaction.
func writeSeed(tx *bolt.Tx, marker string, tasks []seeded) error {
	for _, t := range tasks {
		t.rec.Messages = len(t.msgs)
		if err := putTask(tx, t.rec); err != nil {
			return err
		}
		if err := appendMessages(tx, t.rec.ID, t.msgs); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put([]byte(marker), []byte("1"))
}

// hasMarker reports whether a seed marker is set.
func (s *store) hasMarker(marker string) (has bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		has = tx.Bucket(bucketMeta).Get([]byte(marker)) != nil
		return nil
	})
	return has, err
}
