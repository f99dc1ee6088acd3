package ui

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// startSpinner ticks the spinner only while something loads, so an idle
// program uses no CPU.
func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) onSpin(msg spinner.TickMsg) tea.Cmd {
	if !m.tasks.isLoading() && !m.chat.Busy() {
		m.spinning = false
		return nil
	}
	var cmd tea.Cmd
	m.spin, cmd = m.spin.Update(msg)
	m.syncSpinner()
	return cmd
}

// syncSpinner shows the spinner's frame in the panes that spin.
func (m *Model) syncSpinner() {
	frame := m.spin.View()
	m.tasks.SetSpinner(frame)
	m.chat.SetSpinner(frame)
}
