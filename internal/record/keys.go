package record

import tea "charm.land/bubbletea/v2"

// KeyOf is the recorded form of a key press.
func KeyOf(k tea.KeyPressMsg) Key {
	return Key{Code: k.Code, Mod: int(k.Mod), Text: k.Text}
}

// Msg is the key press to hand the program when replaying.
func (k Key) Msg() tea.KeyPressMsg {
	return tea.KeyPressMsg{Code: k.Code, Mod: tea.KeyMod(k.Mod), Text: k.Text}
}

// Filter returns a Bubble Tea message filter that records the window size,
// key presses and pastes on their way into the program.
func (r *Recorder) Filter() func(tea.Model, tea.Msg) tea.Msg {
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch m := msg.(type) {
		case tea.WindowSizeMsg:
			r.Window(m.Width, m.Height)
		case tea.KeyPressMsg:
			r.Key(KeyOf(m))
		case tea.PasteMsg:
			r.Paste(m.Content)
		}
		return msg
	}
}
