package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"

	"aui-tui/ui/transcript"
)

// KeyMap is every binding of the program, grouped by where it works. Each
// group names the code that handles it, so any key is one hop from here.
// The help bar and the ? overlay are generated from the KeyMap the program
// runs with (Config.KeyMap), and so is every hint that names a key.
type KeyMap struct {
	Global       GlobalKeys
	List         ListKeys
	Conversation ConversationKeys
	Composer     ComposerKeys
	Chips        ChipKeys
	Help         HelpKeys
	Profiles     ProfileKeys
	Search       SearchKeys
}

// GlobalKeys work whatever has focus (update_keys.go, globalKey). While a
// component captures input (a filter or find prompt, the raw view) only
// Quit does; while the composer has focus the keys that type text (QuitQ,
// Help, Chip) are off. See Model.globalKeys.
type GlobalKeys struct {
	Quit, QuitQ key.Binding
	// Suspend puts the program in the background (as ctrl+z does for any
	// terminal program); like Quit it works in every mode.
	Suspend              key.Binding
	NextFocus, PrevFocus key.Binding
	NewTask              key.Binding
	// Profiles opens the profile picker (profiles.go).
	Profiles key.Binding
	// Refresh retries the open task's failed send, else reloads.
	Refresh key.Binding
	Help    key.Binding
	// Chip and ChipAlt send suggestion N: the Nth key of the binding.
	Chip, ChipAlt key.Binding
	// Search opens the search across every conversation (finder.go).
	Search key.Binding
	// ToggleList hides or shows the task list at any width, giving the
	// conversation the whole window (tab still reaches the list).
	ToggleList key.Binding
	// Log and LogAlt show the last notices whole (LogAlt types text, so
	// it is off in the composer).
	Log, LogAlt key.Binding
}

// ListKeys work in the task list (tasks.go, tasksModel.Update). The Filter*
// keys apply while the filter prompt is open, the others otherwise.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Filter                            key.Binding
	FilterApply, FilterClear                key.Binding
	FilterUp, FilterDown                    key.Binding
}

// ConversationKeys work in the conversation pane: reading, find and the raw
// view (transcript.KeyMap, handled in ui/transcript/update.go, reached
// through the chat's Update) and copying and exporting (update_keys.go,
// conversationKey).
type ConversationKeys struct {
	Transcript                        transcript.KeyMap
	Copy, CopyAll, Export, ExportJSON key.Binding
}

// ComposerKeys work in the message input (composer.go, composerModel.Update);
// other keys edit the text.
type ComposerKeys struct {
	Send, Newline, Leave key.Binding
	// ScrollUp and ScrollDown page the conversation while typing.
	ScrollUp, ScrollDown key.Binding
	// Editor opens the draft in $VISUAL or $EDITOR and takes the result
	// back (editor.go).
	Editor key.Binding
}

// ChipKeys work on the focused row of suggestions (chips.go,
// chipsModel.Update). Any other key that types text goes to the composer.
type ChipKeys struct {
	Left, Right, Send, Leave key.Binding
}

// HelpKeys work while the ? overlay is open (overlay.go,
// overlayModel.Update); it takes every other key.
type HelpKeys struct {
	Close, Up, Down key.Binding
}

// SearchKeys work while the search overlay is open (finder.go,
// onFinderKey); other keys edit the query.
type SearchKeys struct {
	Up, Down, Open, Close key.Binding
	// Fetch downloads (and caches) the transcripts not cached yet.
	Fetch key.Binding
}

// ShortHelp is the help bar while the search overlay is open.
func (s SearchKeys) ShortHelp() []key.Binding { return []key.Binding{s.Up, s.Open, s.Fetch, s.Close} }

