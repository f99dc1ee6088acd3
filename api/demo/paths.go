package demo

import (
	"path/filepath"

	"aui-tui/internal/xdg"
)

// DefaultStorePath is where the demo keeps its tasks between runs:
// $XDG_STATE_HOME/aui-tui/demo.db, or ~/.local/state/aui-tui/demo.db when
// XDG_STATE_HOME is unset (or not absolute, which the XDG spec says to
// ignore). It does not create anything.
func DefaultStorePath() (string, error) {
	dir, err := xdg.StateDir(nil)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "demo.db"), nil
}
