package cache

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"aui-tui/api"
)

// pageRecord is one stored page of the task list.
type pageRecord struct {
	Stored time.Time    `json:"stored"`
	Page   api.TaskPage `json:"page"`
}

func pageKey(page, size int) []byte {
	return fmt.Appendf(nil, "%08d/%08d", size, page)
}

// PutTaskPage stores one page of the task list as the server sent it.
func (c *Cache) PutTaskPage(p api.TaskPage) error {
	b, err := json.Marshal(pageRecord{Stored: c.now(), Page: p})
	if err != nil {
		return err
	}
	return c.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPages).Put(pageKey(p.Page, p.Size), b)
	})
}

// TaskPage reads a stored page of the task list and when it was stored, or
// returns ErrNotCached.
func (c *Cache) TaskPage(page, size int) (api.TaskPage, time.Time, error) {
	var rec pageRecord
	err := c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get(pageKey(page, size))
		if v == nil {
			return ErrNotCached
		}
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%w: %v", errDamaged, err)
		}
		return nil
	})
	return rec.Page, rec.Stored, err
}
