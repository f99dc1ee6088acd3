package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndConfiguredKeysAndEditor is a person who rebound send to
// ctrl+s and writes a long message in their editor.
func TestEndToEndConfiguredKeysAndEditor(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	cfgDir := filepath.Join(dir, "config", "aui-tui")
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfgDir, "config.toml"), []byte("[keys]\nsend = [\"ctrl+s\"]\nnewline = [\"enter\", \"alt+enter\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	editor := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf ' and a second line from the editor' >> \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	s := startTmuxEnv(t, 100, 30, []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "EDITOR=" + editor},
		"--demo-pace", "0", "--theme", "dark")

	s.waitFor("the task list", "tasks · demo_user", "page 1 of")
	s.keys("Enter")
	s.waitFor("the composer, with the rebound keys in the help bar", "ctrl+s send", "enter/alt+enter newline")
	s.typeText("first line")
	s.keys("Enter") // a newline now, not a send
	s.typeText("then")
	s.keys("C-e")
	s.waitFor("the draft back from the editor", "then and a second line from the editor")
	s.keys("C-s")
	scr := s.waitFor("the message sent and the composer empty", "│ first line", "type a message…")
	if !strings.Contains(scr, "then and a second line from the editor") {
		t.Fatalf("the edited text was not sent:\n%s", scr)
	}

	s.keys("C-c")
	deadline := time.Now().Add(10 * time.Second)
	for s.alive() && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
}
