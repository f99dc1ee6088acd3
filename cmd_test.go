package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/config"
)

// wrongKey looks like a real key so that a leak would be easy to spot.
const wrongKey = "API_KEY_WRONG_01K92N5BD5M7239VRK7YTK4Y6N"

// runCmd runs the command line in-process, as main does, and returns what
// it wrote to standard output and standard error.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runRoot(t, func(cmd *cobra.Command) error { return cmd.ExecuteContext(t.Context()) }, args...)
}

// runRoot builds the command line, captures its output and runs it with
// execute.
func runRoot(t *testing.T, execute func(*cobra.Command) error, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := newRootCmd()
	var out, errOut bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	cmd.SetArgs(args)
	err = execute(cmd)
	return out.String(), errOut.String(), err
}

// mustRun is runCmd for a command that has to succeed.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := runCmd(t, args...)
	if err != nil {
		t.Fatalf("aui-tui %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// isolate points every path the program reads or writes at fresh
// temporary folders and clears the variables that choose the mode, so no
// real home directory, key or user is involved.
func isolate(t *testing.T) {
	t.Helper()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv(envKey, "")
	t.Setenv(envUser, "")
	t.Setenv(envProfile, "")
	t.Setenv(envBaseURL, "")
	t.Setenv(envRegion, "")
	t.Setenv(config.EnvPath, "")
	t.Setenv("NO_COLOR", "")
}

// backend is the API the commands talk to in one mode, and a client that
// reads the same data directly, to check the commands against.
type backend struct {
	args   []string // connection flags to pass to a command
	client *api.Client
}

// demoMode uses the embedded demo backend: no key set.
func demoMode(t *testing.T) backend {
	t.Helper()
	isolate(t)
	return backend{args: []string{"--demo-pace", "0"}}
}

// serveDemo serves a demo store over HTTP and returns a client for it and
// a function that stops the server and releases the store.
func serveDemo(t *testing.T, store string) (*api.Client, func()) {
	t.Helper()
	srv, err := demo.New(demo.Options{StorePath: store, Seed: true})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	stop := func() {
		hs.Close()
		srv.Close()
	}
	c, err := api.New(api.WithBaseURL(hs.URL), api.WithAPIKey(demo.DefaultKey))
	if err != nil {
		stop()
		t.Fatal(err)
	}
	return c, stop
}

// serverMode uses a demo server started by the test, reached with
// --base-url and the key in the environment, like a live AUI deployment.
func serverMode(t *testing.T) backend {
	t.Helper()
	isolate(t)
	c, stop := serveDemo(t, filepath.Join(t.TempDir(), "demo.db"))
	t.Cleanup(stop)
	t.Setenv(envKey, demo.DefaultKey)
	return backend{args: []string{"--base-url", c.BaseURL(), "--user", demo.DefaultUserID}, client: c}
}

var modes = []struct {
	name  string
	setup func(t *testing.T) backend
}{
	{"demo mode", demoMode},
	{"demo server", serverMode},
}

// messages is the task's transcript as the API returns it, to compare a
// command's output with. In demo mode it opens the store the commands use
// (they have released it by then) and closes it again before returning.
func (b backend) messages(t *testing.T, taskID string) []api.Message {
	t.Helper()
	c := b.client
	if c == nil {
		path, err := demo.DefaultStorePath()
		if err != nil {
			t.Fatal(err)
		}
		var stop func()
		c, stop = serveDemo(t, path)
		defer stop()
	}
	msgs, err := c.TaskMessages(context.Background(), taskID)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func (b backend) cmd(args ...string) []string {
	return append(args, b.args...)
}

func decodeTaskPage(t *testing.T, out string) api.TaskPage {
	t.Helper()
	var p api.TaskPage
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("tasks --json is not a task page: %v\n%s", err, out)
	}
	return p
}

func TestTasksCommand(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			b := mode.setup(t)

			p1 := decodeTaskPage(t, mustRun(t, b.cmd("tasks", "--json")...))
			if p1.Total < 25 || p1.Page != 1 || p1.Size != 10 || len(p1.Tasks) != 10 {
				t.Fatalf("page 1: total %d, page %d, size %d, %d tasks", p1.Total, p1.Page, p1.Size, len(p1.Tasks))
			}
			for _, task := range p1.Tasks {
				if task.ID == "" || task.Title == "" || task.UserID != demo.DefaultUserID {
					t.Errorf("task %+v", task)
				}
			}

			p2 := decodeTaskPage(t, mustRun(t, b.cmd("tasks", "--json", "--page", "2")...))
			if p2.Page != 2 || len(p2.Tasks) != 10 || p2.Total != p1.Total {
				t.Errorf("page 2: page %d, %d tasks, total %d", p2.Page, len(p2.Tasks), p2.Total)
			}
			onPage1 := map[string]bool{}
			for _, task := range p1.Tasks {
				onPage1[task.ID] = true
			}
			for _, task := range p2.Tasks {
				if onPage1[task.ID] {
					t.Errorf("task %s is on pages 1 and 2", task.ID)
				}
			}

			// The table shows the same tasks, one a line, under a header.
			table, notes, err := runCmd(t, b.cmd("tasks")...)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimRight(table, "\n"), "\n")
			if len(lines) != 11 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "CREATED") || !strings.Contains(lines[0], "TITLE") {
				t.Fatalf("table:\n%s", table)
			}
			for i, task := range p1.Tasks {
				// Tasks of the same title are told apart by their date.
				c, ok := task.Created()
				if f := strings.Fields(lines[i+1]); !ok || len(f) < 4 || f[0] != task.ID || f[1]+" "+f[2] != c.Local().Format("2006-01-02 15:04") || !strings.Contains(lines[i+1], task.Title) {
					t.Errorf("row %d %q, want %s, its date and %s", i+1, lines[i+1], task.ID, task.Title)
				}
			}
			pages := (p1.Total + 9) / 10
			// Into a pipe the footer goes to stderr: stdout is the rows alone.
			if want := "page 1 of " + itoa(pages) + " · " + itoa(p1.Total) + " tasks\n"; notes != want {
				t.Errorf("footer %q, want %q", notes, want)
			}
			table2, notes2, _ := runCmd(t, b.cmd("tasks", "--page", "2", "--size", "5")...)
			if !strings.Contains(table2, p1.Tasks[5].ID) || !strings.Contains(notes2, "page 2 of ") {
				t.Errorf("page 2 of 5:\n%s%s", table2, notes2)
			}

			// A page past the end says so rather than printing a bare header.
			past, pastNotes, _ := runCmd(t, b.cmd("tasks", "--page", "99")...)
			if past != "" || !strings.HasPrefix(pastNotes, "page 99 is empty: ") {
				t.Errorf("page 99: stdout %q, stderr %q", past, pastNotes)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// firstTask is the id of a task with a conversation in it.
func firstTask(t *testing.T, b backend) string {
	t.Helper()
	p := decodeTaskPage(t, mustRun(t, b.cmd("tasks", "--json", "--size", "1")...))
	if len(p.Tasks) == 0 {
		t.Fatal("no tasks")
	}
	return p.Tasks[0].ID
}

func TestTranscriptCommand(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			b := mode.setup(t)
			id := firstTask(t, b)

			// Into a pipe or buffer the default is Markdown, with no escapes.
			md := mustRun(t, b.cmd("transcript", id)...)
			if !strings.HasPrefix(md, "# ") || !strings.Contains(md, "Task `"+id+"`") ||
				!strings.Contains(md, "\n## you") || !strings.Contains(md, "\n## agent") || strings.Contains(md, "\x1b") {
				t.Errorf("default output is not the markdown transcript:\n%s", md)
			}

			// json decodes to exactly the messages the API returns.
			raw := mustRun(t, b.cmd("transcript", id, "--format", "json")...)
			var got []api.Message
			if err := json.Unmarshal([]byte(raw), &got); err != nil {
				t.Fatalf("--format json does not decode: %v\n%s", err, raw)
			}
			want := b.messages(t, id)
			if len(got) == 0 || len(got) != len(want) {
				t.Fatalf("json has %d messages, the API %d", len(got), len(want))
			}
			for i := range want {
				if got[i].ID != want[i].ID || got[i].Text != want[i].Text {
					t.Errorf("message %d: %s %q, want %s %q", i, got[i].ID, got[i].Text, want[i].ID, want[i].Text)
				}
			}
			if n := strings.Count(md, "\n## you") + strings.Count(md, "\n## agent ·"); n != len(want) {
				t.Errorf("markdown has %d turns, the API %d messages", n, len(want))
			}

			text := mustRun(t, b.cmd("transcript", id, "--format", "text")...)
			if !strings.Contains(text, "you [") || !strings.Contains(text, want[0].Text) ||
				strings.Contains(text, "## ") || strings.Contains(text, "\x1b") {
				t.Errorf("text output:\n%s", text)
			}

			t.Setenv("TERM", "xterm-256color")
			t.Setenv("COLORTERM", "truecolor")
			out := mustRun(t, b.cmd("transcript", id, "--format", "ansi", "--width", "80")...)
			if !strings.Contains(out, "\x1b[") {
				t.Error("ansi output has no escape sequences")
			}
			for i, line := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("ansi line %d is %d cells wide: %q", i+1, w, ansi.Strip(line))
				}
			}
			if plain := ansi.Strip(out); !strings.Contains(plain, "you") || !strings.Contains(plain, "agent") {
				t.Errorf("ansi output lacks the turns:\n%s", plain)
			}

			// --output writes the same document to a file and nothing to stdout.
			file := filepath.Join(t.TempDir(), "t.md")
			if stdout := mustRun(t, b.cmd("transcript", id, "--output", file)...); stdout != "" {
				t.Errorf("stdout with --output: %q", stdout)
			}
			saved, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if string(saved) != md {
				t.Errorf("file differs from stdout:\n%s", saved)
			}
			jsonFile := filepath.Join(t.TempDir(), "t.json")
			mustRun(t, b.cmd("transcript", id, "-o", jsonFile, "--format", "json")...)
			if saved, _ := os.ReadFile(jsonFile); string(saved) != raw {
				t.Errorf("json file differs from stdout")
			}
			// Without --format, the file's extension picks it.
			byExt := filepath.Join(t.TempDir(), "by-ext.json")
			mustRun(t, b.cmd("transcript", id, "-o", byExt)...)
			if saved, _ := os.ReadFile(byExt); string(saved) != raw {
				t.Errorf("-o by-ext.json did not write JSON:\n%.200s", saved)
			}
		})
	}
}

