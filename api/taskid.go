package api

import (
	"encoding/hex"
	"time"
)

// Created is when the task was created, read from its id: AUI's task ids
// are MongoDB ObjectIds, whose first four bytes are the creation second
// (the task listing carries no date of its own). false when the id is not
// an ObjectId.
func (t Task) Created() (time.Time, bool) {
	if len(t.ID) != 24 {
		return time.Time{}, false
	}
	b, err := hex.DecodeString(t.ID[:8])
	if err != nil {
		return time.Time{}, false
	}
	secs := int64(b[0])<<24 | int64(b[1])<<16 | int64(b[2])<<8 | int64(b[3])
	if _, err := hex.DecodeString(t.ID[8:]); err != nil || secs == 0 {
		return time.Time{}, false
	}
	return time.Unix(secs, 0), true
}
