package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// panicky is a model that panics on demand.
type panicky struct{ n int }

type boom struct{}

func (p panicky) Init() tea.Cmd { return nil }
func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case boom:
		panic("boom in Update")
	case string:
		return panicky{n: p.n + 1}, tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { panic("boom in a command") })
	}
	return panicky{n: p.n + 1}, nil
}
func (p panicky) View() tea.View {
	if p.n > 5 {
		panic("boom in View")
	}
	return tea.NewView("ok")
}

// TestGuardedKeepsTheModelFromBeforeAPanic: the model that panicked in
// Update is replaced by the one before it (its drafts are intact) and the
// program quits.
func TestGuardedKeepsTheModelFromBeforeAPanic(t *testing.T) {
	crash := &crashLog{}
	g := guarded{inner: panicky{}, crash: crash}
	next, _ := g.Update(1)
	next, cmd := next.Update(boom{})
	if got := next.(guarded).inner.(panicky).n; got != 1 {
		t.Fatalf("model after the panic has n=%d, want the previous model (1)", got)
	}
	if cmd == nil {
		t.Fatal("no command after the panic")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("the program does not quit after a panic in Update")
	}
	if v, stack, ok := crash.crashed(); !ok || v != "boom in Update" || !strings.Contains(string(stack), "panicky") {
		t.Fatalf("crash = %v, %v", v, ok)
	}
}

// TestGuardedCatchesCommandAndViewPanics: a panic in a command of a batch
// and in View is recorded and asks the program to stop.
func TestGuardedCatchesCommandAndViewPanics(t *testing.T) {
	crash := &crashLog{}
	stopped := 0
	crash.setStop(func() { stopped++ })
	g := guarded{inner: panicky{}, crash: crash}
	_, cmd := g.Update("batch")
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatal("the batch was not passed on")
	}
	if _, ok := batch[1]().(crashedMsg); !ok {
		t.Fatal("a panicking command of a batch did not report the crash")
	}
	if v, _, _ := crash.crashed(); v != "boom in a command" || stopped != 1 {
		t.Fatalf("crash = %v, stop called %d times", v, stopped)
	}
	_ = guarded{inner: panicky{n: 9}, crash: crash}.View()
	if stopped != 2 {
		t.Fatal("a panic in View did not stop the program")
	}
	if _, cmd := g.Update(crashedMsg{}); cmd == nil {
		t.Fatal("crashedMsg does not quit")
	}
}

// TestCrashReportHasNoSecret: the report names the panic and its stack but
// never the key, nor any control character.
func TestCrashReportHasNoSecret(t *testing.T) {
	const key = "SeCrEt-key-4242"
	now := time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)
	r := crashReport("dial wss://x/?network_api_key="+key+" failed \x1b]52;c;eA==\x07", []byte("goroutine 1 [running]:\nmain.f()\n"), key, now)
	if strings.Contains(r, key) || strings.ContainsRune(r, 0x1b) {
		t.Fatalf("report leaks the key or a control: %q", r)
	}
	for _, want := range []string{"panic: dial", "main.f()", versionString()} {
		if !strings.Contains(r, want) {
			t.Fatalf("report lacks %q:\n%s", want, r)
		}
	}
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	path, err := writeCrashReport(r, now)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || filepath.Dir(filepath.Dir(path)) != os.Getenv("XDG_STATE_HOME") {
		t.Fatalf("report at %s: %v %v", path, fi, err)
	}
}

// TestDraftFileKeepsTheNewest: saves run concurrently; an older snapshot
// arriving late does not overwrite a newer one.
func TestDraftFileKeepsTheNewest(t *testing.T) {
	f := &draftFile{path: filepath.Join(t.TempDir(), "d.json")}
	if err := f.save(2, map[string]string{"t": "newer"}); err != nil {
		t.Fatal(err)
	}
	if err := f.save(1, map[string]string{"t": "older"}); err != nil {
		t.Fatal(err)
	}
	d, err := loadDrafts(f.path)
	if err != nil || d["t"] != "newer" {
		t.Fatalf("drafts = %v, %v; want the newer snapshot", d, err)
	}
	if err := f.final(map[string]string{"t": "at exit"}); err != nil {
		t.Fatal(err)
	}
	if d, _ := loadDrafts(f.path); d["t"] != "at exit" {
		t.Fatalf("final drafts = %v", d)
	}
}
