package main

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// editorCommand edits path with the user's editor: $VISUAL, else $EDITOR
// (either may carry arguments, "code --wait"), else vi (notepad on
// Windows).
func editorCommand(path string) (*exec.Cmd, error) {
	args := strings.Fields(os.Getenv("VISUAL"))
	if len(args) == 0 {
		args = strings.Fields(os.Getenv("EDITOR"))
	}
	if len(args) == 0 {
		args = []string{"vi"}
		if runtime.GOOS == "windows" {
			args = []string{"notepad"}
		}
	}
	return exec.Command(args[0], append(args[1:], path)...), nil
}
