package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// shortHelp is the help bar: the focused pane's keys for its mode, then
// the global keys enabled in that mode.
func (m Model) shortHelp() []key.Binding {
	if pk := m.com.cfg.ViewerKeys; pk != nil {
		return pk
	}
	var pane []key.Binding
	switch m.focus {
	case focusTasks:
		pane = m.tasks.ShortHelp()
	case focusConversation:
		pane = m.chat.ShortHelp()
	case focusChips:
		pane = m.chips.ShortHelp()
	case focusComposer:
		pane = m.composer.ShortHelp()
	}
	// The bar keeps ? first among the global keys: the rest are a keypress
	// away in the full help.
	return append(pane, m.globalKeys().ShortHelp()...)
}

// helpBarLine is the help bar: as many whole bindings as fit the window,
// then "…". The help model's own cut adds a binding that does not fit when
// its "…" would not fit either, and cutting that line splits a word.
func (m Model) helpBarLine(keys []key.Binding) string {
	h := m.help
	h.SetWidth(0) // measured here
	ellipsis := " " + h.Styles.Ellipsis.Render(h.Ellipsis)
	for n := len(keys); n > 0; n-- {
		s := h.ShortHelpView(keys[:n])
		if n < len(keys) {
			s += ellipsis
		}
		if ansi.StringWidth(s) <= m.lay.w {
			return s
		}
	}
	return ansi.Truncate(h.ShortHelpView(keys), m.lay.w, "…")
}

// helpSection is one titled group of the ? overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections lists every binding of the live KeyMap by where it works,
// the focused pane's group first so it survives when the window is too
// small for all.
func (m Model) helpSections() []helpSection {
	chip := m.com.keys.Global.Chip // plain digits: only where suggestions are read
	secs := map[focus]helpSection{
		focusTasks:        {"Task list", flatten(m.tasks.FullHelp())},
		focusConversation: {"Conversation", append(flatten(m.chat.FullHelp()), chip)},
		focusComposer:     {"Composer", flatten(m.composer.FullHelp())},
		focusChips:        {"Suggestions", append(flatten(m.chips.FullHelp()), chip)},
	}
	out := []helpSection{secs[m.focus], {"Anywhere", flatten(m.com.keys.Global.FullHelp())}}
	for _, f := range focusOrder {
		if f != m.focus {
			out = append(out, secs[f])
		}
	}
	return out
}

func flatten(groups [][]key.Binding) []key.Binding {
	var out []key.Binding
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
