package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"aui-tui/api/demo"
	"aui-tui/internal/search/searchbench"
)

func TestSearchCommand(t *testing.T) {
	b := demoMode(t)
	// Nothing cached yet: no hits, and the fetch is offered once the task
	// list is known.
	out, errOut, err := runCmd(t, b.cmd("search", "microwave")...)
	if err != nil || out != "" || !strings.Contains(errOut, "No message in the 0 cached transcripts matches.") {
		t.Fatalf("before any fetch: out %q, stderr %q, err %v", out, errOut, err)
	}
	if dir, _ := cacheDir(); fileExists(filepath.Join(dir, "cache-*.db")) {
		t.Fatal("searching created a cache file")
	}

	out, errOut, err = runCmd(t, b.cmd("search", "--fetch", "--json", "--limit", "3", `"built-in microwave"`)...)
	if err != nil {
		t.Fatalf("search --fetch: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "fetched 1/") || strings.Contains(errOut, "not cached yet") {
		t.Fatalf("progress on stderr: %q", errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("--limit 3 printed %d lines:\n%s", len(lines), out)
	}
	var prev string
	for _, l := range lines {
		var h map[string]string
		if err := json.Unmarshal([]byte(l), &h); err != nil {
			t.Fatalf("not one JSON object per line: %q: %v", l, err)
		}
		for _, k := range []string{"task_id", "title", "message_id", "created_at", "sender", "snippet"} {
			if _, ok := h[k]; !ok {
				t.Fatalf("hit %q lacks %s", l, k)
			}
		}
		if !strings.Contains(strings.ToLower(h["snippet"]+h["title"]), "built-in microwave") {
			t.Fatalf("hit without the phrase: %q", l)
		}
		if prev != "" && h["created_at"] > prev {
			t.Fatalf("not newest first: %s after %s", h["created_at"], prev)
		}
		prev = h["created_at"]
	}

	// Offline from here on: the index alone answers, in text.
	out = mustRun(t, b.cmd("search", "MICROWAVE", "--limit", "2")...)
	if n := strings.Count(out, "\n"); n != 2 || !strings.Contains(strings.ToLower(out), "microwave") {
		t.Fatalf("text output (%d lines):\n%s", n, out)
	}

	if _, _, err := runCmd(t, b.cmd("search", `""`)...); err == nil || !strings.Contains(err.Error(), "search needs a QUERY") {
		t.Fatalf("an empty query: %v", err)
	}

	// A running aui-tui holds the cache: --fetch says so, searching works.
	held, notice := openCache("demo", demo.DefaultUserID)
	if held == nil {
		t.Fatal(notice)
	}
	defer held.Close()
	if _, _, err := runCmd(t, b.cmd("search", "--fetch", "microwave")...); err == nil || !strings.Contains(err.Error(), "a running aui-tui holds") {
		t.Fatalf("--fetch with the cache held: %v", err)
	}
	if out := mustRun(t, b.cmd("search", "microwave", "--limit", "1")...); !strings.Contains(strings.ToLower(out), "microwave") {
		t.Fatalf("search with the cache held: %q", out)
	}
}

// TestSearchFetchReindexesOlderFormat checks that --fetch brings index
// files of an older format up to date even when the transcripts it fetches
// are unchanged, so they are searched again.
func TestSearchFetchReindexesOlderFormat(t *testing.T) {
	b := demoMode(t)
	if _, errOut, err := runCmd(t, b.cmd("search", "--fetch", "microwave")...); err != nil {
		t.Fatalf("search --fetch: %v\n%s", err, errOut)
	}
	dir, err := cacheDir()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(searchIndexDir(dir, "demo", demo.DefaultUserID), "*.idx"))
	if len(files) == 0 {
		t.Fatal("no index files written")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		copy(b, "AUISRCH2") // the format before this one
		if err := os.WriteFile(f, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, errOut, _ := runCmd(t, b.cmd("search", "microwave")...); !strings.Contains(errOut, "No message in the 0 cached transcripts matches.") {
		t.Fatalf("older files were searched: %q", errOut)
	}
	out, errOut, err := runCmd(t, b.cmd("search", "--fetch", "--limit", "2", "microwave")...)
	if err != nil || strings.Count(out, "\n") != 2 {
		t.Fatalf("search --fetch after a format change: %v\n%s%s", err, out, errOut)
	}
}

// BenchmarkSearchCommand100k runs `aui-tui search` as a whole process
// against an index of 100,000 messages (50 transcripts of 2,000), for the
// first screen of hits: a common word, two words, a word found in 20
// messages only, and a word found nowhere.
func BenchmarkSearchCommand100k(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "aui-tui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "state")
	b.Setenv("XDG_STATE_HOME", state)
	b.Setenv(envKey, "")
	ix, err := searchIndex("demo", demo.DefaultUserID)
	if err != nil {
		b.Fatal(err)
	}
	if err := searchbench.Build(ixDir(b, state), 50, 2000); err != nil {
		b.Fatal(err)
	}
	if ix.Count() != 50 {
		b.Fatalf("%d transcripts indexed", ix.Count())
	}
	for _, q := range []string{"microwave", "quiet nordvik", "zephyrine", "nowhere-to-be-found"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(bin, "search", "--demo", "--limit", "30", q)
				cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+state)
				var stderr strings.Builder
				cmd.Stderr = &stderr
				out, err := cmd.Output()
				found := strings.Count(string(out), "\n") >= 20
				none := len(out) == 0 && strings.Contains(stderr.String(), "No message in the 50 cached transcripts matches.")
				if err != nil || (q == "nowhere-to-be-found") != none || (!none && !found) {
					b.Fatalf("search %s: %v\n%s%s", q, err, out, stderr.String())
				}
			}
		})
	}
}

// ixDir is the demo user's index folder under state.
func ixDir(b *testing.B, state string) string {
	b.Helper()
	dir, err := cacheDir()
	if err != nil || !strings.HasPrefix(dir, state) {
		b.Fatalf("cache folder %q, %v", dir, err)
	}
	return searchIndexDir(dir, "demo", demo.DefaultUserID)
}

// fileExists reports whether a file matches pattern.
func fileExists(pattern string) bool {
	m, _ := filepath.Glob(pattern)
	return len(m) > 0
}