// oneLine checks that an error reads as a single line naming want.
func oneLine(t *testing.T, err error, want ...string) string {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one mentioning %q", want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.Contains(msg, "{") {
		t.Errorf("error is not one plain line: %q", msg)
	}
	for _, w := range want {
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
			t.Errorf("error %q does not mention %q", msg, w)
		}
	}
	return msg
}

func TestTranscriptCommandErrors(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			b := mode.setup(t)
			for _, id := range []string{"no-such-task", "000000000000000000000000"} {
				out, _, err := runCmd(t, b.cmd("transcript", id)...)
				oneLine(t, err, "not found", id)
				if out != "" {
					t.Errorf("output for a missing task: %q", out)
				}
			}

			// A bad format is refused before anything is fetched or written.
			file := filepath.Join(t.TempDir(), "t.xml")
			_, _, err := runCmd(t, b.cmd("transcript", "whatever", "--format", "xml", "-o", file)...)
			oneLine(t, err, "--format", "markdown, json, text, ansi", `"xml"`)
			if _, err := os.Stat(file); !os.IsNotExist(err) {
				t.Errorf("a file was created for a refused command: %v", err)
			}
			_, _, err = runCmd(t, b.cmd("transcript", "whatever", "--theme", "blue")...)
			oneLine(t, err, "--theme")

			// A failed fetch leaves no file behind.
			_, _, err = runCmd(t, b.cmd("transcript", "no-such-task", "-o", file)...)
			oneLine(t, err, "not found")
			if _, err := os.Stat(file); !os.IsNotExist(err) {
				t.Errorf("a file was left by a failed command: %v", err)
			}

			_, _, err = runCmd(t, b.cmd("transcript")...)
			oneLine(t, err, "TASK_ID")
		})
	}
}

