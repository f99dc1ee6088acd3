package main

import (
	"runtime/debug"
	"testing"
)

func TestDescribeBuild(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install of a tag", debug.BuildInfo{Main: debug.Module{Version: "v0.2.0"}}, "v0.2.0"},
		{"a checkout, clean",
			debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", "4bdca22d0c0ffee1234567890abcdef012345678", "vcs.time", "2026-11-30T15:00:00Z", "vcs.modified", "false")},
			"development build 4bdca22d0c0f (2026-11-30T15:00:00Z)"},
		{"a checkout with changes",
			debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: settings("vcs.revision", "4bdca22d0c0ffee1234567890abcdef012345678", "vcs.time", "2026-11-30T15:00:00Z", "vcs.modified", "true")},
			"development build 4bdca22d0c0f (2026-11-30T15:00:00Z, with uncommitted changes)"},
		{"a pseudo-version already naming the commit",
			debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130150000-4bdca22d0c0f+dirty"}, Settings: settings("vcs.revision", "4bdca22d0c0ffee1234567890abcdef012345678", "vcs.time", "2026-11-30T15:00:00Z", "vcs.modified", "true")},
			"v0.0.0-20261130150000-4bdca22d0c0f+dirty (2026-11-30T15:00:00Z)"},
		{"no VCS stamp", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "development build"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeBuild(&tt.info); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
