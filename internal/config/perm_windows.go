//go:build windows

package config

import "os"

// private cannot be told from the mode bits on Windows: Go reports every
// file as 0666 or 0444 whatever its access list says. Files in the user's
// profile are private by default there, so the check is skipped rather
// than failing every time.
func private(os.FileInfo) bool { return true }

// PermsChecked reports whether private can tell.
const PermsChecked = false
