package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/internal/textsafe"
	"aui-tui/theme"
)

// composerMaxLines is how tall the composer grows before it scrolls.
const composerMaxLines = 5

// composerCharLimit bounds one message; a paste that would pass it is
// refused whole with a notice rather than cut off.
const composerCharLimit = 100_000

// composerModel is the message input. Each task keeps its own draft, so
// switching tasks never loses what was typed.
type composerModel struct {
	km      ComposerKeys
	ta      textarea.Model
	drafts  map[string]string
	taskID  string
	intents composerIntents
	// pre and post are the draft before and after the window the text
	// area holds (composer_window.go); outside is their length in
	// characters.
	pre, post string
	outside   int
	// rev changes whenever the draft may have changed, so a watcher can
	// skip reading a long draft after the many messages that leave it be.
	rev int
	// window is the window's size in runes; 0 means windowRunes.
	window int
	// w is the width given; the text area is narrower by narrow cells
	// when the draft holds clusters drawn wider than it measures them
	// (see fitWidth).
	w, narrow int
}

func newComposer(st *theme.Styles, km ComposerKeys, drafts map[string]string) composerModel {
	ta := textarea.New()
	ta.Prompt = "› "
	ta.Placeholder = "type a message…"
	ta.ShowLineNumbers = false
	ta.CharLimit = 0 // counted in characters by overLimit, not in cells
	ta.DynamicHeight = true
	ta.MinHeight = 1
	ta.MaxHeight = composerMaxLines
	// Without a content height the text area refuses a new line once the
	// draft has MaxHeight lines; one no draft can reach lifts that (the
	// character limit is the only bound).
	ta.MaxContentHeight = composerCharLimit + 1
	ta.KeyMap.InsertNewline = km.Newline
	ta.SetHeight(1)
	c := composerModel{km: km, ta: ta, drafts: map[string]string{}}
	for id, d := range drafts {
		if strings.TrimSpace(d) != "" {
			c.drafts[id] = d
		}
	}
	c.applyStyles(st)
	return c
}

func (c *composerModel) applyStyles(st *theme.Styles) {
	s := textarea.DefaultStyles(st.IsDark)
	for _, ss := range []*textarea.StyleState{&s.Focused, &s.Blurred} {
		ss.Prompt = st.Composer.Prompt
		ss.Placeholder = st.Composer.Placeholder
		ss.Text = st.Composer.Text
		ss.CursorLine = st.Composer.Text
	}
	// A steady cursor: blinking would wake the program twice a second
	// while it is otherwise idle.
	s.Cursor.Blink = false
	// The default cursor colour is a light grey, invisible on a light
	// background; the accent reads on both.
	s.Cursor.Color = st.Composer.Prompt.GetForeground()
	c.ta.SetStyles(s)
}

// Focus gives the composer the keyboard. The cursor does not blink (see
// applyStyles), so focusing starts no timer and the text area's command
// is nil.
func (c *composerModel) Focus() { c.ta.Focus() }

// Blur takes the keyboard away.
func (c *composerModel) Blur() { c.ta.Blur() }

// memoKey is everything the composer's look depends on.
func (c *composerModel) memoKey(w int, st *theme.Styles) composerMemoKey {
	return composerMemoKey{value: c.ta.Value(), line: c.ta.Line(), col: c.ta.Column(),
		w: w, h: c.height(), focused: c.ta.Focused(), st: st}
}

// SetSize sets the width; the height follows the text (see height).
func (c *composerModel) SetSize(w, _ int) {
	c.w = max(4, w)
	c.ta.SetWidth(max(4, c.w-c.narrow))
}

// fitWidth narrows the text area so that no row it wraps is cut when drawn.
// The draft is drawn with textsafe.Cells (a family emoji as its people side
// by side: 8 cells where the text area counts 2), so a line holding such
// clusters is wider on screen than the text area measures it; giving the
// text area the widest line's difference less room keeps every character
// on screen, at the cost of a short right margin while such a draft is in.
func (c *composerModel) fitWidth() {
	v, excess := c.ta.Value(), 0
	if textsafe.Cells(v) != v { // most drafts: one quick scan, no split
		for _, l := range strings.Split(v, "\n") {
			if cl := textsafe.Cells(l); cl != l {
				excess = max(excess, ansi.StringWidth(cl)-ansi.StringWidth(l))
			}
		}
	}
	if excess == c.narrow || c.w == 0 {
		return
	}
	c.narrow = excess
	c.ta.SetWidth(max(4, c.w-excess))
	c.ta, _ = c.ta.Update(composerRefresh{})
}

