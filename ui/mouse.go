package ui

import tea "charm.land/bubbletea/v2"

// onClick does what a click means where it lands: a task opens, a chip is
// sent (as alt+N would send it), and any other place in a pane gives that
// pane the keyboard. The status and help bars ignore clicks.
func (m *Model) onClick(msg tea.MouseClickMsg) tea.Cmd {
	mo := msg.Mouse()
	if mo.Button != tea.MouseLeft || m.overlay.IsOpen() || mo.Y >= m.lay.mainH {
		return nil
	}
	if m.overList(mo.X) {
		if id, ok := m.tasks.idAt(mo.Y - 1); ok {
			m.tasks.selectID(id)
			cmd := m.openTask(id)
			m.setFocus(focusComposer)
			return cmd
		}
		m.setFocus(focusTasks)
		return nil
	}
	left := m.lay.listW
	if m.lay.narrow {
		left = 0
	}
	x, y := mo.X-left-1, mo.Y-1
	_, h := m.convInner()
	chips := len(m.chipRows())
	chatH := h - m.sepHeight(h) - m.composer.height() - chips
	switch {
	case y < chatH:
		if m.chat.OpenID() == "" {
			return nil
		}
		m.setFocus(focusConversation)
		return nil
	case y < chatH+chips:
		if n := m.chips.chipAt(y-chatH, x); n > 0 {
			return m.sendChip(n)
		}
		m.setFocus(focusChips)
		return nil
	}
	m.setFocus(focusComposer)
	return nil
}

// overList reports whether column x is over the task list.
func (m *Model) overList(x int) bool {
	if m.lay.narrow {
		return m.lay.showList
	}
	return m.lay.showList && x < m.lay.listW
}
