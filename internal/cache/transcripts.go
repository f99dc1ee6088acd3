package cache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"

	bolt "go.etcd.io/bbolt"

	"aui-tui/api"
)

// ErrNotCached means the cache holds no copy of the task's transcript.
var ErrNotCached = errors.New("not in the cache")

// putChunk bounds the message bytes one write transaction holds: bbolt
// keeps every page a transaction changes in memory until it commits, so a
// 90 MB transcript written at once would cost the process 90 MB more.
const putChunk = 4 << 20

// PutTranscript stores the server's copy of a task's transcript. What the
// cache already holds is compared message by message: identical messages
// are left alone, changed ones rewritten, new ones appended and any past
// the new end removed. The transcripts read longest ago are then dropped
// while the cache is over its bound (never this one). OnStore is called
// once it is written. A copy the same as the one stored only marks it as
// stored and read now: OnStore is not called and no message is read back.
//
// A long transcript is written in several transactions; meanwhile it is
// marked as being written, and reads treat it as not cached, so no reader
// ever sees old and new messages mixed (nor, after a crash, a half-written
// copy).
func (c *Cache) PutTranscript(task api.Task, msgs []api.Message) error {
	if task.ID == "" {
		return errors.New("cannot cache a transcript without a task id")
	}
	raws := make([][]byte, len(msgs))
	var size int64
	for i, m := range msgs {
		b, err := messageJSON(m)
		if err != nil {
			return err
		}
		raws[i] = b
		size += int64(len(b))
	}
	c.writes.Lock()
	defer c.writes.Unlock()
	now := c.now()
	in := Info{TaskID: task.ID, Title: task.Title, Count: len(raws), Bytes: size, Stored: now, Used: now, Sum: sumOf(raws)}
	same := false
	err := c.update(func(tx *bolt.Tx) error {
		tb, err := tx.Bucket(bucketTasks).CreateBucketIfNotExists([]byte(task.ID))
		if err != nil {
			return err
		}
		old, oerr := readInfo(tb)
		if in.Title == "" && oerr == nil {
			in.Title = old.Title // a task record without its title keeps the one known
		}
		if oerr == nil && !old.Writing && old.Count == in.Count && old.Sum == in.Sum {
			same = true
			return writeInfo(tb, in)
		}
		if _, err := tb.CreateBucketIfNotExists(bucketMsgs); err != nil {
			return err
		}
		old.TaskID, old.Writing = task.ID, true
		return writeInfo(tb, old)
	})
	if err == nil && same {
		return nil
	}
	for from := 0; err == nil && from < len(raws); {
		to, n := from, 0
		for to < len(raws) && (to == from || n+len(raws[to]) <= putChunk) {
			n += len(raws[to])
			to++
		}
		err = c.update(func(tx *bolt.Tx) error { return putMessages(tx, task.ID, from, raws[from:to]) })
		from = to
	}
	var dropped []string
	if err == nil {
		err = c.update(func(tx *bolt.Tx) error {
			tb := tx.Bucket(bucketTasks).Bucket([]byte(task.ID))
			if tb == nil {
				return fmt.Errorf("%w: the transcript went while it was written", errDamaged)
			}
			cur := tb.Bucket(bucketMsgs).Cursor()
			for k, _ := cur.Seek(posKey(len(raws))); k != nil; k, _ = cur.Seek(posKey(len(raws))) {
				if err := cur.Delete(); err != nil {
					return err
				}
			}
			if err := writeInfo(tb, in); err != nil {
				return err
			}
			dropped, err = c.evict(tx, task.ID)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("cannot cache the transcript: %w", err)
	}
	if len(dropped) > 0 && c.onEvict != nil {
		c.onEvict(dropped)
	}
	if c.onStore != nil {
		c.onStore(in, msgs)
	}
	return nil
}

// sumOf is a 64-bit FNV-1a hash of the messages, each with its length, in
// order.
func sumOf(raws [][]byte) uint64 {
	h := fnv.New64a()
	var n [4]byte
	for _, r := range raws {
		binary.BigEndian.PutUint32(n[:], uint32(len(r)))
		h.Write(n[:])
		h.Write(r)
	}
	return h.Sum64()
}

// putMessages writes raws at positions from on, leaving alone those the
// cache already holds as they are.
func putMessages(tx *bolt.Tx, taskID string, from int, raws [][]byte) error {
	tb := tx.Bucket(bucketTasks).Bucket([]byte(taskID))
	if tb == nil || tb.Bucket(bucketMsgs) == nil {
		return fmt.Errorf("%w: the transcript went while it was written", errDamaged)
	}
	mb := tb.Bucket(bucketMsgs)
	// Bulk appends fill pages fully: positions only grow.
	mb.FillPercent = 0.95
	for i, raw := range raws {
		k := posKey(from + i)
		if old := mb.Get(k); old != nil && bytes.Equal(old, raw) {
			continue
		}
		if err := mb.Put(k, raw); err != nil {
			return err
		}
	}
	return nil
}

// evict drops the transcripts read longest ago until the stored messages
// fit the bound, keeping keep, and returns the tasks it dropped.
func (c *Cache) evict(tx *bolt.Tx, keep string) ([]string, error) {
	infos, err := infosIn(tx)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, in := range infos {
		total += in.Bytes
	}
	if total <= c.max {
		return nil, nil
	}
	var dropped []string
	sort.Slice(infos, func(i, j int) bool { return infos[i].Used.Before(infos[j].Used) })
	tasks := tx.Bucket(bucketTasks)
	for _, in := range infos {
		if total <= c.max {
			break
		}
		if in.TaskID == keep {
			continue
		}
		if err := tasks.DeleteBucket([]byte(in.TaskID)); err != nil {
			return nil, err
		}
		dropped = append(dropped, in.TaskID)
		total -= in.Bytes
	}
	return dropped, nil
}

func infosIn(tx *bolt.Tx) ([]Info, error) {
	var infos []Info
	err := tx.Bucket(bucketTasks).ForEachBucket(func(id []byte) error {
		in, err := readInfo(tx.Bucket(bucketTasks).Bucket(id))
		if err != nil {
			return err
		}
		infos = append(infos, in)
		return nil
	})
	return infos, err
}

// Transcripts lists every cached transcript, for a search across them.
func (c *Cache) Transcripts() ([]Info, error) {
	var infos []Info
	err := c.view(func(tx *bolt.Tx) error {
		all, err := infosIn(tx)
		for _, in := range all {
			if !in.Writing {
				infos = append(infos, in)
			}
		}
		return err
	})
	return infos, err
}

// Info describes a task's cached transcript, or returns ErrNotCached.
func (c *Cache) Info(taskID string) (Info, error) {
	var in Info
	err := c.view(func(tx *bolt.Tx) error {
		tb := tx.Bucket(bucketTasks).Bucket([]byte(taskID))
		if tb == nil {
			return ErrNotCached
		}
		var err error
		if in, err = readInfo(tb); err == nil && in.Writing {
			return ErrNotCached
		}
		return err
	})
	return in, err
}

// Messages reads the messages at positions [from, to) of a task's cached
// transcript (clamped to what is stored) and decodes only those: the tail
// of a long transcript costs what the tail holds. It returns the
// transcript's Info too, read in the same transaction.
func (c *Cache) Messages(taskID string, from, to int) ([]api.Message, Info, error) {
	var in Info
	var raws [][]byte
	err := c.view(func(tx *bolt.Tx) error {
		tb := tx.Bucket(bucketTasks).Bucket([]byte(taskID))
		if tb == nil {
			return ErrNotCached
		}
		var err error
		if in, err = readInfo(tb); err != nil {
			return err
		}
		if in.Writing {
			return ErrNotCached
		}
		from, to = max(from, 0), min(to, in.Count)
		if from >= to {
			return nil
		}
		mb := tb.Bucket(bucketMsgs)
		if mb == nil {
			return fmt.Errorf("%w: a transcript without messages", errDamaged)
		}
		// One buffer for all of them: bbolt's bytes live only as long as
		// the transaction, and the decoded messages keep theirs as Raw.
		var n int
		cur := mb.Cursor()
		k, v := cur.Seek(posKey(from))
		for i := from; i < to && k != nil; i++ {
			n += len(v)
			k, v = cur.Next()
		}
		buf := make([]byte, 0, n)
		raws = make([][]byte, 0, to-from)
		k, v = cur.Seek(posKey(from))
		for i := from; i < to; i++ {
			if k == nil {
				return fmt.Errorf("%w: message %d of %d is missing", errDamaged, i, in.Count)
			}
			start := len(buf)
			buf = append(buf, v...)
			raws = append(raws, buf[start:len(buf):len(buf)])
			k, v = cur.Next()
		}
		return nil
	})
	if err != nil {
		return nil, in, err
	}
	msgs, err := api.DecodeMessages(raws)
	if err != nil {
		return nil, in, fmt.Errorf("%w: %v", errDamaged, err)
	}
	return msgs, in, nil
}

// Touch marks a task's transcript as read now, so the bound drops it after
// the ones read longer ago.
func (c *Cache) Touch(taskID string) error {
	return c.update(func(tx *bolt.Tx) error {
		tb := tx.Bucket(bucketTasks).Bucket([]byte(taskID))
		if tb == nil {
			return nil
		}
		in, err := readInfo(tb)
		if err != nil {
			return err
		}
		in.Used = c.now()
		return writeInfo(tb, in)
	})
}
