package transcript

import "charm.land/bubbles/v2/key"

// KeyMap holds the transcript's bindings. They apply only while the
// transcript is focused; Confirm and Cancel act on the find prompt and the
// raw view.
type KeyMap struct {
	LineUp, LineDown         key.Binding
	PageUp, PageDown         key.Binding
	HalfPageUp, HalfPageDown key.Binding
	Top, Bottom              key.Binding
	PrevMessage, NextMessage key.Binding
	PrevUser, NextUser       key.Binding
	Find, FindNext, FindPrev key.Binding
	Raw                      key.Binding
	Confirm, Cancel          key.Binding
}

// DefaultKeyMap is the less/vim-like default set.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		LineUp:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		LineDown:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "ctrl+b"), key.WithHelp("pgup/ctrl+b", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "ctrl+f", "space"), key.WithHelp("pgdn/ctrl+f/space", "page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "half page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "half page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		PrevMessage:  key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous message")),
		NextMessage:  key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next message")),
		PrevUser:     key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous prompt")),
		NextUser:     key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next prompt")),
		Find:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find")),
		FindNext:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		FindPrev:     key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Raw:          key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "raw JSON")),
		Confirm:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		Cancel:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close/clear")),
	}
}

// ShortHelp is the help bar's view of the bindings.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.LineDown, k.PrevMessage, k.NextMessage, k.Find, k.Raw}
}

// FullHelp is the help overlay's view of the bindings, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.LineUp, k.LineDown, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom},
		{k.PrevMessage, k.NextMessage, k.PrevUser, k.NextUser},
		{k.Find, k.FindNext, k.FindPrev, k.Raw, k.Cancel},
	}
}
