package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// onKey routes a key: quit, the help overlay, components that capture text
// (filter, find), global keys, then the focused pane.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.km.Quit) {
		return tea.Quit
	}
	if m.showHelp {
		switch {
		case key.Matches(k, m.km.Help, m.km.QuitQ) || k.String() == "esc":
			m.showHelp = false
		case key.Matches(k, m.km.TaskDown):
			m.scrollHelp(1)
		case key.Matches(k, m.km.TaskUp):
			m.scrollHelp(-1)
		}
		return nil
	}
	if m.focus == focusTasks && m.tasks.capturing() {
		return m.tasksKey(k)
	}
	if m.focus == focusConversation && m.conv.tr.Capturing() {
		var cmd tea.Cmd
		m.conv.tr, cmd = m.conv.tr.Update(k)
		return cmd
	}
	switch {
	case key.Matches(k, m.km.NextFocus):
		return m.cycleFocus(1)
	case key.Matches(k, m.km.PrevFocus):
		return m.cycleFocus(-1)
	case key.Matches(k, m.km.NewTask):
		return m.newTask("")
	case key.Matches(k, m.km.Refresh):
		return m.refresh()
	case key.Matches(k, m.km.ChipAlt):
		return m.sendChip(int(k.Code - '0'))
	}
	if m.focus != focusComposer {
		switch {
		case key.Matches(k, m.km.QuitQ):
			return tea.Quit
		case key.Matches(k, m.km.Help):
			m.showHelp, m.helpOffset = true, 0
			return nil
		case key.Matches(k, m.km.Chip):
			return m.sendChip(int(k.Code - '0'))
		}
	}
	switch m.focus {
	case focusTasks:
		return m.tasksKey(k)
	case focusConversation:
		return m.conversationKey(k)
	case focusChips:
		var text string
		m.chips, text = m.chips.update(k)
		if text != "" {
			return m.send(text, false)
		}
		if k.String() == "esc" {
			return m.setFocus(focusComposer)
		}
	case focusComposer:
		return m.composerKey(k)
	}
	return nil
}

func (m *Model) tasksKey(k tea.KeyPressMsg) tea.Cmd {
	var act tasksAction
	var cmd tea.Cmd
	m.tasks, act, cmd = m.tasks.update(k)
	act.loadMore = act.loadMore || m.tasks.wantMore()
	m.relayout()
	cmds := []tea.Cmd{cmd}
	if act.loadMore {
		cmds = append(cmds, m.loadTasks(m.tasks.nextPage()))
	}
	if act.open != "" {
		cmds = append(cmds, m.openTask(act.open), m.setFocus(focusComposer))
	}
	return tea.Batch(cmds...)
}

func (m *Model) conversationKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.km.Copy):
		return m.copyFocused()
	case key.Matches(k, m.km.CopyAll):
		return m.copyTranscript()
	case key.Matches(k, m.km.Export):
		return m.export(false)
	case key.Matches(k, m.km.ExportJSON):
		return m.export(true)
	}
	var cmd tea.Cmd
	m.conv.tr, cmd = m.conv.tr.Update(k)
	return tea.Batch(cmd, m.schedulePrewarm())
}

func (m *Model) composerKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.km.LeaveComposer) {
		if m.conv.openID == "" {
			return m.setFocus(focusTasks)
		}
		return m.setFocus(focusConversation)
	}
	var send bool
	var cmd tea.Cmd
	m.composer, send, cmd = m.composer.update(k)
	m.relayout()
	if send {
		text := m.composer.take()
		m.relayout()
		return tea.Batch(cmd, m.send(text, true))
	}
	return cmd
}

// onPaste puts pasted text into the composer (focusing it), or into the
// filter or find prompt when one is open; a paste is never dropped.
func (m *Model) onPaste(p tea.PasteMsg) tea.Cmd {
	switch {
	case m.focus == focusTasks && m.tasks.capturing():
		var cmd tea.Cmd
		m.tasks, _, cmd = m.tasks.update(p)
		return cmd
	case m.focus == focusConversation && m.conv.tr.Capturing():
		var cmd tea.Cmd
		m.conv.tr, cmd = m.conv.tr.Update(p)
		return cmd
	}
	text := strings.ReplaceAll(p.Content, "\r\n", "\n")
	if n := len([]rune(text)); n > m.composer.room() {
		return m.notify(levelWarn, fmt.Sprintf("Paste not inserted: %s characters is more than a message holds (%s).", thousands(n), thousands(composerCharLimit)))
	}
	cmds := []tea.Cmd{}
	if m.focus != focusComposer {
		cmds = append(cmds, m.setFocus(focusComposer))
	}
	// Through the textarea's own Update, so its view follows the cursor to
	// the end of the pasted text.
	var cmd tea.Cmd
	m.composer, _, cmd = m.composer.update(tea.PasteMsg{Content: text})
	m.relayout()
	return tea.Batch(append(cmds, cmd)...)
}

// thousands writes n with comma separators, as the rest of the program
// writes counts.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