func TestWrongKeyIsReportedNotPrinted(t *testing.T) {
	b := serverMode(t)
	t.Setenv(envKey, wrongKey)
	for _, args := range [][]string{{"tasks"}, {"tasks", "--json"}, {"transcript", "000000000000000000000000"}} {
		out, errOut, err := runCmd(t, b.cmd(args...)...)
		msg := oneLine(t, err, "key was rejected", envKey)
		for _, s := range []string{msg, out, errOut} {
			if strings.Contains(s, wrongKey) || strings.Contains(s, wrongKey[8:]) {
				t.Errorf("%v printed the key: %q", args, s)
			}
		}
	}
}

func TestKeyFile(t *testing.T) {
	b := serverMode(t)
	t.Setenv(envKey, "")
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "aui-tui")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "key")
	if err := os.WriteFile(keyFile, []byte(demo.DefaultKey+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(keyFile, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}

	// Readable by others: refused, with the fix, and the key not shown.
	_, _, err := runCmd(t, b.cmd("tasks")...)
	msg := oneLine(t, err, keyFile, "readable by others", "chmod 600 "+keyFile)
	if strings.Contains(msg, demo.DefaultKey) {
		t.Errorf("the error shows the key: %q", msg)
	}
	// --demo does not need the key, so the file is not in its way.
	if _, _, err := runCmd(t, "tasks", "--demo", "--demo-pace", "0"); err != nil {
		t.Errorf("--demo with a loose key file: %v", err)
	}

	if err := os.Chmod(keyFile, 0o600); err != nil {
		t.Fatal(err)
	}
	p := decodeTaskPage(t, mustRun(t, b.cmd("tasks", "--json")...))
	if p.Total < 25 {
		t.Errorf("with the key from the file: %+v", p)
	}

	// Naming a server without any key is a mistake, not demo mode.
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCmd(t, b.cmd("tasks")...)
	oneLine(t, err, "no API key", envKey)
}

// TestKeyFileFIFOIsRefused: a FIFO at the key path used to hang the start
// in the read; it is refused as not a regular file.
func TestKeyFileFIFOIsRefused(t *testing.T) {
	b := serverMode(t)
	t.Setenv(envKey, "")
	dir := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "aui-tui")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(dir, "key")
	if err := syscall.Mkfifo(keyFile, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	_, _, err := runCmd(t, b.cmd("tasks")...) // hung here before
	oneLine(t, err, keyFile, "not a regular file")
}

func TestFlagErrors(t *testing.T) {
	isolate(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"tasks", "--page", "0"}, []string{"--page"}},
		{[]string{"tasks", "--size", "500"}, []string{"--size", "100"}},
		{[]string{"tasks", "--timeout", "0"}, []string{"--timeout"}},
		{[]string{"tasks", "--demo-pace", "-1s"}, []string{"demo-pace", "negative"}},
		{[]string{"tasks", "--bogus"}, []string{"unknown flag: --bogus", "aui-tui tasks --help"}},
		{[]string{"tasks", "--region", "mars", "--user", "u"}, []string{"mars", "gcp or azure"}},
		{[]string{"demo-server", "--base-url", "http://x"}, []string{"unknown flag: --base-url"}},
		{[]string{"demo-server", "--varied"}, []string{"--varied needs --long N"}},
		{[]string{"--theme", "pink"}, []string{"--theme"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, _, err := runCmd(t, tt.args...)
			oneLine(t, err, tt.want...)
		})
	}
}

