package ui

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// scriptEditor is an "editor" that runs a shell script on the file, as
// $EDITOR would be run.
func scriptEditor(script string) func(string) (*exec.Cmd, error) {
	return func(path string) (*exec.Cmd, error) {
		return exec.Command("sh", "-c", script, "sh", path), nil
	}
}

func TestEditorRunEditsAPrivateCopyOfTheDraft(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	var seen string
	run := &editorRun{draft: "first line", newCmd: func(path string) (*exec.Cmd, error) {
		seen = path
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("draft file %v, %v: want one only the user can read", fi.Mode(), err)
		}
		return scriptEditor(`printf '\nsecond line\n' >> "$1"`)(path)
	}}
	if err := run.Run(); err != nil {
		t.Fatal(err)
	}
	if run.result != "first line\nsecond line\n" {
		t.Errorf("result = %q", run.result)
	}
	if _, err := os.Stat(seen); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the temporary draft %s was left behind", seen)
	}

	failing := &editorRun{draft: "x", newCmd: scriptEditor("exit 3")}
	if err := failing.Run(); err == nil || !strings.Contains(err.Error(), "exited with status 3") {
		t.Errorf("failing editor: %v", err)
	}
}

func TestEditedTextReplacesTheDraftAndFailureKeepsIt(t *testing.T) {
	h := newHarness(t, 2)
	id := h.openFirst()
	h.typeText("short draft")
	h.send(editorDoneMsg{taskID: id, err: errors.New("vi exited with status 1")})
	if got := h.m.composer.value(); got != "short draft" {
		t.Fatalf("after a failed edit the draft is %q", got)
	}
	if !strings.Contains(plainView(h.m), "The editor failed") {
		t.Errorf("no notice of the failure:\n%s", plainView(h.m))
	}
	h.send(editorDoneMsg{taskID: id, text: "a long\nmulti-line message\n"})
	if got := h.m.composer.value(); got != "a long\nmulti-line message" {
		t.Fatalf("after editing the draft is %q", got)
	}
	// Text edited for a task no longer open goes to that task's draft.
	h.send(editorDoneMsg{taskID: "other-task", text: "for later"})
	if h.m.composer.drafts["other-task"] != "for later" || h.m.composer.value() != "a long\nmulti-line message" {
		t.Errorf("edit for another task: drafts %v, composer %q", h.m.composer.drafts, h.m.composer.value())
	}
}

func TestEditorKeyWithoutAnEditorSaysHowToSetOne(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("ctrl+e")
	if !strings.Contains(plainView(h.m), "$EDITOR") {
		t.Errorf("no notice naming $EDITOR:\n%s", plainView(h.m))
	}
}
