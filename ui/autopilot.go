package ui

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
