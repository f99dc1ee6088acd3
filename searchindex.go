package main

import (
	"sync"

	"aui-tui/api"
	"aui-tui/internal/cache"
	"aui-tui/internal/search"
)

// indexer keeps the search index in step with the cache: every transcript
// stored is indexed, and the index of one the cache dropped is removed.
// Only catchUp lists the whole cache, so storing many transcripts in a row
// (search --fetch) costs each store only its own work.
type indexer struct {
	ix *search.Index
	// mu serialises indexing: each run reads the cache's latest copy, so the
	// last run to write leaves the latest copy indexed.
	mu sync.Mutex
	c  *cache.Cache
}

// searchIndex is the index kept beside the cache of where and user.
func searchIndex(where, user string) (*search.Index, error) {
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	return search.Open(searchIndexDir(dir, where, user)), nil
}

// searchIndexDir is the index folder of where and user in the cache folder.
func searchIndexDir(cacheDir, where, user string) string {
	return search.DirFor(cacheDir, cache.FileName(where, user))
}

// stored indexes a transcript the cache has just written, from the
// messages written. It runs on the writer's goroutine, never the UI's; a
// failure leaves the transcript out of search results until it is stored
// again.
func (x *indexer) stored(in cache.Info, msgs []api.Message) {
	x.mu.Lock()
	defer x.mu.Unlock()
	_ = x.ix.Put(api.Task{ID: in.TaskID, Title: in.Title}, msgs, in.Stored)
}

// evicted removes the index of transcripts the cache dropped to stay
// within its bound. A failure leaves an index the next catchUp removes.
func (x *indexer) evicted(ids []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	_ = x.ix.Drop(ids)
}

func (x *indexer) index(in cache.Info) error {
	msgs, in, err := x.c.Messages(in.TaskID, 0, in.Count)
	if err != nil {
		return err
	}
	return x.ix.Put(api.Task{ID: in.TaskID, Title: in.Title}, msgs, in.Stored)
}

// catchUp removes the index of transcripts no longer cached and indexes
// the cached ones that have none yet (stored by a version without search,
// or while indexing failed).
func (x *indexer) catchUp() {
	// Listed under the lock, so a transcript stored meanwhile is either
	// listed or indexed after the clean-up, never removed by it.
	x.mu.Lock()
	infos, err := x.c.Transcripts()
	if err == nil {
		ids := make([]string, len(infos))
		for i, in := range infos {
			ids[i] = in.TaskID
		}
		_ = x.ix.Keep(ids)
	}
	x.mu.Unlock()
	if err != nil {
		return
	}
	for _, in := range infos {
		if x.ix.Has(in.TaskID) {
			continue
		}
		x.mu.Lock()
		_ = x.index(in) // a transcript dropped meanwhile is simply not indexed
		x.mu.Unlock()
	}
}
