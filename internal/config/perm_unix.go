//go:build !windows

package config

import "os"

// private reports a file no one but its owner can read or write.
func private(fi os.FileInfo) bool { return fi.Mode().Perm()&0o077 == 0 }

// PermsChecked reports whether private can tell; see perm_windows.go.
const PermsChecked = true
