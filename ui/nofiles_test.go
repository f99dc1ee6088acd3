package ui

import (
	"os"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"aui-tui/api"
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

// lastLine is the bottom row of the screen: the help bar.
func lastLine(m Model) string {
	v := strings.Split(strings.TrimRight(plainView(m), "\n"), "\n")
	return v[len(v)-1]
}

// TestSharedSessionHelpOmitsExport: export is refused in a shared session,
// so neither the help bar nor the ? overlay offers it.
func TestSharedSessionHelpOmitsExport(t *testing.T) {
	for _, noFiles := range []bool{false, true} {
		h := newHarness(t, 1, func(c *Config) { c.NoFiles = noFiles })
		h.send(tea.WindowSizeMsg{Width: 200, Height: 40})
		h.openFirst()
		h.key("esc")
		bar := lastLine(h.m)
		h.key("?")
		full := plainView(h.m)
		for what, s := range map[string]string{"help bar": bar, "full help": full} {
			if got := strings.Contains(s, "export"); got == noFiles {
				t.Errorf("NoFiles=%v: %s mentions export = %v:\n%s", noFiles, what, got, s)
			}
		}
	}
}

// TestViewerKeysAreTheWholeHelpBar: while a recording drives the
// program, the help bar lists the keys that work and nothing else.
func TestViewerKeysAreTheWholeHelpBar(t *testing.T) {
	end := key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "end replay"))
	h := newHarness(t, 1, func(c *Config) { c.ViewerKeys = []key.Binding{end} })
	h.openFirst()
	h.key("esc")
	if bar := strings.TrimSpace(lastLine(h.m)); bar != "q end replay" {
		t.Fatalf("help bar = %q, want only the replay's key", bar)
	}
}

// TestTooLargeToCopyInASharedSession: the notice for a copy too large
// does not point to export where there is none.
func TestTooLargeToCopyInASharedSession(t *testing.T) {
	h := newHarness(t, 1, func(c *Config) { c.NoFiles = true })
	h.send(tea.WindowSizeMsg{Width: 200, Height: 30})
	id := h.openFirst()
	h.send(SessionEvent{api.FinalMessage{TaskID: id, Message: agentMsg("big", strings.Repeat("long text ", 20000))}})
	h.key("esc", "y")
	v := plainView(h.m)
	if !strings.Contains(v, "Too large to copy") || strings.Contains(v, "exports it") {
		t.Fatalf("the notice should say the copy is too large without offering export:\n%s", v)
	}
}
