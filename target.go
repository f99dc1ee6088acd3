package main

import (
	"errors"
	"fmt"
	"strings"

	"aui-tui/api"
	"aui-tui/internal/config"
)

// target is where a command connects, with whose tasks and which key, once
// flags, environment, profile and defaults have been weighed.
type target struct {
	base string
	// named is true when something the user set names a server (a flag, a
	// variable or a profile): then a missing key is an error, not a reason
	// to fall back to the demo.
	named bool
	user  string
	key   string
	// baseFrom, userFrom and keyFrom say where each came from ("--user",
	// "$AUI_NETWORK_API_KEY", a profile, the key file), for the debug log
	// and config show; never the key itself.
	baseFrom, userFrom, keyFrom string
}

// resolveTarget applies the precedence the README documents: flags, then
// environment variables, then the chosen profile, then the defaults. Where
// the API is (base URL or region) is one setting: the first layer naming
// either decides, and within a layer the base URL wins over the region.
func resolveTarget(f connFlags, s *setup, getenv func(string) string) (target, error) {
	prof, err := s.chosenProfile()
	if err != nil {
		return target{}, err
	}
	// layer is the environment as a layer of settings; a profile picked
	// in the UI skips it, and the flags, for where, who and which key.
	layer := getenv
	if s.picked {
		f.baseURL, f.region, f.user = "", "", ""
		layer = func(string) string { return "" }
	}
	var t target
	profFrom := fmt.Sprintf("profile %q", s.profile)
	loc := []struct{ base, region, baseFrom, regionFrom string }{
		{f.baseURL, f.region, "--base-url", "--region"},
		{layer(envBaseURL), layer(envRegion), "$" + envBaseURL, "$" + envRegion},
		{prof.BaseURL, prof.Region, profFrom, profFrom},
	}
	t.base, t.baseFrom = api.BaseURLGCP, "the default"
	for i, l := range loc {
		if l.base == "" && l.region == "" {
			continue
		}
		t.named = true
		if l.base != "" {
			t.base, t.baseFrom = l.base, l.baseFrom
		} else if t.base, err = api.RegionBaseURL(l.region); err == nil {
			t.baseFrom = l.regionFrom
		} else {
			if i == 1 {
				return target{}, fmt.Errorf("$%s: %w", envRegion, err)
			}
			return target{}, err
		}
		break
	}
	if s.profile != "" {
		t.named = true
	}
	for _, u := range []struct{ v, from string }{{f.user, "--user"}, {layer(envUser), "$" + envUser}, {prof.User, profFrom}} {
		if v := strings.TrimSpace(u.v); v != "" {
			t.user, t.userFrom = v, u.from
			break
		}
	}

	t.key, t.keyFrom = strings.TrimSpace(layer(envKey)), "$"+envKey
	if t.key == "" && s.profile != "" {
		if t.key, err = prof.APIKey(s.profile, getenv); err != nil {
			return target{}, fmt.Errorf("%w; --demo uses the demo backend", err)
		}
		t.keyFrom = profFrom + ", " + prof.KeySource()
	}
	if t.key == "" {
		path, perr := keyFilePath()
		if perr == nil {
			if t.key, err = config.ReadKeyFile(path); err != nil {
				return target{}, err
			}
			t.keyFrom = path
		}
	}
	return t, nil
}

// firstOf is the first non-empty value.
func firstOf(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// noKeyError explains a live connection without a key, naming every place
// a key may come from.
func noKeyError(s *setup) error {
	where := "~/.config/aui-tui/key"
	if p, err := keyFilePath(); err == nil {
		where = p
	}
	if s.profile != "" {
		return fmt.Errorf("no API key: profile %q names no key_env, key_file or key, %s is not set and %s does not exist; --demo uses the demo backend", s.profile, envKey, where)
	}
	return errors.New("no API key: set " + envKey + ", write it to " + where + " (chmod 600) or use a profile (aui-tui config init); --demo uses the demo backend")
}