// DefaultKeyMap is the binding set documented in the README.
func DefaultKeyMap() KeyMap {
	b, k, h := key.NewBinding, key.WithKeys, key.WithHelp
	return KeyMap{
		Global: GlobalKeys{
			Quit:      b(k("ctrl+c"), h("ctrl+c", "quit")),
			QuitQ:     b(k("q"), h("q", "quit")),
			Suspend:   b(k("ctrl+z"), h("ctrl+z", "suspend")),
			NextFocus: b(k("tab"), h("tab", "focus")),
			PrevFocus: b(k("shift+tab"), h("shift+tab", "focus back")),
			NewTask:   b(k("ctrl+n"), h("ctrl+n", "new task")),
			Profiles:  b(k("ctrl+p"), h("ctrl+p", "switch profile")),
			Refresh:   b(k("ctrl+r"), h("ctrl+r", "refresh/retry")),
			Help:      b(k("?"), h("?", "help")),
			Search:    b(k("ctrl+f"), h("ctrl+f", "search all")),
			Chip:      b(k("1", "2", "3", "4", "5", "6", "7", "8", "9"), h("1-9", "send suggestion")),
			ChipAlt: b(k("alt+1", "alt+2", "alt+3", "alt+4", "alt+5", "alt+6", "alt+7", "alt+8", "alt+9"),
				h("alt+1-9", "send suggestion")),
			ToggleList: b(k("ctrl+b"), h("ctrl+b", "hide/show tasks")),
			Log:        b(k("ctrl+l"), h("ctrl+l", "notice log")),
			LogAlt:     b(k("!"), h("!", "notice log")),
		},
		List: ListKeys{
			Up:          b(k("up", "k"), h("↑/k", "up")),
			Down:        b(k("down", "j"), h("↓/j", "down")),
			PageUp:      b(k("pgup"), h("pgup", "page up")),
			PageDown:    b(k("pgdown"), h("pgdn", "page down")),
			Top:         b(k("home", "g"), h("g", "first")),
			Bottom:      b(k("end", "G"), h("G", "last")),
			Open:        b(k("enter", "right", "l"), h("enter/→", "open")),
			Filter:      b(k("/"), h("/", "filter")),
			FilterApply: b(k("enter"), h("enter", "open match")),
			FilterClear: b(k("esc"), h("esc", "clear filter")),
			FilterUp:    b(k("up"), h("↑", "up")),
			FilterDown:  b(k("down"), h("↓", "down")),
		},
		Conversation: ConversationKeys{
			// Its Retry is set from Global.Refresh by New.
			Transcript: transcript.DefaultKeyMap(),
			Copy:       b(k("y"), h("y", "copy message")),
			CopyAll:    b(k("Y"), h("Y", "copy transcript")),
			Export:     b(k("e"), h("e", "export .md")),
			ExportJSON: b(k("E"), h("E", "export .json")),
		},
		Composer: ComposerKeys{
			Send: b(k("enter"), h("enter", "send")),
			// shift+enter arrives as such where the terminal reports key
			// modifiers (the kitty keyboard protocol); elsewhere it is enter.
			Newline:    b(k("shift+enter", "alt+enter", "ctrl+j"), h("shift+enter/ctrl+j", "newline")),
			Leave:      b(k("esc"), h("esc", "leave")),
			ScrollUp:   b(k("pgup"), h("pgup/pgdn", "scroll conversation")),
			ScrollDown: b(k("pgdown")),
			Editor:     b(k("ctrl+e"), h("ctrl+e", "edit in $EDITOR")),
		},
		Chips: ChipKeys{
			Left:  b(k("left"), h("←/→", "choose")),
			Right: b(k("right")),
			Send:  b(k("enter"), h("enter", "send")),
			Leave: b(k("esc"), h("esc", "leave")),
		},
		Search: SearchKeys{
			Up:    b(k("up", "ctrl+p"), h("↑/↓", "choose")),
			Down:  b(k("down", "ctrl+n")),
			Open:  b(k("enter"), h("enter", "open")),
			Close: b(k("esc"), h("esc", "close")),
			Fetch: b(k("ctrl+r"), h("ctrl+r", "fetch all")),
		},
		Help: HelpKeys{
			Close: b(k("?", "q", "esc"), h("? esc", "close")),
			Up:    b(k("up", "k")),
			Down:  b(k("down", "j"), h("j/k", "scroll")),
		},
		Profiles: ProfileKeys{
			Up:     b(k("up", "k"), h("↑/↓", "choose")),
			Down:   b(k("down", "j")),
			Choose: b(k("enter"), h("enter", "switch")),
			Close:  b(k("esc", "q"), h("esc", "cancel")),
		},
	}
}

// ShortHelp is the global part of the help bar.
func (g GlobalKeys) ShortHelp() []key.Binding {
	chip := g.Chip
	if !chip.Enabled() {
		chip = g.ChipAlt
	}
	return []key.Binding{chip, g.Help, g.NextFocus, g.NewTask, g.Quit, g.Refresh}
}

// FullHelp is every global binding.
func (g GlobalKeys) FullHelp() [][]key.Binding {
	// Chip (plain digits) is not here: it works only where the
	// suggestions are read, and helpSections lists it there.
	return [][]key.Binding{{g.NextFocus, g.PrevFocus, g.NewTask, g.Refresh, g.ChipAlt, g.ToggleList, g.Log, g.LogAlt, g.Search, g.Help, g.Profiles, g.QuitQ, g.Quit, g.Suspend}}
}

// ShortHelp is the help bar while the overlay is open.
func (h HelpKeys) ShortHelp() []key.Binding { return []key.Binding{h.Down, h.Close} }

// FullHelp is the overlay's own keys.
func (h HelpKeys) FullHelp() [][]key.Binding { return [][]key.Binding{h.ShortHelp()} }

// nth is which of b's keys k is, from 1 (0 when none): the chip number of
// a Chip or ChipAlt press.
func nth(b key.Binding, k string) int {
	return slices.Index(b.Keys(), k) + 1
}

// off disables bindings for the current mode. It never enables one, so a
// binding switched off in the configuration stays off.
func off(bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(false)
	}
}

// keyHint is how a hint names a binding ("ctrl+r").
func keyHint(b key.Binding) string { return b.Help().Key }
