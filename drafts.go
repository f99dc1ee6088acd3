package main

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"sync"

	"aui-tui/internal/fsutil"
	"aui-tui/internal/textsafe"
)

// draftsPath is where unsent texts wait between runs: one file per API
// host and user, in the user's state directory, so demo and live drafts
// never mix.
func draftsPath(baseURL, user string) (string, error) {
	return stateFile("drafts", baseURL, user, ".json")
}

// loadDrafts reads the drafts left by the last run; none is not an error.
func loadDrafts(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var d map[string]string
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	return d, nil
}

// saveDrafts keeps the unsent texts for the next run (removing the file
// when there are none). The file is private: drafts are the user's words.
func saveDrafts(path string, d map[string]string) error {
	if len(d) == 0 {
		err := os.Remove(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return fsutil.WriteFileAtomic(path, textsafe.JSON(b), 0o600)
}

// draftFile writes drafts as the UI reports them, in order: a snapshot
// older than the last one written is dropped (saves run concurrently).
type draftFile struct {
	mu      sync.Mutex
	path    string
	written int
}

// save writes drafts unless a newer version was already written.
func (f *draftFile) save(version int, drafts map[string]string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if version <= f.written {
		return nil
	}
	f.written = version
	return saveDrafts(f.path, drafts)
}

// final writes the drafts the program ended with.
func (f *draftFile) final(drafts map[string]string) error {
	return f.save(math.MaxInt, drafts)
}
