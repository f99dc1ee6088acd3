package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Pilot is what a program driving the UI with keys (the play autopilot)
// needs to know before its next key: whether the task list has loaded, and
// whether what it types would land in the composer.
type Pilot struct {
	TasksLoaded bool
	Typing      bool
}

// Pilot reports the state a key-driving autopilot waits on.
func (m Model) Pilot() Pilot {
	return Pilot{
		TasksLoaded: m.tasks.Loaded(),
		Typing:      m.focus == focusComposer && !m.overlay.IsOpen(),
	}
}

// Quits reports whether k would end the program now: ctrl+c always, q
// only where it is not text (outside the composer, the chips and any
// prompt). A replay uses it to keep the recorded quit from ending the
// show.
func (m Model) Quits(k tea.KeyPressMsg) bool {
	g := m.globalKeys()
	return key.Matches(k, g.Quit, g.QuitQ)
}
