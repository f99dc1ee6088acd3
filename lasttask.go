package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"aui-tui/internal/fsutil"
	"aui-tui/internal/xdg"
)

// stateFile is a per-API-host, per-user file under the state directory's
// sub folder, so demo and live state never mix.
func stateFile(sub, baseURL, user, ext string) (string, error) {
	dir, err := xdg.StateDir(nil)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(baseURL + "\x00" + user))
	return filepath.Join(dir, sub, hex.EncodeToString(sum[:8])+ext), nil
}

// lastTaskPath is where the task open at exit is kept for the next start.
func lastTaskPath(baseURL, user string) (string, error) {
	return stateFile("last-task", baseURL, user, ".txt")
}

// loadLastTask reads the task id left by the last run ("" when none).
func loadLastTask(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// saveLastTask keeps the open task's id, or forgets it when none is open.
func saveLastTask(path, id string) error {
	if id == "" {
		err := os.Remove(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	return fsutil.WriteFileAtomic(path, []byte(id+"\n"), 0o600)
}
