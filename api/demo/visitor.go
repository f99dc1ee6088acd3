package demo

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SeedUser gives userID the same past tasks as the demo user, unless that
// user already has tasks. A server shared by several people (aui-tui
// serve --ssh) calls it for each visitor's own user, so every visitor
// starts from the full demo and never sees another's conversations.
func (s *Server) SeedUser(userID string) error {
	if !s.enter() {
		return fmt.Errorf("the demo server is shutting down")
	}
	defer s.active.Done()
	has, err := s.store.hasTasks(userID)
	if err != nil {
		return fmt.Errorf("read the demo store: %w", err)
	}
	if has {
		return nil
	}
	tasks := seedTasks(s.now(), userID)
	// Checked again in the writing transaction: two sessions of one
	// visitor may arrive at once, and only one may write the history.
	err = s.store.db.Update(func(tx *bolt.Tx) error {
		if index := tx.Bucket(bucketUsers).Bucket([]byte(userID)); index != nil {
			if k, _ := index.Cursor().First(); k != nil {
				return nil
			}
		}
		return writeSeed(tx, seedMarker(userID), tasks)
	})
	if err != nil {
		return fmt.Errorf("seed the demo store: %w", err)
	}
	return nil
}

// DeleteUser removes a user's tasks and transcripts. A shared server calls
// it when a visitor who can never come back leaves, so its store stays the
// size of the visitors present rather than of every visit.
func (s *Server) DeleteUser(userID string) error {
	if !s.enter() {
		return fmt.Errorf("the demo server is shutting down")
	}
	defer s.active.Done()
	err := s.store.db.Update(func(tx *bolt.Tx) error {
		users := tx.Bucket(bucketUsers)
		index := users.Bucket([]byte(userID))
		if index == nil {
			return nil
		}
		err := index.ForEach(func(k, _ []byte) error {
			id := k[8:] // after the creation time; see userKey
			if err := tx.Bucket(bucketTasks).Delete(id); err != nil {
				return err
			}
			if err := tx.Bucket(bucketMessages).DeleteBucket(id); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
				return err
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := users.DeleteBucket([]byte(userID)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete([]byte(seedMarker(userID)))
	})
	if err != nil {
		return fmt.Errorf("delete the demo user %s: %w", userID, err)
	}
	return nil
}

// seedMarker is the store's note that a visitor's history was written.
func seedMarker(userID string) string { return "seeded-" + userID }
