package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"aui-tui/theme"
)

func TestProfilePickerChoosesAnotherProfileAndEnds(t *testing.T) {
	h := newHarness(t, 1)
	h.m.com.cfg.Profiles = []string{"prod", "staging", "eu"}
	h.m.com.cfg.Profile, h.m.com.cfg.Demo = "staging", false
	h.key("ctrl+p")
	v := plainView(h.m)
	for _, want := range []string{"Switch profile", "prod", "› staging  (current)", "eu", "demo backend"} {
		if !strings.Contains(v, want) {
			t.Fatalf("picker lacks %q:\n%s", want, v)
		}
	}
	// Keys go to the picker, not to the pane behind it.
	h.key("q")
	if h.m.picker.IsOpen() || h.m.SwitchTo() != (Switch{}) {
		t.Fatal("q did not just close the picker")
	}
	h.key("ctrl+p")
	h.key("enter") // the current profile: nothing to switch
	if h.m.picker.IsOpen() || h.m.SwitchTo() != (Switch{}) {
		t.Fatalf("choosing the current profile switched to %+v", h.m.SwitchTo())
	}
	h.key("ctrl+p", "down")
	next, cmd := h.m.Update(keyMsg("enter"))
	h.m = next.(Model)
	if h.m.SwitchTo() != (Switch{Profile: "eu"}) {
		t.Fatalf("SwitchTo = %+v, want eu", h.m.SwitchTo())
	}
	if cmd == nil {
		t.Fatal("choosing a profile does not end the program")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("choosing a profile does not end the program")
	}
}

func TestProfilePickerOffersTheDemoAndMarksItInDemoMode(t *testing.T) {
	h := newHarness(t, 1)
	h.m.com.cfg.Profiles = []string{"prod"}
	h.m.com.cfg.Profile, h.m.com.cfg.Demo = "prod", false
	h.key("ctrl+p", "down")
	next, _ := h.m.Update(keyMsg("enter"))
	h.m = next.(Model)
	if h.m.SwitchTo() != (Switch{Demo: true}) {
		t.Fatalf("SwitchTo = %+v, want the demo", h.m.SwitchTo())
	}

	d := newHarness(t, 1) // demo mode, as the harness runs
	d.m.com.cfg.Profiles = []string{"prod"}
	d.key("ctrl+p")
	if v := plainView(d.m); !strings.Contains(v, "› demo backend  (current)") {
		t.Fatalf("in demo mode the picker does not mark the demo:\n%s", v)
	}
}

func TestProfilePickerWithoutProfilesSaysHowToAddOne(t *testing.T) {
	h := newHarness(t, 1)
	h.key("ctrl+p")
	if h.m.picker.IsOpen() || !strings.Contains(plainView(h.m), "No profiles to switch to") {
		t.Fatalf("view:\n%s", plainView(h.m))
	}
}

func TestStatusBarNamesTheProfileInUse(t *testing.T) {
	st := newStatus(theme.New(true, true), Config{Host: "data-services.aui.io", UserID: "u1", Profile: "prod"})
	if v := st.view(120); !strings.Contains(v, "prod · data-services.aui.io") {
		t.Errorf("status bar = %q", v)
	}
	st = newStatus(theme.New(true, true), Config{Host: "127.0.0.1:1", UserID: "u1", Demo: true, Profile: "prod"})
	if v := st.view(120); strings.Contains(v, "prod") {
		t.Errorf("demo mode names a profile: %q", v)
	}
}
