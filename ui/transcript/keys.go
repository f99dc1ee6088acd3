package transcript

import "charm.land/bubbles/v2/key"

// KeyMap holds the transcript's bindings. They apply only while the
// transcript is focused. The top-level bindings read and navigate; Find
// applies while the find prompt is open and Raw while the raw JSON view is
// (every key goes here then). Update in update.go handles all of them.
type KeyMap struct {
	LineUp, LineDown         key.Binding
	PageUp, PageDown         key.Binding
	HalfPageUp, HalfPageDown key.Binding
	Top, Bottom              key.Binding
	PrevMessage, NextMessage key.Binding
	PrevUser, NextUser       key.Binding
	Find, FindNext, FindPrev key.Binding
	// ClearFind drops the active find's highlights.
	ClearFind key.Binding
	Raw       key.Binding
	// OpenLink opens the focused message's link (its card's, when it has
	// one card; else Details opens to choose); Details shows every field
	// of its cards.
	OpenLink, Details key.Binding

	Prompt  FindKeys
	RawView RawKeys
	Cards   CardKeys

	// Retry is not handled here: it is the program's key for sending a
	// failed message again, named in that message's hint.
	Retry key.Binding
}

// FindKeys edit the find prompt; other keys with text are typed into it.
type FindKeys struct {
	Confirm, Cancel, DeleteBack, Clear key.Binding
}

// RawKeys act on the raw JSON view; the scroll bindings of KeyMap scroll it.
type RawKeys struct {
	Close key.Binding
}

// CardKeys act on the card details view: choose a card (OpenLink opens
// its link, the scroll bindings of KeyMap page through), or close.
type CardKeys struct {
	Prev, Next, Close key.Binding
}

// DefaultKeyMap is the less/vim-like default set.
func DefaultKeyMap() KeyMap {
	b, k, h := key.NewBinding, key.WithKeys, key.WithHelp
	return KeyMap{
		LineUp:       b(k("up", "k"), h("↑/k", "scroll up")),
		LineDown:     b(k("down", "j"), h("↓/j", "scroll down")),
		PageUp:       b(k("pgup"), h("pgup", "page up")),
		PageDown:     b(k("pgdown", "space"), h("pgdn/space", "page down")),
		HalfPageUp:   b(k("ctrl+u"), h("ctrl+u", "half page up")),
		HalfPageDown: b(k("ctrl+d"), h("ctrl+d", "half page down")),
		Top:          b(k("g", "home"), h("g/home", "top")),
		Bottom:       b(k("G", "end"), h("G/end", "bottom")),
		PrevMessage:  b(k("["), h("[", "previous message")),
		NextMessage:  b(k("]"), h("]", "next message")),
		PrevUser:     b(k("{"), h("{", "previous prompt")),
		NextUser:     b(k("}"), h("}", "next prompt")),
		Find:         b(k("/"), h("/", "find")),
		FindNext:     b(k("n"), h("n", "next match")),
		FindPrev:     b(k("N"), h("N", "previous match")),
		ClearFind:    b(k("esc"), h("esc", "clear find")),
		Raw:          b(k("v"), h("v", "raw JSON")),
		OpenLink:     b(k("o"), h("o", "open link")),
		Details:      b(k("enter"), h("enter", "card details")),
		Prompt: FindKeys{
			Confirm:    b(k("enter"), h("enter", "confirm")),
			Cancel:     b(k("esc"), h("esc", "cancel")),
			DeleteBack: b(k("backspace"), h("backspace", "delete")),
			Clear:      b(k("ctrl+u"), h("ctrl+u", "clear")),
		},
		RawView: RawKeys{
			Close: b(k("esc", "v", "q"), h("esc/v/q", "close raw JSON")),
		},
		Cards: CardKeys{
			Prev:  b(k("up", "k", "left", "h"), h("↑↓", "card")),
			Next:  b(k("down", "j", "right", "l")),
			Close: b(k("esc", "enter", "q"), h("esc", "close details")),
		},
		Retry: b(k("ctrl+r"), h("ctrl+r", "retry")),
	}
}

// ShortHelp is the help bar's view of the reading bindings.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.LineDown, k.PrevMessage, k.NextMessage, k.Find, k.Raw}
}

// FullHelp is the help overlay's view of the bindings, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.LineUp, k.LineDown, k.PageUp, k.PageDown, k.HalfPageUp, k.HalfPageDown, k.Top, k.Bottom},
		{k.PrevMessage, k.NextMessage, k.PrevUser, k.NextUser},
		{k.Find, k.FindNext, k.FindPrev, k.ClearFind, k.Raw, k.RawView.Close},
		{k.Details, k.OpenLink, k.Cards.Prev, k.Cards.Close},
	}
}

// ShortHelp is the help bar for the transcript's current mode: the find
// prompt's keys while it is open, the raw view's while that is, else the
// reading keys (with the key that clears an active find).
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.details != nil:
		return []key.Binding{k.Cards.Prev, k.OpenLink, k.Cards.Close}
	case m.raw != nil:
		return []key.Binding{k.RawView.Close, k.LineDown, k.PageDown}
	case m.find.prompt:
		return []key.Binding{k.Prompt.Confirm, k.Prompt.Cancel, k.Prompt.Clear}
	case m.CanDismiss():
		return append(k.ShortHelp(), k.ClearFind)
	}
	return k.ShortHelp()
}

// FullHelp is every binding, as KeyMap.FullHelp.
func (m Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }
