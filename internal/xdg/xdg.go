// Package xdg finds the program's configuration, state and cache
// directories. It follows the XDG base directory spec on every OS, so the
// paths the README names are the paths used (also on macOS, where Go's own
// helpers would pick ~/Library). A relative XDG_* value is ignored, as the
// spec says.
package xdg

import (
	"errors"
	"os"
	"path/filepath"
)

// App is the directory name under each base directory.
const App = "aui-tui"

// Env reads the environment; tests pass a map-backed one.
type Env func(string) string

// ConfigDir is $XDG_CONFIG_HOME/aui-tui (~/.config/aui-tui).
func ConfigDir(env Env) (string, error) { return dir(env, "XDG_CONFIG_HOME", ".config") }

// StateDir is $XDG_STATE_HOME/aui-tui (~/.local/state/aui-tui).
func StateDir(env Env) (string, error) { return dir(env, "XDG_STATE_HOME", ".local/state") }

// CacheDir is $XDG_CACHE_HOME/aui-tui (~/.cache/aui-tui).
func CacheDir(env Env) (string, error) { return dir(env, "XDG_CACHE_HOME", ".cache") }

func dir(env Env, name, fallback string) (string, error) {
	if env == nil {
		env = os.Getenv
	}
	if d := env(name); filepath.IsAbs(d) {
		return filepath.Join(d, App), nil
	}
	home := env("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil || h == "" {
			return "", errors.New("cannot find a place for " + App + "'s files: neither " + name + " nor a home directory is set")
		}
		home = h
	}
	return filepath.Join(home, filepath.FromSlash(fallback), App), nil
}
