package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"aui-tui/internal/hostile"
)

// hostileServer serves tasks and a transcript whose every
// server-controlled field holds the corpus.
func hostileServer(t *testing.T, corpus []string, big string) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/external/tasks", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, hostile.TaskPageJSON(corpus))
	})
	mux.HandleFunc("GET /api/v1/external/tasks/{id}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, hostile.TaskJSON(corpus, 0))
	})
	mux.HandleFunc("GET /api/v1/external/tasks/{id}/messages", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, hostile.MessagesJSON(corpus, big))
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	return hs
}

// TestHostileCorpusThroughTheCLI: every output format of every command,
// to stdout and to files, holds no control sequence the program did not
// write, whatever the server put in any field.
func TestHostileCorpusThroughTheCLI(t *testing.T) {
	isolate(t)
	big := ""
	if !testing.Short() {
		big = hostile.Big()
	}
	hs := hostileServer(t, hostile.Corpus(), big)
	t.Setenv(envKey, "hostile-key")
	conn := []string{"--base-url", hs.URL, "--user", "u1"}
	dir := t.TempDir()
	runs := []struct {
		args []string
		file string
		sgr  bool
	}{
		{args: []string{"tasks"}},
		{args: []string{"tasks", "--json"}},
		{args: []string{"transcript", "hostile-task"}},
		{args: []string{"transcript", "hostile-task", "--format", "markdown"}},
		{args: []string{"transcript", "hostile-task", "--format", "text"}},
		{args: []string{"transcript", "hostile-task", "--format", "json"}},
		{args: []string{"transcript", "hostile-task", "--format", "ansi"}, sgr: true},
		{args: []string{"transcript", "hostile-task", "-o", filepath.Join(dir, "t.json")}, file: "t.json"},
		{args: []string{"transcript", "hostile-task", "-o", filepath.Join(dir, "t.md")}, file: "t.md"},
		{args: []string{"transcript", "hostile-task", "-o", filepath.Join(dir, "t.txt")}, file: "t.txt"},
	}
	for _, run := range runs {
		out, errOut, err := runCmd(t, append(run.args, conn...)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", run.args, err, errOut)
		}
		if run.file != "" {
			b, err := os.ReadFile(filepath.Join(dir, run.file))
			if err != nil {
				t.Fatal(err)
			}
			out = string(b)
		}
		if err := hostile.Check(out, run.sgr); err != nil {
			t.Errorf("%v: %v", run.args, err)
		}
		if err := hostile.Check(errOut, false); err != nil {
			t.Errorf("%v stderr: %v", run.args, err)
		}
	}
}