// TestFlagValuesAreCheckedInEveryMode gives each command a bad flag value
// in demo mode (forced, and by having no key) and against a server, and
// wants the same refusal in all three, before anything connects.
func TestFlagValuesAreCheckedInEveryMode(t *testing.T) {
	isolate(t)
	modes := map[string][]string{
		"--demo": {"--demo", "--demo-pace", "0"},
		"no key": {"--demo-pace", "0"},
		// Nothing listens on port 9: a refusal that came from connecting
		// would say so instead.
		"server": {"--user", "u", "--base-url", "http://127.0.0.1:9"},
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"tasks", "--region", "mars"}, `--region: unknown region "mars": use gcp or azure`},
		{[]string{"transcript", "t1", "--region", "mars"}, `--region: unknown region "mars": use gcp or azure`},
		{[]string{"--region", "mars"}, `--region: unknown region "mars": use gcp or azure`},
		{[]string{"tasks", "--timeout", "-1s"}, "--timeout must be more than 0"},
		{[]string{"tasks", "--size", "0"}, "--size must be between 1 and 100"},
		{[]string{"tasks", "--page", "0"}, "--page must be 1 or more"},
		{[]string{"transcript", "t1", "--format", "pdf"}, `--format must be`},
		{[]string{"transcript", "t1", "--theme", "pink"}, `--theme must be dark or light, not "pink"`},
		{[]string{"--theme", "pink"}, `--theme must be auto, dark or light, not "pink"`},
		{[]string{"--page-size", "0"}, "--page-size must be between 1 and 100"},
		{[]string{"--reply-timeout", "-1s"}, "--reply-timeout must not be negative"},
	}
	for name, mode := range modes {
		for _, b := range bad {
			t.Run(name+" "+strings.Join(b.args, " "), func(t *testing.T) {
				if name == "server" {
					t.Setenv(envKey, wrongKey)
				}
				args := append(append([]string{}, b.args...), mode...)
				_, _, err := runCmd(t, args...)
				oneLine(t, err, b.want)
			})
		}
	}
	t.Run("a base URL that is not one", func(t *testing.T) {
		for _, mode := range [][]string{{"--demo"}, {"--user", "u"}} {
			_, _, err := runCmd(t, append([]string{"tasks", "--base-url", "ftp://example.com"}, mode...)...)
			oneLine(t, err, "--base-url", "https:// or http://")
		}
	})
}

