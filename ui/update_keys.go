package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// onKey routes a key. Every binding lives in the KeyMap (keys.go), whose
// groups name their handlers: quit first, then the global keys enabled for
// the current mode (globalKeys), then the help overlay or the focused pane.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	if cmd, ok := m.onFinderKey(k); ok {
		return cmd
	}
	if cmd, ok := m.globalKey(k); ok {
		return cmd
	}
	if m.showHelp {
		m.overlayKey(k)
		return nil
	}
	switch m.focus {
	case focusTasks:
		return m.tasksKey(k)
	case focusConversation:
		return m.conversationKey(k)
	case focusChips:
		return m.chipsKey(k)
	case focusComposer:
		return m.composerKey(k)
	}
	return nil
}

// capturing reports whether something takes every key but Quit: the help
// overlay, or the focused pane's filter prompt, find prompt or raw view.
func (m *Model) capturing() bool {
	switch {
	case m.showHelp:
		return true
	case m.focus == focusTasks:
		return m.tasks.capturing()
	case m.focus == focusConversation:
		return m.conv.tr.Capturing()
	}
	return false
}

// globalKeys is the global bindings enabled in the current mode: only Quit
// while something captures input, and not the keys that type text (q, ?,
// digits) while the composer has focus.
func (m *Model) globalKeys() GlobalKeys {
	g := m.km.Global
	switch {
	case m.capturing():
		off(&g.QuitQ, &g.NextFocus, &g.PrevFocus, &g.NewTask, &g.Refresh, &g.Help, &g.Chip, &g.ChipAlt)
	case m.focus == focusComposer:
		off(&g.QuitQ, &g.Help, &g.Chip)
	}
	return g
}

// globalKey handles GlobalKeys; ok is false when k is not one of them.
func (m *Model) globalKey(k tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	g := m.globalKeys()
	switch {
	case key.Matches(k, g.Quit, g.QuitQ):
		return tea.Quit, true
	case key.Matches(k, g.NextFocus):
		return m.cycleFocus(1), true
	case key.Matches(k, g.PrevFocus):
		return m.cycleFocus(-1), true
	case key.Matches(k, g.NewTask):
		return m.newTask(""), true
	case key.Matches(k, g.Refresh):
		return m.refresh(), true
	case key.Matches(k, g.Help):
		m.showHelp, m.helpOffset = true, 0
		return nil, true
	case key.Matches(k, g.Chip):
		return m.sendChip(nth(g.Chip, k.String())), true
	case key.Matches(k, g.ChipAlt):
		return m.sendChip(nth(g.ChipAlt, k.String())), true
	}
	return nil, false
}

// overlayKey scrolls or closes the help overlay (HelpKeys).
func (m *Model) overlayKey(k tea.KeyPressMsg) {
	switch {
	case key.Matches(k, m.km.Help.Close):
		m.showHelp = false
	case key.Matches(k, m.km.Help.Down):
		m.scrollHelp(1)
	case key.Matches(k, m.km.Help.Up):
		m.scrollHelp(-1)
	}
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

// conversationKey handles copying and exporting (ConversationKeys) and
// hands every other key to the transcript.
func (m *Model) conversationKey(k tea.KeyPressMsg) tea.Cmd {
	ck := m.km.Conversation
	if !m.conv.tr.Capturing() {
		switch {
		case key.Matches(k, ck.Copy):
			return m.copyFocused()
		case key.Matches(k, ck.CopyAll):
			return m.copyTranscript()
		case key.Matches(k, ck.Export):
			return m.export(false)
		case key.Matches(k, ck.ExportJSON):
			return m.export(true)
		}
	}
	var cmd tea.Cmd
	m.conv.tr, cmd = m.conv.tr.Update(k)
	return tea.Batch(cmd, m.schedulePrewarm())
}

func (m *Model) chipsKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.km.Chips.Leave) {
		return m.setFocus(focusComposer)
	}
	var text string
	m.chips, text = m.chips.update(k)
	if text != "" {
		return m.send(text, false)
	}
	return nil
}

func (m *Model) composerKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.km.Composer.Leave) {
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
	case m.focus == focusConversation && m.conv.tr.Typing():
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
