package config

import (
	"strings"
	"testing"
)

var testActions = []Action{
	{Name: "quit", Keys: []string{"ctrl+c"}},
	{Name: "send", Scope: "composer", Keys: []string{"enter"}},
	{Name: "newline", Scope: "composer", Keys: []string{"alt+enter", "ctrl+j"}},
	{Name: "down", Scope: "tasks", Keys: []string{"j", "down"}},
	{Name: "scroll_down", Scope: "conversation", Keys: []string{"j", "down"}},
}

func TestBindingsRebindAndKeepDefaults(t *testing.T) {
	f, _, err := Parse([]byte("[keys]\nsend = [\"ctrl+s\", \"enter\"]\n"), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, problems := f.Bindings(testActions)
	if len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if strings.Join(got["send"], ",") != "ctrl+s,enter" {
		t.Errorf("send = %v", got["send"])
	}
	if strings.Join(got["newline"], ",") != "alt+enter,ctrl+j" {
		t.Errorf("newline lost its defaults: %v", got["newline"])
	}
}

func TestBindingsReportConflictsAndUnknownActionsWithLines(t *testing.T) {
	doc := `[keys]
send = ["ctrl+j"]
quit = ["q", "ctrl+c"]
sned = ["x"]
down = ["n"]
scroll_down = ["n"]
`
	f, _, err := Parse([]byte(doc), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, problems := f.Bindings(testActions)
	want := map[int]string{
		2: `"ctrl+j" would both send and newline`,
		4: `unknown action "sned" in [keys] (ignored); did you mean "send"?`,
	}
	if len(problems) != len(want) {
		t.Fatalf("problems = %v, want lines 2 and 4 only (keys in different panes do not conflict)", problems)
	}
	for _, p := range problems {
		if !strings.Contains(p.Text, want[p.Line]) || want[p.Line] == "" {
			t.Errorf("line %d: %q, want %q", p.Line, p.Text, want[p.Line])
		}
	}
	if strings.Join(got["send"], ",") != "enter" {
		t.Errorf("a conflicting rebinding was applied: send = %v", got["send"])
	}
	if strings.Join(got["quit"], ",") != "q,ctrl+c" || got["down"][0] != "n" || got["scroll_down"][0] != "n" {
		t.Errorf("valid rebindings lost: %v", got)
	}
}

func TestGlobalActionConflictsWithEveryPane(t *testing.T) {
	f, _, _ := Parse([]byte("[keys]\nquit = [\"j\"]\n"), "c.toml")
	if _, problems := f.Bindings(testActions); len(problems) != 1 || problems[0].Line != 2 {
		t.Fatalf("problems = %v, want one at line 2", problems)
	}
}

func TestModalScopesClashOnlyWithThemselves(t *testing.T) {
	actions := append(testActions,
		Action{Name: "help_close", Scope: "help", Modal: true, Keys: []string{"esc"}},
		Action{Name: "help_down", Scope: "help", Modal: true, Keys: []string{"j"}},
	)
	f, _, _ := Parse([]byte("[keys]\nhelp_close = [\"ctrl+c\"]\nhelp_down = [\"ctrl+c\"]\n"), "c.toml")
	_, problems := f.Bindings(actions)
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Text, "help_close") {
		t.Fatalf("problems = %v, want only help_down clashing with help_close", problems)
	}
}

func TestKeyNamesThatCanNeverMatchAreReported(t *testing.T) {
	tests := map[string]string{
		"ctrl+s":         "",
		"alt+enter":      "",
		"ctrl+shift+up":  "",
		"G":              "",
		"f12":            "",
		"ctrl++":         "",
		"shift+ctrl+a":   "order",
		"ctlr+s":         "not a modifier",
		"ctrl+enterr":    "not a key name",
		"pagedown":       "not a key name",
		"alt+shift+ctrl": "not a key name",
	}
	for k, want := range tests {
		got := checkKey(k)
		if (want == "") != (got == "") || !strings.Contains(got, want) {
			t.Errorf("checkKey(%q) = %q, want %q", k, got, want)
		}
	}
	f, _, _ := Parse([]byte("[keys]\nsend = [\"ctlr+s\", \"enter\"]\n"), "c.toml")
	_, problems := f.Bindings(testActions)
	if len(problems) != 1 || problems[0].Line != 2 || !strings.Contains(problems[0].Text, "ctlr") {
		t.Fatalf("problems = %v", problems)
	}
}
