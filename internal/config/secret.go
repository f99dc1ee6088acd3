package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"aui-tui/internal/xdg"
)

// ReadKeyFile reads an API key from a file only its owner can read. A
// missing file is ("", nil): no key there. The key is never part of an
// error.
func ReadKeyFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		// A FIFO would hang start-up in the read; a folder is a mistake.
		return "", fmt.Errorf("the key file %s is not a regular file", path)
	}
	if !private(fi) {
		return "", fmt.Errorf("the key file %s is readable by others; run: chmod 600 %s", path, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, unwrap(err))
	}
	return strings.TrimSpace(string(b)), nil
}

// APIKey finds the profile's key: from the variable key_env names, from
// key_file, or written in the profile. name is the profile's name, for
// messages. An empty key with no error means the profile names no source.
func (p Profile) APIKey(name string, env xdg.Env) (string, error) {
	if env == nil {
		env = os.Getenv
	}
	switch {
	case p.KeyEnv != "":
		k := strings.TrimSpace(env(p.KeyEnv))
		if k == "" {
			return "", fmt.Errorf("profile %q reads its API key from $%s, which is not set", name, p.KeyEnv)
		}
		return k, nil
	case p.KeyFile != "":
		path := ExpandHome(p.KeyFile, env)
		k, err := ReadKeyFile(path)
		if err == nil && k == "" {
			err = fmt.Errorf("profile %q reads its API key from %s, which is missing or empty", name, path)
		}
		return k, err
	}
	return strings.TrimSpace(p.Key), nil
}

// ExpandHome turns a leading ~/ into the home directory, as a shell would;
// a config file is not expanded by one.
func ExpandHome(path string, env xdg.Env) string {
	if env == nil {
		env = os.Getenv
	}
	rest, ok := strings.CutPrefix(path, "~/")
	if !ok && path != "~" {
		return path
	}
	home := env("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return path
		}
		home = h
	}
	return filepath.Join(home, filepath.FromSlash(rest))
}
