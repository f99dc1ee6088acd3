package demo

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultStorePath is where the demo keeps its tasks between runs:
// $XDG_STATE_HOME/aui-tui/demo.db, or ~/.local/state/aui-tui/demo.db when
// XDG_STATE_HOME is unset (or not absolute, which the XDG spec says to
// ignore). It does not create anything.
func DefaultStorePath() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "aui-tui", "demo.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", errors.New("cannot find a place for the demo store: neither XDG_STATE_HOME nor a home directory is set")
	}
	return filepath.Join(home, ".local", "state", "aui-tui", "demo.db"), nil
}
