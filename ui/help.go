package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

// helpSection is one titled group of the ? overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections lists every binding by where it works, the focused pane's
// group first so it survives when the window is too small for all.
func (m Model) helpSections() []helpSection {
	k := m.km
	tk := transcript.DefaultKeyMap()
	secs := map[focus]helpSection{
		focusTasks: {"Task list", []key.Binding{k.TaskUp, k.TaskDown, k.TaskOpen, k.TaskFilter,
			k.TaskPageUp, k.TaskPageDown, k.TaskTop, k.TaskBottom, k.Chip}},
		focusConversation: {"Conversation", append(flatten(tk.FullHelp()),
			k.Copy, k.CopyAll, k.Export, k.ExportJSON)},
		focusComposer: {"Composer", []key.Binding{k.Send, k.Newline, k.LeaveComposer}},
		focusChips:    {"Suggestions", []key.Binding{k.ChipLeft, k.ChipSend, k.Chip, k.ChipAlt}},
	}
	out := []helpSection{secs[m.focus], {"Anywhere", []key.Binding{k.NextFocus, k.PrevFocus, k.NewTask,
		k.Refresh, k.ChipAlt, k.Help, k.QuitQ, k.Quit}}}
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

// renderSection draws a section as aligned "key  description" rows.
func (m Model) renderSection(sec helpSection) string {
	keyW := 0
	for _, b := range sec.keys {
		if b.Enabled() {
			keyW = max(keyW, ansi.StringWidth(b.Help().Key))
		}
	}
	lines := []string{m.st.PaneTitleFocused.Render(sec.title)}
	for _, b := range sec.keys {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		h := b.Help()
		pad := strings.Repeat(" ", keyW-ansi.StringWidth(h.Key)+2)
		lines = append(lines, m.st.Help.Key.Render(h.Key)+pad+m.st.Help.Desc.Render(h.Desc))
	}
	return strings.Join(lines, "\n")
}

// helpOverlay packs the sections into rows that fit the window; sections
// that do not fit are named at the bottom rather than cut in half.
func (m Model) helpOverlay() string {
	frameW, frameH := m.st.Help.Overlay.GetHorizontalFrameSize(), m.st.Help.Overlay.GetVerticalFrameSize()
	maxW, maxH := m.lay.w-frameW, m.lay.mainH-frameH-2
	var rows []string
	var row []string
	rowW, usedH := 0, 0
	var left []string
	flush := func() bool {
		if len(row) == 0 {
			return true
		}
		r := lipgloss.JoinHorizontal(lipgloss.Top, row...)
		if usedH+lipgloss.Height(r)+1 > maxH && len(rows) > 0 {
			return false
		}
		rows = append(rows, r)
		usedH += lipgloss.Height(r) + 1
		row, rowW = nil, 0
		return true
	}
	secs := m.helpSections()
	for i, sec := range secs {
		block := m.renderSection(sec)
		bw := lipgloss.Width(block) + 4
		if rowW > 0 && rowW+bw > maxW {
			if !flush() {
				for _, s := range secs[i-len(row):] {
					left = append(left, s.title)
				}
				row = nil
				break
			}
		}
		row = append(row, lipgloss.NewStyle().PaddingRight(4).Render(block))
		rowW += bw
	}
	if len(row) > 0 && !flush() {
		for _, s := range secs[len(secs)-len(row):] {
			left = append(left, s.title)
		}
	}
	foot := "? or esc closes"
	if len(left) > 0 {
		foot = "more in a larger window: " + strings.Join(left, ", ") + " · " + foot
	}
	body := strings.Join(rows, "\n\n") + "\n\n" + m.st.Help.Desc.Render(ansi.Truncate(foot, max(1, maxW), "…"))
	box := m.st.Help.Overlay.MaxWidth(m.lay.w).Render(body)
	return lipgloss.Place(m.lay.w, m.lay.mainH, lipgloss.Center, lipgloss.Center, box)
}
