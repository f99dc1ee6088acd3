package ui

import (
	"fmt"
	"slices"
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
	if m.overlay.IsOpen() {
		m.overlay, _ = m.overlay.Update(k)
		return nil
	}
	if m.picker.IsOpen() {
		return m.pickerKey(k)
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
	case m.overlay.IsOpen(), m.picker.IsOpen():
		return true
	case m.focus == focusTasks:
		return m.tasks.Capturing()
	case m.focus == focusConversation:
		return m.chat.Capturing()
	}
	return false
}

// globalKeys is the global bindings enabled in the current mode: only Quit
// while something captures input, not the keys that type text (q, ?,
// digits) while the composer has focus, nor q, ? and ! on the chips, where
// text typed starts a message. A bare digit sends a suggestion
// only where the suggestions are what is read (the conversation, the
// chips): in the task list it is too easily pressed meaning something else,
// and the message would go to the open task, not the highlighted one.
func (m *Model) globalKeys() GlobalKeys {
	g := m.com.keys.Global
	switch {
	case m.capturing():
		off(&g.QuitQ, &g.NextFocus, &g.PrevFocus, &g.NewTask, &g.Refresh, &g.Help, &g.Chip, &g.ChipAlt, &g.Profiles, &g.ToggleList, &g.Log, &g.LogAlt)
	case m.focus == focusComposer:
		off(&g.QuitQ, &g.Help, &g.Chip, &g.LogAlt)
	case m.focus == focusChips:
		off(&g.QuitQ, &g.Help, &g.LogAlt) // text typed here goes to the composer (chipsKey)
	case m.focus == focusTasks:
		off(&g.Chip)
	}
	if len(m.chat.Suggestions()) == 0 {
		off(&g.Chip, &g.ChipAlt) // nothing to send: not offered in the help bar
	}
	return g
}

// globalKey handles GlobalKeys; ok is false when k is not one of them.
func (m *Model) globalKey(k tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	g := m.globalKeys()
	switch {
	case key.Matches(k, g.Quit, g.QuitQ):
		return tea.Quit, true
	case key.Matches(k, g.Suspend):
		return tea.Suspend, true
	case key.Matches(k, g.Profiles):
		return m.openPicker(), true
	case key.Matches(k, g.NextFocus):
		return m.cycleFocus(1), true
	case key.Matches(k, g.PrevFocus):
		return m.cycleFocus(-1), true
	case key.Matches(k, g.NewTask):
		return m.newTask(""), true
	case key.Matches(k, g.Refresh):
		return m.refresh(), true
	case key.Matches(k, g.Help) && m.com.cfg.Presenter:
		m.helpBar = !m.helpBar
		m.relayout()
		return nil, true
	case key.Matches(k, g.Help):
		m.overlay.Open(m.helpSections())
		return nil, true
	case key.Matches(k, g.ToggleList):
		m.toggleList()
		return nil, true
	case key.Matches(k, g.Log, g.LogAlt):
		m.overlay.OpenText(fmt.Sprintf("Notices, newest first (the last %d are kept)", logSize), m.status.logLines())
		return nil, true
	case key.Matches(k, g.Chip):
		n := nth(g.Chip, k.String())
		if _, ok := m.chips.text(n); !ok && m.focus == focusChips {
			return nil, false // no such chip: the digit is text (chipsKey)
		}
		return m.sendChip(n), true
	case key.Matches(k, g.ChipAlt):
		return m.sendChip(nth(g.ChipAlt, k.String())), true
	}
	return nil, false
}

func (m *Model) tasksKey(k tea.KeyPressMsg) tea.Cmd {
	var cmd tea.Cmd
	m.tasks, cmd = m.tasks.Update(k)
	m.relayout()
	cmds := []tea.Cmd{cmd}
	if m.tasks.wantMore() {
		cmds = append(cmds, m.loadTasks(m.tasks.nextPage()))
	}
	if in := m.tasks.takeIntents(); in.open != "" {
		cmds = append(cmds, m.openTask(in.open))
		m.setFocus(focusComposer)
	}
	return tea.Batch(cmds...)
}

