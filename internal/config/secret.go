package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"aui-tui/internal/xdg"
)

// ReadKeyFile reads an API key from a file only its owner can read. A
// missing file is ("", nil): no key there. The key is never part of an
// error.
func ReadKeyFile(path string) (string, error) {
	// Non-blocking, so a FIFO (or a device) at the path cannot hang the
	// start; it is then refused below, as is anything but a plain file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, unwrap(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, unwrap(err))
	}
	if fi.IsDir() {
		return "", fmt.Errorf("the key file %s is a folder", path)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("the key file %s is not a regular file; write the key into a plain file", path)
	}
	if !private(fi) {
		return "", fmt.Errorf("the key file %s is readable by others; run: chmod 600 %s", path, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile))
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, unwrap(err))
	}
	return strings.TrimSpace(string(b)), nil
}

// maxKeyFile bounds what is read from a key file; a key is far shorter.
const maxKeyFile = 64 << 10

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

// KeySource says where APIKey reads the key ("$AUI_PROD_KEY", "the file
// ~/.config/aui-tui/prod.key", "the configuration file"), for messages.
func (p Profile) KeySource() string {
	switch {
	case p.KeyEnv != "":
		return "$" + p.KeyEnv
	case p.KeyFile != "":
		return "the file " + p.KeyFile
	case p.Key != "":
		return "the configuration file"
	}
	return "nowhere"
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
