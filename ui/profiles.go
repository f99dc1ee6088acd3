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
// takes every other key but Quit.
type ProfileKeys struct {
	Up, Down, Choose, Close key.Binding
}

// ShortHelp is the help bar while the picker is open.
func (p ProfileKeys) ShortHelp() []key.Binding { return []key.Binding{p.Up, p.Choose, p.Close} }

// FullHelp is the picker's keys.
func (p ProfileKeys) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// pickerModel lists the configuration's profiles (Config.Profiles) and,
// last, the embedded demo backend. Choosing another than the one in use
// leaves it in chosen; the root then ends the program and the caller
// connects to it and starts again.
type pickerModel struct {
	com    *common
	open   bool
	cursor int
	w, h   int
	chosen Switch
}

// Switch is where the user chose to go in the profile picker.
type Switch struct {
	// Profile is the profile to connect with; "" with Demo.
	Profile string
	// Demo: the embedded demo backend.
	Demo bool
}

// rows is how many entries the picker lists: the profiles and the demo.
func (p *pickerModel) rows() int { return len(p.com.cfg.Profiles) + 1 }

// current is the row of what is in use.
func (p *pickerModel) current() int {
	if p.com.cfg.Demo {
		return len(p.com.cfg.Profiles)
	}
	for i, n := range p.com.cfg.Profiles {
		if n == p.com.cfg.Profile {
			return i
		}
	}
	return -1
}

// Open shows the picker on the profile in use.
func (p *pickerModel) Open() {
	p.open, p.cursor = true, max(0, p.current())
}

// IsOpen reports whether the picker shows.
func (p *pickerModel) IsOpen() bool { return p.open }

// Update moves, closes or chooses.
func (p pickerModel) Update(msg tea.Msg) (pickerModel, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	pk := p.com.keys.Profiles
	switch {
	case key.Matches(k, pk.Close):
		p.open = false
	case key.Matches(k, pk.Up):
		p.cursor = max(0, p.cursor-1)
	case key.Matches(k, pk.Down):
		p.cursor = min(p.rows()-1, p.cursor+1)
	case key.Matches(k, pk.Choose):
		p.open = false
		switch {
		case p.cursor == p.current():
		case p.cursor == len(p.com.cfg.Profiles):
			p.chosen = Switch{Demo: true}
		default:
			p.chosen = Switch{Profile: p.com.cfg.Profiles[p.cursor]}
		}
	}
	return p, nil
}

// takeChosen returns where the user chose to switch to (the zero Switch
// for nowhere) and forgets it.
func (p *pickerModel) takeChosen() Switch {
	c := p.chosen
	p.chosen = Switch{}
	return c
}

// SetSize sets the area the picker is centred in.
func (p *pickerModel) SetSize(w, h int) { p.w, p.h = w, h }

// ShortHelp is the help bar while the picker is open.
func (p pickerModel) ShortHelp() []key.Binding { return p.com.keys.Profiles.ShortHelp() }

// FullHelp is the picker's own keys.
func (p pickerModel) FullHelp() [][]key.Binding { return p.com.keys.Profiles.FullHelp() }

// View draws the list in a box over the panes.
func (p pickerModel) View() string {
	st := p.com.st
	ov := st.Help.Overlay
	maxW := max(1, p.w-ov.GetHorizontalFrameSize())
	lines := []string{st.PaneTitleFocused.Render("Switch profile"), ""}
	names := append(append([]string(nil), p.com.cfg.Profiles...), "demo backend")
	for i, n := range names {
		name := textsafe.Line(n)
		line := "  " + name
		if i == p.cursor {
			line = st.Help.Key.Render("› " + name)
		}
		if i == p.current() {
			line += st.Help.Desc.Render("  (current)")
		}
		lines = append(lines, ansi.Truncate(line, maxW, "…"))
	}
	pk := p.com.keys.Profiles
	foot := keyHint(pk.Choose) + " " + pk.Choose.Help().Desc + " · " + keyHint(pk.Close) + " " + pk.Close.Help().Desc
	body := strings.Join(lines, "\n") + "\n\n" + st.Help.Desc.Render(ansi.Truncate(foot, maxW, "…"))
	return lipgloss.Place(p.w, p.h, lipgloss.Center, lipgloss.Center, ov.Render(body))
}

// openPicker opens the picker, or says why there is nothing to pick.
func (m *Model) openPicker() tea.Cmd {
	if len(m.com.cfg.Profiles) == 0 {
		return m.notify(levelWarn, "No profiles to switch to: add [profiles.NAME] tables to the configuration file (aui-tui config path).")
	}
	m.picker.Open()
	return nil
}

// pickerKey gives a key to the open picker; a profile chosen ends the
// program (see SwitchProfile).
func (m *Model) pickerKey(k tea.KeyPressMsg) tea.Cmd {
	m.picker, _ = m.picker.Update(k)
	if next := m.picker.takeChosen(); next != (Switch{}) {
		m.switchTo = next
		return tea.Quit
	}
	return nil
}

// SwitchTo is where the user chose to go in the profile picker before the
// program ended; the zero Switch when they just quit.
func (m Model) SwitchTo() Switch { return m.switchTo }