// TestDemoStoreInUseSaysWhatToDo holds the demo store as a running UI
// does and wants the commands that need it to say how to share the demo.
func TestDemoStoreInUseSaysWhatToDo(t *testing.T) {
	isolate(t)
	path, err := demo.DefaultStorePath()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := demo.New(demo.Options{StorePath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, args := range [][]string{{"tasks"}, {"transcript", "t1", "--demo"}} {
		_, _, err := runCmd(t, args...)
		oneLine(t, err, "the demo store "+path+" is in use by another aui-tui", `run "aui-tui demo-server"`,
			envKey+"="+demo.DefaultKey, "--base-url http://127.0.0.1:8080 --user "+demo.DefaultUserID, "XDG_STATE_HOME")
	}
	_, _, err = runCmd(t, "demo-server", "--addr", "127.0.0.1:0")
	oneLine(t, err, "in use by another aui-tui", "--store")
}

func TestHelp(t *testing.T) {
	isolate(t)
	connection := []string{"--base-url", "--region", "--user", "--timeout", "--demo", "--demo-reset", "--demo-long"}
	tests := []struct {
		args    []string
		want    []string
		notWant []string
	}{
		{[]string{"--help"}, append([]string{"tasks", "transcript", "demo-server", "--theme", "--demo-pace", envKey, envUser, "chmod 600"}, connection...), nil},
		{[]string{"tasks", "--help"}, append([]string{"--json", "--page", "--size", envKey}, connection...), []string{"--demo-pace", "--theme"}},
		{[]string{"transcript", "--help"}, append([]string{"TASK_ID", "--format", "--output", "--width", "markdown, json, text or ansi"}, connection...), []string{"--demo-pace"}},
		{[]string{"demo-server", "--help"}, []string{"--addr", "--key", "--store", "--pace", "--reset", "--long", "--varied"}, append([]string{"Global Flags"}, connection...)},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out := mustRun(t, tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("help lacks %q:\n%s", w, out)
				}
			}
			_, flags, _ := strings.Cut(out, "\nFlags:\n")
			for _, w := range tt.notWant {
				if strings.Contains(flags, w+" ") {
					t.Errorf("help shows %q:\n%s", w, out)
				}
			}
			// Defaults read as values a person would type.
			if strings.Contains(out, "-1ns") || strings.Contains(out, "(default -") {
				t.Errorf("help shows a sentinel default:\n%s", out)
			}
		})
	}
}

