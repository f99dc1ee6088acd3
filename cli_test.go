package main

import (
	"context"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"aui-tui/api/demo"
)

// complete asks the command line for completions, as a shell's TAB does,
// and returns the offered words (descriptions cut off).
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	out := mustRun(t, append([]string{"__complete"}, args...)...)
	var words []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, ":") || l == "" {
			continue // the directive line
		}
		w, _, _ := strings.Cut(l, "\t")
		words = append(words, w)
	}
	return words
}

func TestFlagValueCompletions(t *testing.T) {
	isolate(t)
	writeConfig(t, "[profiles.prod]\nregion = \"gcp\"\n[profiles.staging]\nregion = \"azure\"\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--theme", ""}, "auto dark light"},
		{[]string{"tasks", "--region", ""}, "gcp azure"},
		{[]string{"transcript", "--format", ""}, "markdown json text ansi"},
		{[]string{"transcript", "x", "--theme", ""}, "dark light"},
		{[]string{"--profile", ""}, "prod staging"},
		{[]string{"tasks", "--profile", "st"}, "prod staging"},
	}
	for _, tt := range tests {
		if got := strings.Join(complete(t, tt.args...), " "); got != tt.want {
			t.Errorf("complete %v = %q, want %q", tt.args, got, tt.want)
		}
	}
}

func TestTaskIDCompletionOffersTheFirstPage(t *testing.T) {
	b := serverMode(t)
	page, err := b.client.ListTasks(t.Context(), demo.DefaultUserID, 1, completionTasks)
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"transcript"}, b.args...)
	got := complete(t, append(args, "")...)
	if len(got) != len(page.Tasks) || got[0] != page.Tasks[0].ID {
		t.Fatalf("completion offered %d ids starting %v, want the %d of the first page", len(got), got[:min(1, len(got))], len(page.Tasks))
	}
	prefix := page.Tasks[0].ID[:10]
	for _, id := range complete(t, append(args, prefix)...) {
		if !strings.HasPrefix(id, prefix) {
			t.Errorf("completion of %q offered %q", prefix, id)
		}
	}
	// Only one TASK_ID: nothing after it, and never local files.
	out := mustRun(t, append([]string{"__complete"}, append(args, page.Tasks[0].ID, "")...)...)
	if !strings.Contains(out, ":4") { // ShellCompDirectiveNoFileComp
		t.Errorf("second argument completion = %q", out)
	}
}

func TestManPage(t *testing.T) {
	isolate(t)
	out := mustRun(t, "man")
	for _, want := range []string{".TH AUI-TUI 1", "transcript", "--profile", "--debug"} {
		if !strings.Contains(out, want) {
			t.Errorf("man page lacks %q", want)
		}
	}
}

// runFang runs the command line through fang, as main does.
func runFang(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	return runRoot(t, func(cmd *cobra.Command) error {
		return fang.Execute(context.Background(), cmd, cliOptions()...)
	}, args...)
}

func TestStyledHelpVersionAndPlainErrorsInAPipe(t *testing.T) {
	isolate(t)
	out, _, err := runFang(t, "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"USAGE", "COMMANDS", "FLAGS", "The REST base URL", "The AUI deployment"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"Rest base", "Aui deployment", "--Theme"} {
		if strings.Contains(out, bad) {
			t.Errorf("help reads %q:\n%s", bad, out)
		}
	}
	out, _, err = runFang(t, "--version")
	if err != nil || !strings.Contains(out, versionString()) {
		t.Errorf("--version = %q, %v; want %q", out, err, versionString())
	}
	_, errOut, err := runFang(t, "--theme", "pink")
	if err == nil || errOut != "aui-tui: "+err.Error()+"\n" {
		t.Errorf("error output into a pipe = %q", errOut)
	}
}
