package ui

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editDraft hands the composer's text to the user's editor (Config.Editor)
// while the program steps aside, and takes the edited text back.
func (m *Model) editDraft() tea.Cmd {
	if m.com.cfg.Editor == nil {
		return m.notify(levelWarn, "No editor is set: set $EDITOR (or $VISUAL) and start again.")
	}
	taskID, draft := m.composer.draft()
	run := &editorRun{newCmd: m.com.cfg.Editor, draft: draft}
	return tea.Exec(run, func(err error) tea.Msg {
		return editorDoneMsg{taskID: taskID, text: run.result, err: err}
	})
}

// onEditorDone puts the edited text back in the draft it came from. On any
// failure the draft is left as it was: what was typed is never lost.
func (m *Model) onEditorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		return m.notify(levelError, "The editor failed ("+humanError(msg.err)+"); the draft is unchanged.")
	}
	// If another task was opened meanwhile, the text still goes to the
	// task it was written for.
	m.composer.setDraft(msg.taskID, strings.TrimRight(msg.text, "\n"))
	m.tasks.setDrafted(m.composer.drafted())
	m.relayout()
	return nil
}

// editorRun is a tea.ExecCommand: Bubble Tea calls Run once it has given
// the terminal back, so the editor gets a normal screen and keyboard.
type editorRun struct {
	newCmd         func(path string) (*exec.Cmd, error)
	draft          string
	result         string
	stdin          io.Reader
	stdout, stderr io.Writer
}

// SetStdin, SetStdout and SetStderr receive the terminal Bubble Tea has
// just released, for the editor.
func (e *editorRun) SetStdin(r io.Reader) { e.stdin = r }

// SetStdout: see SetStdin.
func (e *editorRun) SetStdout(w io.Writer) { e.stdout = w }

// SetStderr: see SetStdin.
func (e *editorRun) SetStderr(w io.Writer) { e.stderr = w }

// Run writes the draft to a private temporary file, runs the editor on it
// and reads the file back, removing it whatever happens.
func (e *editorRun) Run() error {
	f, err := os.CreateTemp("", "aui-tui-draft-*.md")
	if err != nil {
		return err
	}
	path := f.Name()
	defer os.Remove(path)
	_, werr := f.WriteString(e.draft)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return werr
	}
	cmd, err := e.newCmd(path)
	if err != nil {
		return err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return errors.New(cmd.Args[0] + " exited with status " + exitStatus(exit))
		}
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	e.result = string(b)
	return nil
}

// exitStatus is "1" for "exit status 1", else how the editor ended
// ("signal: killed").
func exitStatus(e *exec.ExitError) string {
	return strings.TrimPrefix(e.Error(), "exit status ")
}
