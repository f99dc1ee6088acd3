package xdg

import (
	"path/filepath"
	"testing"
)

func TestDirs(t *testing.T) {
	env := func(m map[string]string) Env { return func(k string) string { return m[k] } }
	cases := []struct {
		name string
		fn   func(Env) (string, error)
		env  map[string]string
		want string
	}{
		{"config set", ConfigDir, map[string]string{"XDG_CONFIG_HOME": "/c", "HOME": "/h"}, "/c/aui-tui"},
		{"config unset", ConfigDir, map[string]string{"HOME": "/h"}, "/h/.config/aui-tui"},
		{"config relative ignored", ConfigDir, map[string]string{"XDG_CONFIG_HOME": "rel", "HOME": "/h"}, "/h/.config/aui-tui"},
		{"state", StateDir, map[string]string{"HOME": "/h"}, "/h/.local/state/aui-tui"},
		{"state set", StateDir, map[string]string{"XDG_STATE_HOME": "/s", "HOME": "/h"}, "/s/aui-tui"},
		{"cache", CacheDir, map[string]string{"HOME": "/h"}, "/h/.cache/aui-tui"},
	}
	for _, c := range cases {
		got, err := c.fn(env(c.env))
		if err != nil || got != filepath.FromSlash(c.want) {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}
