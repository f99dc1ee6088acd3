package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"aui-tui/api/demo"
	"aui-tui/internal/config"
	"aui-tui/ui"
)

func TestSwitchingProfileInTheUIReconnects(t *testing.T) {
	srv, _ := profileServer(t, "[profiles.broken]\nregion = \"azure\"\nkey_env = \"UNSET_KEY\"\n")
	t.Setenv("LOCAL_KEY", demo.DefaultKey)
	// The command line asks for the demo; picking a profile overrides it.
	f := connFlags{demo: true, timeout: 10 * time.Second, demoPace: optDuration{set: true}}
	root := newRootCmd()
	var g globalFlags
	if err := g.load(root, os.Getenv); err != nil {
		t.Fatal(err)
	}
	f.cmd = root
	s := setupOf(root)

	type run struct {
		demo    bool
		base    string
		profile string
		notice  string
	}
	var runs []run
	picks := []ui.Switch{{Profile: "local"}, {Profile: "broken"}, {Demo: true}, {}}
	err := runProfiles(&f, s, nil, func(c *conn, notice string) (ui.Switch, error) {
		runs = append(runs, run{c.demo, c.client.BaseURL(), s.profile, notice})
		next := picks[0]
		picks = picks[1:]
		return next, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 4 {
		t.Fatalf("runs = %+v", runs)
	}
	if !runs[0].demo || runs[0].profile != "" {
		t.Errorf("first run %+v, want the demo", runs[0])
	}
	if runs[1].demo || runs[1].base != srv.BaseURL() || runs[1].profile != "local" || runs[1].notice != "" {
		t.Errorf("after picking local: %+v", runs[1])
	}
	// broken has no key: the user stays on local and is told why.
	if runs[2].profile != "local" || runs[2].base != srv.BaseURL() || !strings.Contains(runs[2].notice, `"broken"`) || !strings.Contains(runs[2].notice, "$UNSET_KEY") {
		t.Errorf("after picking broken: %+v", runs[2])
	}
	if !runs[3].demo || runs[3].notice != "" {
		t.Errorf("after picking the demo: %+v", runs[3])
	}
}

func TestPickedProfileSkipsFlagsAndEnvironmentButReadsItsOwnVariable(t *testing.T) {
	file, _, err := config.Parse([]byte("[profiles.p]\nbase_url = \"https://p.example\"\nuser = \"pu\"\nkey_env = \""+envKey+"\"\n"), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{envKey: "k", envBaseURL: "https://env.example", envUser: "eu"}
	s := &setup{file: file}
	s.pick("p")
	got, err := resolveTarget(connFlags{baseURL: "https://flag.example", user: "fu"}, s, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got.base != "https://p.example" || got.user != "pu" || got.key != "k" {
		t.Errorf("picked profile resolved to %+v", got)
	}
}
