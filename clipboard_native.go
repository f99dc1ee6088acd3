package main

import (
	"github.com/atotto/clipboard"
)

// nativeClipboard returns a function that copies text with the platform's
// clipboard (pbcopy on macOS, the Win32 clipboard as UTF-16 on Windows,
// wl-copy under Wayland, xclip or xsel under X11, termux-clipboard-set), or
// nil when there is none (OSC 52 alone is used then).
func nativeClipboard() func(string) error {
	if clipboard.Unsupported {
		return nil
	}
	return clipboard.WriteAll
}
