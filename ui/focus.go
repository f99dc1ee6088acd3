package ui

import (
	tea "charm.land/bubbletea/v2"
)

// focusOrder is the tab cycle; chips are skipped when there are none.
var focusOrder = [...]focus{focusTasks, focusConversation, focusChips, focusComposer}

func (m *Model) cycleFocus(d int) tea.Cmd {
	i := 0
	for j, f := range focusOrder {
		if f == m.focus {
			i = j
		}
	}
	for range focusOrder {
		i = (i + d + len(focusOrder)) % len(focusOrder)
		f := focusOrder[i]
		if f == focusChips && len(m.chipRows()) == 0 {
			continue // none shown: a chip must be seen before it is sent
		}
		if (f == focusConversation || f == focusChips) && m.chat.OpenID() == "" {
			continue
		}
		m.setFocus(f)
		return nil
	}
	return nil
}

// setFocus moves keyboard focus and tells every pane whether it has it.
func (m *Model) setFocus(f focus) {
	m.focus = f
	focusIf(&m.tasks, f == focusTasks)
	focusIf(&m.chat, f == focusConversation)
	focusIf(&m.chips, f == focusChips)
	focusIf(&m.composer, f == focusComposer)
	// One pane at a time on narrow terminals: the list shows only while
	// it has focus.
	m.relayout()
}

// focusIf focuses p when on, else blurs it.
func focusIf(p interface {
	Focus()
	Blur()
}, on bool) {
	if on {
		p.Focus()
	} else {
		p.Blur()
	}
}

// toFocused hands a message no one else claimed (filter input ticks) to
// the focused pane.
func (m *Model) toFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.focus {
	case focusComposer:
		m.composer, cmd = m.composer.Update(msg)
	case focusTasks:
		m.tasks, cmd = m.tasks.Update(msg)
	case focusConversation:
		m.chat, cmd = m.chat.Update(msg)
	}
	return cmd
}

// onWheel scrolls the pane under the pointer: the transcript, or the task
// list (one row per notch).
func (m *Model) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	if !m.overList(msg.Mouse().X) {
		return m.toChat(msg)
	}
	m.tasks, _ = m.tasks.Update(msg)
	if m.tasks.wantMore() {
		return m.loadTasks(m.tasks.nextPage())
	}
	return nil
}
