package ui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap holds every binding outside the conversation pane (which has its
// own, see transcript.KeyMap). The help bar and the ? overlay are generated
// from it, so help never drifts from behaviour.
type KeyMap struct {
	Quit, QuitQ, NextFocus, PrevFocus, NewTask, Refresh, Help key.Binding
	Chip, ChipAlt                                             key.Binding
	Copy, CopyAll, Export, ExportJSON                         key.Binding

	TaskUp, TaskDown, TaskOpen, TaskFilter, TaskPageUp, TaskPageDown, TaskTop, TaskBottom key.Binding
	FilterApply, FilterClear                                                              key.Binding

	Send, Newline, LeaveComposer key.Binding

	ChipLeft, ChipRight, ChipSend key.Binding
}

// DefaultKeyMap is the binding set documented in the README.
func DefaultKeyMap() KeyMap {
	b := key.NewBinding
	k := key.WithKeys
	h := key.WithHelp
	return KeyMap{
		Quit:      b(k("ctrl+c"), h("ctrl+c", "quit")),
		QuitQ:     b(k("q"), h("q", "quit")),
		NextFocus: b(k("tab"), h("tab", "focus")),
		PrevFocus: b(k("shift+tab"), h("shift+tab", "focus back")),
		NewTask:   b(k("ctrl+n"), h("ctrl+n", "new task")),
		Refresh:   b(k("ctrl+r"), h("ctrl+r", "refresh/retry")),
		Help:      b(k("?"), h("?", "help")),
		Chip:      b(k("1", "2", "3", "4", "5", "6", "7", "8", "9"), h("1-9", "send suggestion")),
		ChipAlt: b(k("alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7", "alt+8", "alt+9"),
			h("alt+1-9", "send suggestion")),
		Copy:       b(k("y"), h("y", "copy message")),
		CopyAll:    b(k("Y"), h("Y", "copy transcript")),
		Export:     b(k("e"), h("e", "export .md")),
		ExportJSON: b(k("E"), h("E", "export .json")),

		TaskUp:       b(k("up", "k"), h("↑/k", "up")),
		TaskDown:     b(k("down", "j"), h("↓/j", "down")),
		TaskOpen:     b(k("enter", "right", "l"), h("enter", "open")),
		TaskFilter:   b(k("/"), h("/", "filter")),
		TaskPageUp:   b(k("pgup", "ctrl+b"), h("pgup", "page up")),
		TaskPageDown: b(k("pgdown", "ctrl+f"), h("pgdn", "page down")),
		TaskTop:      b(k("home", "g"), h("g", "first")),
		TaskBottom:   b(k("end", "G"), h("G", "last")),
		FilterApply:  b(k("enter"), h("enter", "apply filter")),
		FilterClear:  b(k("esc"), h("esc", "clear filter")),

		Send:          b(k("enter"), h("enter", "send")),
		Newline:       b(k("alt+enter", "ctrl+j"), h("alt+enter/ctrl+j", "newline")),
		LeaveComposer: b(k("esc"), h("esc", "leave")),

		ChipLeft:  b(k("left", "h"), h("←/→", "choose")),
		ChipRight: b(k("right", "l")),
		ChipSend:  b(k("enter", "space"), h("enter", "send suggestion")),
	}
}
