package fsutil

import (
	"errors"
	"io"
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

// A failure while the content is being written leaves the old file as it
// was and no temporary file behind.
func TestWriteAtomicFailingWriterKeepsTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.json")
	if err := WriteFileAtomic(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := WriteAtomic(path, 0o600, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half written ", 10000))
		return errors.New("message 7 is not valid JSON")
	})
	if err == nil || !strings.Contains(err.Error(), "message 7 is not valid JSON") || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("file is %.40q, want the old content", b)
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("temporary files left behind: %v", left)
	}
}
