package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/script"
)

// playScript runs a script against a fresh demo backend in a program with
// no terminal, pressing q once the script has ended, and returns the
// autopilot and a client of the same backend.
func playScript(t *testing.T, src string) (*autopilot, *api.Client, error) {
	t.Helper()
	isolate(t)
	steps, err := script.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	srv, err := demo.New(demo.Options{StorePath: filepath.Join(t.TempDir(), "demo.db"), Seed: true, Pace: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	client, err := newClient(hs.URL, demo.DefaultKey, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	ap := &autopilot{steps: steps, pace: time.Millisecond, uiLimit: 2 * time.Second}
	h := ap.hooks()
	h.options = headless(100, 30)
	h.replay = true
	run := h.start
	h.start = func(ctx context.Context, p *tea.Program) {
		run(ctx, p)
		p.Quit()
	}
	err = runUI(&conn{client: client, demo: true, userID: demo.DefaultUserID, close: func() {}}, testUIConfig(demo.DefaultUserID), h)
	return ap, client, err
}

// texts is every message of the user's newest task, in order.
func texts(t *testing.T, c *api.Client) []string {
	t.Helper()
	page, err := c.ListTasks(context.Background(), demo.DefaultUserID, 1, 1)
	if err != nil || len(page.Tasks) == 0 {
		t.Fatalf("list: %v %v", page, err)
	}
	msgs, err := c.TaskMessages(context.Background(), page.Tasks[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

func TestPlayTypesTheScriptIntoTheComposer(t *testing.T) {
	ap, client, err := playScript(t, `new
I need a washing machine for a family of 5, under $800
which one is the quietest?
pick 2
wait reply
`)
	if err != nil {
		t.Fatal(err)
	}
	if err := ap.failure(); err != nil {
		t.Fatal(err)
	}
	got := texts(t, client)
	if len(got) != 6 {
		t.Fatalf("the task holds %d messages, want 3 turns: %q", len(got), got)
	}
	if got[0] != "I need a washing machine for a family of 5, under $800" || got[2] != "which one is the quietest?" ||
		got[4] != "What's the warranty on it?" {
		t.Errorf("sent %q, %q, %q; want the two typed lines and the second suggestion", got[0], got[2], got[4])
	}
	if !strings.Contains(got[3], "quietest of these") || !strings.Contains(got[5], "warranty") {
		t.Errorf("replies %q / %q do not answer the questions", got[3], got[5])
	}
}

func TestPlayReportsAScriptThatCannotGoOn(t *testing.T) {
	ap, _, err := playScript(t, "open \"No such task anywhere\"\nhello\n")
	if err != nil {
		t.Fatal(err)
	}
	if f := ap.failure(); f == nil || !strings.Contains(f.Error(), "line 1") || !strings.Contains(f.Error(), "No such task anywhere") {
		t.Errorf("failure %v, want one naming line 1 and the title", f)
	}
}

func TestPlayRefusesABadScriptBeforeStarting(t *testing.T) {
	isolate(t)
	path := filepath.Join(t.TempDir(), "demo.txt")
	if err := os.WriteFile(path, []byte("new\nhello\npause soon\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCmd(t, "play", path, "--demo")
	if err == nil || !strings.Contains(err.Error(), "demo.txt line 3: pause takes a duration") {
		t.Fatalf("error %v, want the file and line named", err)
	}
	if _, serr := os.Stat(filepath.Join(os.Getenv("XDG_STATE_HOME"), "aui-tui", "demo.db")); serr == nil {
		t.Errorf("the demo backend started although the script was refused")
	}
}
