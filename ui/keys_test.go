package ui

import (
	"errors"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
)

// TestRawViewIsModal: while the raw JSON view is open, q, ?, digits and tab
// act on it (q closes it) instead of quitting, opening help, sending a
// suggestion or moving focus.
func TestRawViewIsModal(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("esc", "v")
	if !rawOpen(h) {
		t.Fatalf("v did not open the raw view:\n%s", plainView(h.m))
	}
	for _, k := range []string{"?", "1", "tab", "ctrl+n"} {
		_, cmd := h.m.Update(keyMsg(k))
		for _, msg := range collect(t, cmd) {
			if _, ok := msg.(tea.QuitMsg); ok {
				t.Fatalf("%s in the raw view quit the program", k)
			}
		}
		h.key(k)
	}
	if len(h.s.sent) != 0 || h.b.creates != 0 {
		t.Fatalf("keys leaked out of the raw view: sent %v, created %d", h.s.sent, h.b.creates)
	}
	v := plainView(h.m)
	if !rawOpen(h) || strings.Contains(v, "Anywhere") {
		t.Fatalf("the raw view should still show, without the help overlay:\n%s", v)
	}
	_, cmd := h.m.Update(keyMsg("q"))
	for _, msg := range collect(t, cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Fatal("q in the raw view quit the program")
		}
	}
	h.key("q")
	if rawOpen(h) {
		t.Fatalf("q did not close the raw view:\n%s", plainView(h.m))
	}
	if !strings.Contains(h.helpBarText(), "y copy message") {
		t.Fatalf("the help bar did not return to the reading keys: %q", h.helpBarText())
	}
}

// rawOpen reports whether the raw view's title row is on screen.
func rawOpen(h *harness) bool { return strings.Contains(plainView(h.m), "raw JSON · ") }

// helpBarText is the bottom line of the screen.
func (h *harness) helpBarText() string {
	lines := strings.Split(plainView(h.m), "\n")
	return lines[len(lines)-1]
}

// TestRawViewHelpBarNamesItsKeys: the help bar shows the raw view's keys
// while it is open, and the find prompt's while that is.
func TestRawViewHelpBarNamesItsKeys(t *testing.T) {
	h := newHarness(t, 1)
	h.openFirst()
	h.key("esc", "v")
	if bar := h.helpBarText(); !strings.Contains(bar, "esc/v/q close") || strings.Contains(bar, "? help") {
		t.Fatalf("raw view help bar = %q", bar)
	}
	h.key("esc", "/")
	if bar := h.helpBarText(); !strings.Contains(bar, "enter confirm") || strings.Contains(bar, "tab focus") {
		t.Fatalf("find prompt help bar = %q", bar)
	}
}

func TestFailedTitleRefreshSaysSo(t *testing.T) {
	h := newHarness(t, 1)
	h.send(taskRefreshedMsg{err: errors.New("The server did not answer in time.")})
	if v := plainView(h.m); !strings.Contains(v, "Could not update the task's title") {
		t.Fatalf("a failed title refresh was dropped silently:\n%s", v)
	}
}

// TestInjectedKeyMapDrivesKeysHintsAndHelp: a remapped binding is what the
// program answers to, and every hint and the help overlay name it.
func TestInjectedKeyMapDrivesKeysHintsAndHelp(t *testing.T) {
	km := DefaultKeyMap()
	km.Global.Refresh = key.NewBinding(key.WithKeys("f5"), key.WithHelp("f5", "refresh/retry"))
	km.Global.QuitQ = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "quit"))
	h := newHarness(t, 1, func(c *Config) { c.KeyMap = &km })

	_, cmd := h.m.Update(keyMsg("q"))
	for _, msg := range collect(t, cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			t.Fatal("q still quits after QuitQ was remapped")
		}
	}
	h.key("?")
	if v := plainView(h.m); !strings.Contains(v, "f5") || strings.Contains(v, "ctrl+r") {
		t.Fatalf("the help overlay does not show the remapped key:\n%s", v)
	}
	h.key("esc")
	h.openFirst()
	h.s.err = api.ErrOffline
	h.typeText("keep me")
	h.key("enter")
	if v := plainView(h.m); !strings.Contains(v, "f5 to retry") {
		t.Fatalf("the failed message's hint does not name the remapped key:\n%s", v)
	}
	h.s.err = nil
	h.send(tea.KeyPressMsg{Code: tea.KeyF5})
	if got := h.s.last(); got != "keep me" {
		t.Fatalf("f5 sent %q, want the failed text again", got)
	}
}

// TestTmuxAndWorkDirComeFromConfig: inside tmux (as the configuration
// says) a copy also goes through tmux's passthrough, and an export under
// the working directory is named relative to it.
func TestTmuxAndWorkDirComeFromConfig(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, 1, func(c *Config) { c.InTmux, c.WorkDir, c.ExportDir = true, dir, dir })
	h.openFirst()
	h.key("esc")
	raw := h.rawOutput("y")
	if !strings.Contains(raw, "\x1bPtmux;") {
		t.Fatalf("a copy inside tmux lacks the passthrough: %q", raw)
	}
	h.key("y")
	if v := plainView(h.m); !strings.Contains(v, "set-clipboard") {
		t.Fatalf("the copy notice does not say what tmux needs:\n%s", v)
	}
	h.key("e")
	v := plainView(h.m)
	if !strings.Contains(v, "Exported ") || strings.Contains(v, dir) {
		t.Fatalf("the export is not named relative to the working directory:\n%s", v)
	}
}

// TestHelpListsPlainDigitsWhereTheyWork: a bare digit sends a suggestion
// only in the conversation and the chips, so the ? help lists it there and
// not under "Anywhere".
func TestHelpListsPlainDigitsWhereTheyWork(t *testing.T) {
	h := newHarness(t, 1)
	has := func(sec helpSection, help string) bool {
		for _, b := range sec.keys {
			if b.Help().Key == help {
				return true
			}
		}
		return false
	}
	for _, sec := range h.m.helpSections() {
		want := sec.title == "Conversation" || sec.title == "Suggestions"
		if got := has(sec, "1-9"); got != want {
			t.Errorf("section %q lists 1-9: %v, want %v", sec.title, got, want)
		}
		if sec.title == "Anywhere" && !has(sec, "alt+1-9") {
			t.Errorf("alt+1-9 works anywhere, but the Anywhere section leaves it out")
		}
	}
}

// TestHelpBarDropsWholeBindings: at any width the help bar shows whole
// bindings, then "…" for the ones that do not fit; it never cuts a word.
func TestHelpBarDropsWholeBindings(t *testing.T) {
	h := newHarness(t, 1)
	keys := h.m.helpBarKeys()
	whole := map[string]bool{}
	for _, b := range keys {
		whole[b.Help().Key+" "+b.Help().Desc] = true
	}
	for w := 30; w <= 140; w++ {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		bar := ansi.Strip(h.m.helpBarLine(keys))
		if ansi.StringWidth(bar) > w {
			t.Fatalf("width %d: the bar is %d cells: %q", w, ansi.StringWidth(bar), bar)
		}
		for _, item := range strings.Split(strings.TrimSuffix(bar, " …"), " • ") {
			if !whole[item] {
				t.Fatalf("width %d: %q is not a whole binding: %q", w, item, bar)
			}
		}
	}
}
