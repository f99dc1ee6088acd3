package demo

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStoreSurvivesRestart(t *testing.T) {
	path := storeIn(t)
	srv, err := New(Options{StorePath: path, Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("store folder: %v, mode %v", err, info.Mode().Perm())
	}
	first := newServerOn(t, srv)
	id := createTask(t, first.URL, "keeper")
	reply := send(t, first.URL, id, "I need a built-in microwave, 20 l or more")
	first.Close()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	_, hs := newTestServer(t, Options{StorePath: path})
	b := mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks?user_id=keeper", DefaultKey, "")
	var page struct {
		Tasks []struct{ ID, Title string }
		Total int
	}
	_ = json.Unmarshal(b, &page)
	if page.Total != 1 || page.Tasks[0].ID != id || page.Tasks[0].Title != "Built-in microwave" {
		t.Fatalf("after restart: %s", b)
	}
	var msgs []json.RawMessage
	_ = json.Unmarshal(mustCall(t, 200, "GET", hs.URL+"/api/v1/external/tasks/"+id+"/messages", DefaultKey, ""), &msgs)
	if len(msgs) != 2 {
		t.Fatalf("%d messages after restart", len(msgs))
	}
	sameJSON(t, msgs[1], string(reply))

	// The conversation state survived too: "cheaper" still means microwaves.
	var next struct{ Text string }
	_ = json.Unmarshal(send(t, hs.URL, id, "Show me cheaper options"), &next)
	if !strings.Contains(next.Text, "cheaper than the Nordvik BM25X") {
		t.Errorf("context lost across restart: %.80q", next.Text)
	}
}

func TestResetStartsFresh(t *testing.T) {
	path := storeIn(t)
	srv, hs := newTestServer(t, Options{StorePath: path})
	createTask(t, hs.URL, "gone")
	hs.Close()
	_ = srv.Close()

	_, hs2 := newTestServer(t, Options{StorePath: path, Reset: true})
	b := mustCall(t, 200, "GET", hs2.URL+"/api/v1/external/tasks?user_id=gone", DefaultKey, "")
	sameJSON(t, b, `{"tasks":[],"total":0,"page":1,"size":10}`)
}

func TestDamagedStoreIsMovedAside(t *testing.T) {
	path := storeIn(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	junk := []byte("this is not a database, just some text that got here somehow\n")
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	srv, hs := newTestServer(t, Options{StorePath: path})
	moved := path + ".damaged-20260309-142201"
	want := "The demo store " + path + " was damaged, so it was moved aside to " + moved + " and a fresh one was started."
	if srv.Notice() != want {
		t.Errorf("notice %q\nwant %q", srv.Notice(), want)
	}
	if b, err := os.ReadFile(moved); err != nil || string(b) != string(junk) {
		t.Errorf("damaged file not kept as %s: %v", moved, err)
	}
	createTask(t, hs.URL, "fresh") // the new store works
}

func TestHealthyStoreHasNoNotice(t *testing.T) {
	srv, _ := newTestServer(t, Options{StorePath: storeIn(t)})
	if srv.Notice() != "" {
		t.Errorf("notice %q", srv.Notice())
	}
}

func TestStoreInUseGivesClearError(t *testing.T) {
	path := storeIn(t)
	newTestServer(t, Options{StorePath: path})
	_, err := New(Options{StorePath: path})
	want := "the demo store " + path + " is in use by another aui-tui"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("second open: %v, want an error starting %q", err, want)
	}
}

func TestTemporaryStoreRemovedOnClose(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := srv.store.path
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("temporary store missing: %v", err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("temporary store %s left behind: %v", path, err)
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestDefaultStorePath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/var/state")
	if p, err := DefaultStorePath(); err != nil || p != "/var/state/aui-tui/demo.db" {
		t.Errorf("with XDG_STATE_HOME: %q %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/someone")
	if p, err := DefaultStorePath(); err != nil || p != "/home/someone/.local/state/aui-tui/demo.db" {
		t.Errorf("without XDG_STATE_HOME: %q %v", p, err)
	}
}

// TestTruncatedStoreIsMovedAside: a store cut short used to crash every
// start with SIGBUS, as bbolt mapped pages past the end of the file.
func TestTruncatedStoreIsMovedAside(t *testing.T) {
	path := storeIn(t)
	srv, hs := newTestServer(t, Options{StorePath: path, Seed: true})
	hs.Close()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := readMeta(f, 0)
	f.Close()
	if err != nil || !m.ok() {
		t.Fatalf("meta %+v: %v", m, err)
	}
	// bbolt grows the file ahead of use: cut into the pages it uses.
	used := int64(m.pgid) * int64(m.pageSize)
	for _, size := range []int64{used / 2, used - 1, 5000, 100} {
		if err := os.Truncate(path, size); err != nil {
			t.Fatal(err)
		}
		srv, hs := newTestServer(t, Options{StorePath: path})
		if !strings.Contains(srv.Notice(), "was damaged, so it was moved aside") {
			t.Fatalf("store cut to %d bytes: notice %q", size, srv.Notice())
		}
		createTask(t, hs.URL, "fresh") // the new store works
		hs.Close()
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
		moved, _ := filepath.Glob(path + ".damaged-*")
		for _, m := range moved {
			os.Remove(m)
		}
		// Start the next round from a full store again.
		srv, hs = newTestServer(t, Options{StorePath: path, Reset: true, Seed: true})
		hs.Close()
		srv.Close()
	}
}

func TestStoreCheckAcceptsHealthyAndEmptyFiles(t *testing.T) {
	path := storeIn(t)
	if err := checkStoreFile(path); err != nil {
		t.Fatalf("missing file: %v", err)
	}
	srv, hs := newTestServer(t, Options{StorePath: path, Seed: true})
	hs.Close()
	srv.Close()
	if err := checkStoreFile(path); err != nil {
		t.Fatalf("healthy store: %v", err)
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	if err := checkStoreFile(path); err != nil {
		t.Fatalf("empty file: %v", err)
	}
}
