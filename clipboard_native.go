package main

import (
	"errors"
	"os/exec"
	"runtime"
	"strings"
)

// nativeClipboard returns a function that copies text with the platform's
// clipboard tool, or nil when none is installed (OSC 52 alone is used then).
func nativeClipboard() func(string) error {
	var candidates [][]string
	switch runtime.GOOS {
	case "darwin":
		candidates = [][]string{{"pbcopy"}}
	case "windows":
		candidates = [][]string{{"clip"}}
	default:
		candidates = [][]string{
			{"wl-copy"},
			{"xclip", "-selection", "clipboard"},
			{"xsel", "--clipboard", "--input"},
		}
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c[0]); err == nil {
			args := c[1:]
			return func(text string) error {
				cmd := exec.Command(path, args...)
				cmd.Stdin = strings.NewReader(text)
				if out, err := cmd.CombinedOutput(); err != nil {
					msg := strings.TrimSpace(string(out))
					if msg == "" {
						msg = err.Error()
					}
					return errors.New(c[0] + ": " + msg)
				}
				return nil
			}
		}
	}
	return nil
}
