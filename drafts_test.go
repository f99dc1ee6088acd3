package main

import (
	"os"
	"testing"
)

func TestDraftsFileRoundTrip(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	path, err := draftsPath("demo", "demo_user")
	if err != nil {
		t.Fatal(err)
	}
	other, _ := draftsPath("https://data-services.aui.io/api/ia-controller", "demo_user")
	if path == other {
		t.Fatal("demo and live drafts share a file")
	}
	if d, err := loadDrafts(path); err != nil || d != nil {
		t.Fatalf("no file yet: %v %v", d, err)
	}
	want := map[string]string{"t1": "half a thought", "": "no task yet"}
	if err := saveDrafts(path, want); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("drafts file mode %v, %v; want 0600", fi.Mode().Perm(), err)
	}
	got, err := loadDrafts(path)
	if err != nil || len(got) != 2 || got["t1"] != "half a thought" || got[""] != "no task yet" {
		t.Fatalf("loaded %v, %v", got, err)
	}
	if err := saveDrafts(path, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("an empty set of drafts left the file behind")
	}
	if err := os.WriteFile(path, []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadDrafts(path); err == nil {
		t.Fatal("a damaged drafts file read without error")
	}
}

func TestLastTaskFileRoundTrip(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	path, err := lastTaskPath("demo", "demo_user")
	if err != nil {
		t.Fatal(err)
	}
	if got := loadLastTask(path); got != "" {
		t.Fatalf("no file yet, got %q", got)
	}
	if err := saveLastTask(path, "6b0d9e66430cbdd73f076976"); err != nil {
		t.Fatal(err)
	}
	if got := loadLastTask(path); got != "6b0d9e66430cbdd73f076976" {
		t.Fatalf("got %q", got)
	}
	if err := saveLastTask(path, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("no task open, yet the file stays: %v", err)
	}
}
