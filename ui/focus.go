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
		return m.setFocus(f)
	}
	return nil
}

// setFocus moves keyboard focus and tells every component whether it has it.
func (m *Model) setFocus(f focus) tea.Cmd {
	m.focus = f
	m.tasks.setFocused(f == focusTasks)
	m.chips.setFocused(f == focusChips)
	if f == focusConversation {
		m.chat.Focus()
	} else {
		m.chat.Blur()
	}
	// One pane at a time on narrow terminals: the list shows only while
	// it has focus.
	m.relayout()
	if f == focusComposer {
		return m.composer.focus()
	}
	m.composer.blur()
	return nil
}

// toFocused hands a message no one else claimed (cursor blinks, filter
// input ticks) to the focused component.
func (m *Model) toFocused(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch m.focus {
	case focusComposer:
		m.composer, _, cmd = m.composer.update(msg)
	case focusTasks:
		m.tasks, _, cmd = m.tasks.update(msg)
	case focusConversation:
		m.chat, cmd = m.chat.Update(msg)
	}
	return cmd
}

// onWheel scrolls the pane under the pointer: the transcript, or the task
// list (one row per notch).
func (m *Model) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	mouse := msg.Mouse()
	overList := m.lay.showList && mouse.X < m.lay.listW
	if m.lay.narrow {
		overList = m.lay.showList
	}
	if overList {
		switch mouse.Button {
		case tea.MouseWheelUp:
			m.tasks.move(-1)
		case tea.MouseWheelDown:
			m.tasks.move(1)
			if m.tasks.wantMore() {
				return m.loadTasks(m.tasks.nextPage())
			}
		}
		return nil
	}
	return m.toChat(msg)
}
