package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestServeFlagErrors(t *testing.T) {
	isolate(t)
	missing := filepath.Join(t.TempDir(), "authorized_keys")
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"serve"}, []string{"--authorized-keys FILE", "--open"}},
		{[]string{"serve", "--open", "--authorized-keys", missing}, []string{"--authorized-keys FILE", "--open"}},
		{[]string{"serve", "--open", "--max-sessions", "-1"}, []string{"--max-sessions", "negative"}},
		{[]string{"serve", "--open", "--idle-timeout", "-1m"}, []string{"--idle-timeout", "negative"}},
		{[]string{"serve", "--open", "--theme", "pink"}, []string{"--theme"}},
		{[]string{"serve", "--authorized-keys", missing}, []string{"cannot read the authorized keys", missing}},
		{[]string{"serve", "--open", "--ssh", "127.0.0.1:99999"}, []string{"cannot listen on 127.0.0.1:99999"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := runCmd(t, tt.args...)
			oneLine(t, err, tt.want...)
		})
	}
}

func TestServeHelp(t *testing.T) {
	isolate(t)
	out := mustRun(t, "serve", "--help")
	for _, w := range []string{"--ssh", "127.0.0.1:2222", "--authorized-keys", "--open", "--host-key", "--max-sessions", "--idle-timeout", "--max-session ", "--messages-per-minute", "--base-url", "--user", envKey} {
		if !strings.Contains(out, w) {
			t.Errorf("serve help lacks %q:\n%s", w, out)
		}
	}
	_, flags, _ := strings.Cut(out, "\nFlags:\n")
	for _, w := range []string{"--demo-reset", "--demo-long"} {
		if strings.Contains(flags, w) {
			t.Errorf("serve help shows %s, which means nothing for a served demo:\n%s", w, out)
		}
	}
	if root := mustRun(t, "--help"); !strings.Contains(root, "serve") {
		t.Errorf("the root help does not list serve:\n%s", root)
	}
}
