package main

import (
	"strings"
	"testing"

	"aui-tui/internal/config"
	"aui-tui/ui"
)

func TestKeysTableRebindsTheUIKeyMap(t *testing.T) {
	f, _, err := config.Parse([]byte(`[keys]
send = ["ctrl+s"]
newline = ["enter", "ctrl+j"]
help_close = ["q"]
refresh = ["f5"]
`), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	km := ui.DefaultKeyMap()
	if problems := applyKeys(&km, f); len(problems) != 0 {
		t.Fatalf("problems: %v", problems)
	}
	if got := km.Composer.Send.Keys(); strings.Join(got, ",") != "ctrl+s" || km.Composer.Send.Help().Key != "ctrl+s" {
		t.Errorf("send = %v, help %q", got, km.Composer.Send.Help().Key)
	}
	if got := km.Composer.Newline.Keys(); strings.Join(got, ",") != "enter,ctrl+j" {
		t.Errorf("newline = %v", got)
	}
	if km.Global.Refresh.Keys()[0] != "f5" || km.Global.Refresh.Help().Key != "f5" {
		t.Errorf("refresh = %v, help %q", km.Global.Refresh.Keys(), km.Global.Refresh.Help().Key)
	}
	// Untouched bindings keep their keys and their help text.
	def := ui.DefaultKeyMap()
	if km.List.Up.Help() != def.List.Up.Help() || strings.Join(km.List.Up.Keys(), ",") != strings.Join(def.List.Up.Keys(), ",") {
		t.Errorf("list_up changed: %v", km.List.Up.Keys())
	}
}

func TestKeysTableConflictsKeepTheDefaults(t *testing.T) {
	f, _, err := config.Parse([]byte("[keys]\nsend = [\"ctrl+j\"]\nnew_task = [\"j\"]\nsnd = [\"x\"]\n"), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	km := ui.DefaultKeyMap()
	problems := applyKeys(&km, f)
	if len(problems) != 3 {
		t.Fatalf("problems = %v, want send/newline, new_task/list_down and the unknown snd", problems)
	}
	for i, line := range []int{2, 3, 4} {
		if problems[i].Line != line {
			t.Errorf("problem %d on line %d, want %d: %v", i, problems[i].Line, line, problems[i])
		}
	}
	if km.Composer.Send.Keys()[0] != "enter" || km.Global.NewTask.Keys()[0] != "ctrl+n" {
		t.Errorf("a conflicting rebinding was applied")
	}
}

func TestEveryBindingHasAUniqueKeysName(t *testing.T) {
	km := ui.DefaultKeyMap()
	seen := map[string]bool{}
	for _, a := range keyActions(&km) {
		if seen[a.name] {
			t.Errorf("two actions are called %q", a.name)
		}
		seen[a.name] = true
		if len(a.b.Keys()) == 0 {
			t.Errorf("%s has no default keys", a.name)
		}
	}
}