func TestDemoServerCommand(t *testing.T) {
	isolate(t)
	store := filepath.Join(t.TempDir(), "demo.db")
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	cmd := newRootCmd()
	cmd.SetOut(pw)
	cmd.SetErr(io.Discard)
	cmd.SetArgs([]string{"demo-server", "--addr", "127.0.0.1:0", "--store", store, "--pace", "0"})
	done := make(chan error, 1)
	go func() {
		done <- cmd.ExecuteContext(ctx)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("demo-server printed nothing: %v", <-done)
	}
	base, ok := strings.CutPrefix(lines.Text(), "demo backend on ")
	if !ok {
		t.Fatalf("first line %q", lines.Text())
	}
	printed := make(chan string, 1)
	go func() {
		var rest strings.Builder
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
		printed <- rest.String()
	}()

	t.Setenv(envKey, demo.DefaultKey)
	p := decodeTaskPage(t, mustRun(t, "tasks", "--json", "--base-url", base, "--user", demo.DefaultUserID))
	if p.Total < 25 {
		t.Errorf("tasks from demo-server: %+v", p)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("demo-server after cancel: %v", err)
	}
	if rest := <-printed; !strings.Contains(rest, "key:   "+demo.DefaultKey) || !strings.Contains(rest, "--base-url "+base) {
		t.Errorf("demo-server did not explain how to connect:\n%s", rest)
	}
}

// TestStoreInUseNamesWhatTheCommandTakes: with the demo store held by
// another process, each command says what it can do instead, naming only
// flags it has.
func TestStoreInUseNamesWhatTheCommandTakes(t *testing.T) {
	isolate(t)
	path, err := demo.DefaultStorePath()
	if err != nil {
		t.Fatal(err)
	}
	_, stop := serveDemo(t, path)
	defer stop()
	_, _, err = runCmd(t, "tasks", "--demo")
	if msg := oneLine(t, err, "in use by another aui-tui", "XDG_STATE_HOME"); strings.Contains(msg, "--store") || strings.Contains(msg, "store file") {
		t.Errorf("tasks has no --store flag, yet the error suggests one: %q", msg)
	}
	_, _, err = runCmd(t, "demo-server", "--store", path, "--addr", "127.0.0.1:0")
	oneLine(t, err, "in use by another aui-tui", "--store")
}

// TestTasksAtAWrongAddressNamesBaseURL: a server without the task listing
// (a wrong path) is reported as a wrong --base-url, not a missing item.
func TestTasksAtAWrongAddressNamesBaseURL(t *testing.T) {
	b := serverMode(t)
	t.Setenv(envKey, demo.DefaultKey)
	_, _, err := runCmd(t, "tasks", "--base-url", b.client.BaseURL()+"/nothing-here", "--user", demo.DefaultUserID)
	oneLine(t, err, "--base-url")
}

func TestAnsiTranscriptFollowsTheTerminalsColours(t *testing.T) {
	demoMode(t)
	id := firstTaskID(t)
	tests := []struct {
		name, term, colorterm, noColor string
		want, notWant                  []string
	}{
		{"24-bit terminal", "xterm-256color", "truecolor", "", []string{"38;2;"}, nil},
		{"256 colours", "xterm-256color", "", "", []string{"38;5;"}, []string{"38;2;"}},
		{"dumb terminal", "dumb", "", "", nil, []string{"\x1b"}},
		{"NO_COLOR", "xterm-256color", "truecolor", "1", nil, []string{"38;2;", "38;5;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("TERM", tt.term)
			t.Setenv("COLORTERM", tt.colorterm)
			t.Setenv("NO_COLOR", tt.noColor)
			out := mustRun(t, "transcript", id, "--format", "ansi", "--demo-pace", "0")
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("output has %q", w)
				}
			}
			if !strings.Contains(ansi.Strip(out), "agent") {
				t.Errorf("the text itself is lost:\n%s", out)
			}
		})
	}
}

// firstTaskID is the id of the first task the demo user has.
func firstTaskID(t *testing.T) string {
	t.Helper()
	p := decodeTaskPage(t, mustRun(t, "tasks", "--json", "--size", "1", "--demo-pace", "0"))
	if len(p.Tasks) == 0 {
		t.Fatal("the demo user has no tasks")
	}
	return p.Tasks[0].ID
}