// conversationKey handles copying and exporting (ConversationKeys) and
// hands every other key to the chat.
func (m *Model) conversationKey(k tea.KeyPressMsg) tea.Cmd {
	ck := m.com.keys.Conversation
	if m.chat.ShowsDetail() && key.Matches(k, ck.Copy) {
		return m.copyFocused() // the JSON or card on screen
	}
	if !m.chat.Capturing() {
		switch {
		case key.Matches(k, ck.Copy):
			return m.copyFocused()
		case key.Matches(k, ck.CopyAll):
			return m.copyTranscript()
		case key.Matches(k, ck.Export):
			return m.export(false)
		case key.Matches(k, ck.ExportJSON):
			return m.export(true)
		case m.com.cfg.NoFiles && (slices.Contains(ck.Export.Keys(), k.String()) || slices.Contains(ck.ExportJSON.Keys(), k.String())):
			return m.export(false) // says why there is no export
		}
	}
	return m.toChat(k)
}

func (m *Model) chipsKey(k tea.KeyPressMsg) tea.Cmd {
	m.chips, _ = m.chips.Update(k)
	in := m.chips.takeIntents()
	switch {
	case in.leave:
		m.setFocus(focusComposer)
	case in.send != "":
		return m.send(in.send, false)
	case in.typed:
		m.setFocus(focusComposer)
		return m.composerKey(k)
	}
	return nil
}

func (m *Model) composerKey(k tea.KeyPressMsg) tea.Cmd {
	if ck := m.com.keys.Composer; key.Matches(k, ck.ScrollUp, ck.ScrollDown) {
		dir := 1
		if key.Matches(k, ck.ScrollUp) {
			dir = -1
		}
		m.chat.ScrollPage(dir)
		return nil
	}
	if key.Matches(k, m.com.keys.Composer.Leave) {
		// Leaving takes a queued message back first: it returns to the
		// composer, nothing is lost.
		if text, ok := m.chat.CancelQueued(); ok {
			m.composer.takeBack(text)
			m.relayout()
			return m.notify(levelInfo, "Queued message taken back into the composer.")
		}
	}
	var cmd tea.Cmd
	m.composer, cmd = m.composer.Update(k)
	in := m.composer.takeIntents()
	switch {
	case in.edit:
		return tea.Batch(cmd, m.editDraft())
	case in.leave && m.chat.OpenID() == "":
		m.setFocus(focusTasks)
	case in.leave:
		m.setFocus(focusConversation)
	case in.send != "":
		m.relayout()
		return tea.Batch(cmd, m.send(in.send, true))
	}
	m.relayout()
	return cmd
}

// onPaste puts pasted text into the composer (focusing it), or into the
// filter or find prompt when one is open; a paste is never dropped.
func (m *Model) onPaste(p tea.PasteMsg) tea.Cmd {
	switch {
	case m.finder.open:
		return m.onFinderPaste(p)
	case m.focus == focusTasks && m.tasks.Capturing():
		var cmd tea.Cmd
		m.tasks, cmd = m.tasks.Update(p)
		return cmd
	case m.focus == focusConversation && m.chat.Typing():
		return m.toChat(p)
	}
	text := strings.ReplaceAll(p.Content, "\r\n", "\n")
	if n := len([]rune(text)); n > m.composer.room() {
		return m.notify(levelWarn, fmt.Sprintf("Paste not inserted: %s characters is more than a message holds (%s).", thousands(n), thousands(composerCharLimit)))
	}
	if m.focus != focusComposer {
		m.setFocus(focusComposer)
	}
	// Through the textarea's own Update, so its view follows the cursor to
	// the end of the pasted text.
	var cmd tea.Cmd
	m.composer, cmd = m.composer.Update(tea.PasteMsg{Content: text})
	m.relayout()
	return cmd
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
