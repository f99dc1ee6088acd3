package ui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestExportWritesNothingInASharedSession: a program served to a visitor
// must not write files on the host, so e and E refuse with a notice.
func TestExportWritesNothingInASharedSession(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, 1, func(c *Config) { c.ExportDir, c.NoFiles = dir, true })
	h.send(tea.WindowSizeMsg{Width: 160, Height: 30})
	h.openFirst()
	h.key("esc", "e", "E")
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("export wrote %d files in a shared session", len(files))
	}
	if v := plainView(h.m); !strings.Contains(v, "Y copies the transcript") {
		t.Fatalf("no notice that export is off:\n%s", v)
	}
}
