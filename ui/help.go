package ui

import (
	"charm.land/bubbles/v2/key"

	"aui-tui/ui/transcript"
)

// contextHelp is the help for the focused pane plus the global keys; it
// implements help.KeyMap.
type contextHelp struct {
	pane   []key.Binding
	global []key.Binding
	more   [][]key.Binding
}

func (c contextHelp) ShortHelp() []key.Binding {
	return append(append([]key.Binding{}, c.pane...), c.global...)
}

func (c contextHelp) FullHelp() [][]key.Binding {
	return append(append([][]key.Binding{}, c.more...), c.global)
}

func (m Model) contextHelp() contextHelp {
	k := m.km
	global := []key.Binding{k.NextFocus, k.NewTask, k.Refresh, k.ChipAlt, k.Help, k.Quit}
	var pane []key.Binding
	switch m.focus {
	case focusTasks:
		if m.tasks.capturing() {
			pane = []key.Binding{k.FilterApply, k.FilterClear}
			global = []key.Binding{k.Quit}
		} else {
			pane = []key.Binding{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter, k.Chip}
		}
	case focusConversation:
		tk := transcript.DefaultKeyMap()
		pane = append(tk.ShortHelp(), k.Copy, k.Export)
	case focusChips:
		pane = []key.Binding{k.ChipLeft, k.ChipSend}
	case focusComposer:
		pane = []key.Binding{k.Send, k.Newline, k.LeaveComposer}
		global = []key.Binding{k.NextFocus, k.NewTask, k.ChipAlt, k.Quit}
	}
	more := [][]key.Binding{
		{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter, k.TaskPageDown, k.TaskTop, k.TaskBottom},
		{k.Send, k.Newline, k.LeaveComposer, k.ChipLeft, k.ChipSend, k.Chip},
		append(transcript.DefaultKeyMap().ShortHelp(), k.Copy, k.CopyAll, k.Export, k.ExportJSON),
	}
	return contextHelp{pane: pane, global: global, more: more}
}
