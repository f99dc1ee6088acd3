package fsutil

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomicReplacesAndIsPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "f.json")
	if err := WriteFileAtomic(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "two" {
		t.Fatalf("got %q, %v; want two", b, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	left, _ := os.ReadDir(filepath.Dir(path))
	if len(left) != 1 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestWriteFileAtomicErrorNamesTargetNotTemp(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.md")
	if err := os.Mkdir(target, 0o700); err != nil { // a directory cannot be replaced by a file
		t.Fatal(err)
	}
	err := WriteFileAtomic(target, []byte("x"), 0o600)
	if err == nil {
		t.Fatal("want an error replacing a directory")
	}
	if !strings.Contains(err.Error(), target) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("error %q should name %s and no temporary file", err, target)
	}
}