// height is the rows the composer takes now (it grows with its text).
func (c *composerModel) height() int { return max(1, min(composerMaxLines, c.ta.Height())) }

// switchTask saves the draft of the task being left and restores the draft
// of the task being opened.
func (c *composerModel) switchTask(taskID string) {
	if taskID == c.taskID {
		return
	}
	c.drafts[c.taskID] = c.text()
	c.taskID = taskID
	c.setText(c.drafts[taskID])
}

// take empties the composer and returns what was typed (trimmed); the
// caller keeps the text on the sent message, so nothing is lost.
func (c *composerModel) take() string {
	v := strings.TrimSpace(c.text())
	if v == "" {
		return ""
	}
	c.setText("")
	delete(c.drafts, c.taskID)
	return v
}

// restore puts text back when it could not be sent.
func (c *composerModel) restore(text string) {
	if strings.TrimSpace(c.text()) == "" {
		c.setText(text)
	}
}

// takeBack puts a message that was not sent back in front of what is
// being typed, so neither is lost.
func (c *composerModel) takeBack(text string) {
	if cur := c.text(); strings.TrimSpace(cur) != "" {
		text += "\n" + cur
	}
	c.setText(text)
}

func (c *composerModel) value() string { return c.text() }

// draft is the task whose draft is being typed, and the text.
func (c *composerModel) draft() (taskID, text string) { return c.taskID, c.text() }

// setDraft replaces a task's draft: the text in the composer when that
// task is the one being typed for, else the draft kept for it.
func (c *composerModel) setDraft(taskID, text string) {
	if taskID != c.taskID {
		c.drafts[taskID] = text
		return
	}
	c.setText(text)
}

// room is how many more characters the composer takes.
func (c *composerModel) room() int { return composerCharLimit - c.length() }

// composerIntents is what the composer asks of the rest of the program.
type composerIntents struct {
	// send is the text taken out of the composer to be sent.
	send string
	// leave: focus should move on.
	leave bool
	// edit: the draft should go to the user's editor (editor.go).
	edit bool
}

// Update handles the composer's keys (ComposerKeys) and gives everything
// else to the text area.
func (c composerModel) Update(msg tea.Msg) (composerModel, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, c.km.Send):
			c.intents.send = c.take()
			return c, nil
		case key.Matches(k, c.km.Leave):
			c.intents.leave = true
			return c, nil
		case key.Matches(k, c.km.Editor):
			c.intents.edit = true
			return c, nil
		}
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if c.overLimit(k) {
			return c, nil
		}
		c.beforeKey(k)
	}
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg: // the only messages that edit the text area
		c.rev++
	}
	var cmd tea.Cmd
	c.ta, cmd = c.ta.Update(msg)
	c.keepWindow()
	c.fitWidth()
	return c, cmd
}

// takeIntents returns what the composer asked for and forgets it.
func (c *composerModel) takeIntents() composerIntents {
	in := c.intents
	c.intents = composerIntents{}
	return in
}

// ShortHelp is the help bar while the composer has focus.
func (c composerModel) ShortHelp() []key.Binding {
	return []key.Binding{c.km.Send, c.km.Newline, c.km.Leave}
}

// FullHelp is every binding of the composer.
func (c composerModel) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(c.ShortHelp(), c.km.ScrollUp, c.km.Editor)}
}

// View is the text area, drawn as the transcript draws text: clusters
// whose width terminals disagree on (a family emoji, a skin tone) are drawn
// apart and bidi controls are left out, so the border stays put (fitWidth
// leaves the room this takes). Only the drawing changes: the text sent is
// as typed.
func (c composerModel) View() string { return textsafe.StyledOnly(textsafe.Cells(c.ta.View())) }

// allDrafts is every task's unsent text, the one being typed included.
func (c *composerModel) allDrafts() map[string]string {
	out := make(map[string]string, len(c.drafts)+1)
	for id, d := range c.drafts {
		if strings.TrimSpace(d) != "" {
			out[id] = d
		}
	}
	if v := c.text(); strings.TrimSpace(v) != "" {
		out[c.taskID] = v
	} else {
		delete(out, c.taskID)
	}
	return out
}

// drafted is the set of tasks, other than the open one, with unsent text.
func (c *composerModel) drafted() map[string]bool {
	out := map[string]bool{}
	for id, d := range c.drafts {
		if id != c.taskID && strings.TrimSpace(d) != "" {
			out[id] = true
		}
	}
	return out
}
