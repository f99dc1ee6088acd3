package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/glamour/v2/styles"
)

func TestMarkdownStyleByNameFileOrAuto(t *testing.T) {
	if st, _, err := markdownStyle("auto"); st != nil || err != nil {
		t.Errorf("auto = %v, %v; want the theme's (nil)", st, err)
	}
	if st, name, err := markdownStyle("dracula"); err != nil || st != styles.DefaultStyles["dracula"] || name != "dracula" {
		t.Errorf("dracula = %v, %q, %v", st, name, err)
	}
	path := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(path, []byte(`{"document":{"margin":0},"h1":{"prefix":"# "}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	st, name, err := markdownStyle(path)
	if err != nil || st == nil || st.H1.Prefix != "# " || name != "mine.json" {
		t.Errorf("file = %+v, %q, %v", st, name, err)
	}
	if _, _, err := markdownStyle("nosuchstyle"); err == nil || !strings.Contains(err.Error(), "dracula") {
		t.Errorf("unknown style: %v", err)
	}
}

func TestMarkdownStyleProblemNamesItsLine(t *testing.T) {
	isolate(t)
	t.Setenv(envGlamourStyle, "")
	path := writeConfig(t, "theme = \"dark\"\nmarkdown_style = \"nosuchstyle\"\n")
	_, errOut, err := runCmd(t, "transcript", "--demo", "--demo-pace", "0", "--format", "ansi", firstTaskID(t))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, path+":2: markdown style \"nosuchstyle\"") {
		t.Errorf("stderr = %q", errOut)
	}
}
