package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"aui-tui/internal/sshserve"
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
		{[]string{"serve", "--open", "--replay", "x.jsonl", "--speed", "0"}, []string{"--speed"}},
		{[]string{"serve", "--open", "--replay", missing}, []string{missing}},
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
	for _, w := range []string{"--ssh", "127.0.0.1:2222", "--authorized-keys", "--open", "--host-key", "--max-sessions", "--idle-timeout", "--max-session ", "--messages-per-minute", "--replay", "--speed", "--presenter", "--base-url", "--user", envKey} {
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

// TestServeFreesTheDataOfVisitorsWhoCannotComeBack: on an open server a
// visitor's demo user is never seen again once they leave, so its tasks
// are deleted; a listed key's user is kept for its next connection.
func TestServeFreesTheDataOfVisitorsWhoCannotComeBack(t *testing.T) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		opts sshserve.Options
		kept bool
	}{
		{"open", sshserve.Options{Open: true}, false},
		{"listed key", sshserve.Options{AuthorizedKeys: []gossh.PublicKey{signer.PublicKey()}}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			addr, c, logged := serveInProcess(t, tt.opts)
			v, err := tryArrive(addr, key)
			if err != nil {
				t.Fatal(err)
			}
			v.leave()
			deadline := time.Now().Add(10 * time.Second)
			for !logged.has("end=left") && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			m := regexp.MustCompile(`visitor=(visitor_\w+)`).FindStringSubmatch(logged.String())
			if m == nil {
				t.Fatalf("no visitor in the log:\n%s", logged.String())
			}
			page, err := c.client.ListTasks(context.Background(), m[1], 1, 5)
			if err != nil {
				t.Fatal(err)
			}
			if kept := page.Total > 0; kept != tt.kept {
				t.Errorf("after the visitor left, %d tasks remain; want kept=%v", page.Total, tt.kept)
			}
		})
	}
}
