package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/internal/textsafe"
)

// ProfileKeys work while the profile picker is open (profiles.go); it
// takes every other key.
type ProfileKeys struct {
	Up, Down, Choose, Close key.Binding
}

// ShortHelp is the help bar while the picker is open.
func (p ProfileKeys) ShortHelp() []key.Binding { return []key.Binding{p.Up, p.Choose, p.Close} }

// FullHelp is the picker's keys.
func (p ProfileKeys) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// profilePicker lists the configuration's profiles; choosing another one
// ends the program with SwitchProfile set, and the command line connects
// to it and starts the UI again.
type profilePicker struct {
	km      ProfileKeys
	names   []string
	current string
	cursor  int
	open    bool
}

func newProfilePicker(km ProfileKeys, names []string, current string) profilePicker {
	p := profilePicker{km: km, current: current}
	for _, n := range names {
		p.names = append(p.names, textsafe.Line(n))
	}
	return p
}

// show opens the picker on the current profile.
func (p *profilePicker) show() {
	p.open, p.cursor = true, 0
	for i, n := range p.names {
		if n == p.current {
			p.cursor = i
		}
	}
}

// update moves, closes or chooses; chosen is the profile to switch to, ""
// while none (choosing the current one just closes the picker).
func (p profilePicker) update(k tea.KeyPressMsg) (profilePicker, string) {
	switch {
	case key.Matches(k, p.km.Close):
		p.open = false
	case key.Matches(k, p.km.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(k, p.km.Down):
		p.cursor = min(len(p.names)-1, p.cursor+1)
	case key.Matches(k, p.km.Choose):
		p.open = false
		if n := p.names[p.cursor]; n != p.current {
			return p, n
		}
	}
	return p, ""
}

// pickProfile handles a key while the picker is open.
func (m *Model) pickProfile(k tea.KeyPressMsg) tea.Cmd {
	var chosen string
	m.picker, chosen = m.picker.update(k)
	if chosen == "" {
		return nil
	}
	m.switchTo = chosen
	return tea.Quit
}

// openPicker opens the picker, or says why there is nothing to pick.
func (m *Model) openPicker() tea.Cmd {
	if len(m.picker.names) == 0 {
		return m.notify(levelWarn, "No profiles to switch to: add [profiles.NAME] tables to the configuration file (aui-tui config path).")
	}
	m.picker.show()
	return nil
}

// SwitchProfile is the profile the user chose to switch to before the
// program ended, "" when none.
func (m Model) SwitchProfile() string { return m.switchTo }

// pickerOverlay draws the picker over the panes.
func (m Model) pickerOverlay() string {
	lines := []string{m.st.Help.Key.Render("Switch profile"), ""}
	for i, n := range m.picker.names {
		mark := "  "
		if i == m.picker.cursor {
			mark = "› "
		}
		line := mark + n
		if n == m.picker.current {
			line += m.st.Help.Desc.Render("  (current)")
		}
		if i == m.picker.cursor {
			line = m.st.Help.Key.Render(mark+n) + strings.TrimPrefix(line, mark+n)
		}
		lines = append(lines, line)
	}
	pk := m.picker.km
	foot := keyHint(pk.Choose) + " " + pk.Choose.Help().Desc + " · " + keyHint(pk.Close) + " " + pk.Close.Help().Desc
	ov := m.st.Help.Overlay
	maxW := max(1, m.lay.w-ov.GetHorizontalFrameSize())
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, maxW, "…")
	}
	body := strings.Join(lines, "\n") + "\n\n" + m.st.Help.Desc.Render(ansi.Truncate(foot, maxW, "…"))
	return lipgloss.Place(m.lay.w, m.lay.mainH, lipgloss.Center, lipgloss.Center, ov.Render(body))
}
