package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// pane is the contract every pane follows (task list, chat, chip row,
// composer), in the manner of the bubbles components:
//
//   - Update(msg) handles its keys (its group of the KeyMap) and its own
//     messages, and returns the new value and a command;
//   - View() joins cached strings into exactly its size: no I/O, no state
//     change;
//   - SetSize, Focus and Blur are how the root lays it out and moves the
//     keyboard; the root never writes a component's fields;
//   - ShortHelp and FullHelp (help.KeyMap) list its bindings for its
//     current mode, for the help bar and the ? overlay.
//
// What a pane needs from the rest of the program (send this text, open
// that task, show a notice) it leaves in its intents, which the root takes
// right after the call (takeIntents) and carries out in the same Update,
// so the effect is on the next frame. Panes share a *common (styles, keys,
// clock, configuration) and only read it.
type pane[T any] interface {
	Update(tea.Msg) (T, tea.Cmd)
	View() string
	SetSize(w, h int)
	Focus()
	Blur()
	help.KeyMap
}

var (
	_ pane[tasksModel]    = (*tasksModel)(nil)
	_ pane[chatModel]     = (*chatModel)(nil)
	_ pane[chipsModel]    = (*chipsModel)(nil)
	_ pane[composerModel] = (*composerModel)(nil)
)
