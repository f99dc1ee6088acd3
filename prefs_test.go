package main

import (
	"testing"

	"aui-tui/internal/config"
)

func TestPreferencesFromTheFileGiveWayToFlags(t *testing.T) {
	f, _, err := config.Parse([]byte("theme = \"light\"\nmouse = false\npage_size = 50\nexport_dir = \"/exports\"\n"), "c.toml")
	if err != nil {
		t.Fatal(err)
	}
	cmd := newRootCmd()
	if err := cmd.ParseFlags([]string{"--page-size", "7", "--theme", "dark"}); err != nil {
		t.Fatal(err)
	}
	theme, noMouse, size, dir := "dark", false, 7, "."
	applyPreferences(cmd, f, &theme, &noMouse, &size, &dir)
	if theme != "dark" || size != 7 {
		t.Errorf("flags lost to the file: theme %q, page size %d", theme, size)
	}
	if !noMouse || dir != "/exports" {
		t.Errorf("file ignored where no flag was given: no-mouse %v, export dir %q", noMouse, dir)
	}
}
