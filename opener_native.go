package main

import (
	"os/exec"
	"runtime"
)

// nativeOpener returns a function that opens a URL with the platform's
// opener, or nil when there is none (links are then only shown). The
// program waits for the opener to hand the URL over, not for the browser.
func nativeOpener() func(string) error {
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler"}
	default:
		name = "xdg-open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return nil
	}
	return func(url string) error {
		// The URL is one argument, never a shell word.
		return exec.Command(path, append(args, url)...).Run()
	}
}
