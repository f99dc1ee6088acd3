package transcript

import (
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// wheelStep is how many lines one mouse wheel notch scrolls.
const wheelStep = 3

// Update handles keys (only while focused) and the mouse wheel (the root
// sends wheel events only when the pointer is over the pane).
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		m.unpin()
		m.wheel(msg.Mouse().Button)
	case tea.PasteMsg:
		if m.focused && m.find.prompt {
			m.typeFind(m.find.input + msg.Content)
		}
	case tea.KeyPressMsg:
		if !m.focused {
			return m, nil
		}
		var cmd tea.Cmd
		switch {
		case m.details != nil:
			cmd = m.detailsKey(msg)
		case m.raw != nil:
			m.rawKey(msg)
		case m.find.prompt:
			m.promptKey(msg)
		default:
			m.unpin() // the reader takes over the scroll position
			cmd = m.navKey(msg)
		}
		m.sync()
		return m, cmd
	default:
		return m, nil
	}
	m.sync()
	return m, nil
}

// openLink asks the program to open url ("" says there is none).
func openLink(url string) tea.Cmd {
	return func() tea.Msg { return OpenLinkMsg{URL: url} }
}

// openCardLink opens the focused message's link when it has exactly one
// card with links, else shows its cards to choose from.
func (m *Model) openCardLink() tea.Cmd {
	i := m.targetIndex()
	if i < 0 {
		return openLink("")
	}
	var links []string
	for _, c := range entryCards(m.items[i].e) {
		if ls := cardLinks(c); len(ls) > 0 {
			links = append(links, ls[0])
		}
	}
	switch len(links) {
	case 0:
		return openLink("")
	case 1:
		return openLink(links[0])
	}
	m.openDetails(i)
	return nil
}

// openDetails shows entry i's cards in full, if it has any.
func (m *Model) openDetails(i int) {
	if i < 0 || len(entryCards(m.items[i].e)) == 0 {
		return
	}
	m.details = newDetailsView(m.items[i].e, m.w, m.st)
	m.details.selectCard(0, rawRows(m.h), m.st)
}

// detailsKey chooses a card, opens its link, pages, or closes the view.
func (m *Model) detailsKey(msg tea.KeyPressMsg) tea.Cmd {
	k, v, rows := m.keys, m.details, rawRows(m.h)
	switch {
	case key.Matches(msg, k.Cards.Close):
		m.details = nil
	case key.Matches(msg, k.OpenLink):
		return openLink(v.link())
	case key.Matches(msg, k.Cards.Prev):
		v.selectCard(-1, rows, m.st)
	case key.Matches(msg, k.Cards.Next):
		v.selectCard(1, rows, m.st)
	case key.Matches(msg, k.PageUp):
		v.scroll(-max(rows, 1), rows)
	case key.Matches(msg, k.PageDown):
		v.scroll(max(rows, 1), rows)
	case key.Matches(msg, k.Top):
		v.off = 0
	case key.Matches(msg, k.Bottom):
		v.scroll(len(v.lines), rows)
	}
	return nil
}

// DetailsText is the selected card of the details view as plain text,
// false when the view is closed.
func (m Model) DetailsText() (string, bool) {
	if m.details == nil {
		return "", false
	}
	return m.details.text(), true
}

func (m *Model) wheel(b tea.MouseButton) {
	n := 0
	switch b {
	case tea.MouseWheelUp:
		n = -wheelStep
	case tea.MouseWheelDown:
		n = wheelStep
	default:
		return
	}
	if m.raw != nil {
		m.raw.scroll(n, rawRows(m.h))
		return
	}
	if m.details != nil {
		m.details.scroll(n, rawRows(m.h))
		return
	}
	m.scrollBy(n)
}

// navKey handles the transcript's own keys; others are ignored so the root
// can use them.
func (m *Model) navKey(msg tea.KeyPressMsg) tea.Cmd {
	k, page := m.keys, max(m.contentHeight(), 1)
	switch {
	case key.Matches(msg, k.LineUp):
		m.scrollBy(-1)
	case key.Matches(msg, k.LineDown):
		m.scrollBy(1)
	case key.Matches(msg, k.PageUp):
		m.scrollBy(-page)
	case key.Matches(msg, k.PageDown):
		m.scrollBy(page)
	case key.Matches(msg, k.HalfPageUp):
		m.scrollBy(-max(page/2, 1))
	case key.Matches(msg, k.HalfPageDown):
		m.scrollBy(max(page/2, 1))
	case key.Matches(msg, k.Top):
		m.scrollTop()
	case key.Matches(msg, k.Bottom):
		m.scrollBottom()
	case key.Matches(msg, k.PrevMessage):
		m.jump(-1, false)
	case key.Matches(msg, k.NextMessage):
		m.jump(1, false)
	case key.Matches(msg, k.PrevUser):
		m.jump(-1, true)
	case key.Matches(msg, k.NextUser):
		m.jump(1, true)
	case key.Matches(msg, k.Find):
		m.openFind()
	case key.Matches(msg, k.FindNext):
		m.stepMatch(1)
	case key.Matches(msg, k.FindPrev):
		m.stepMatch(-1)
	case key.Matches(msg, k.Raw):
		m.openRaw()
	case key.Matches(msg, k.OpenLink):
		return m.openCardLink()
	case key.Matches(msg, k.Details):
		m.openDetails(m.targetIndex())
	case key.Matches(msg, k.ClearFind):
		if m.find.query != "" {
			m.find.reset()
		}
	}
	return nil
}

// openRaw shows the focused entry's JSON. When the focused entry is out of
// view, the entry at the top of the view is focused and shown instead: the
// reader means what is on screen.
func (m *Model) openRaw() {
	if i := m.targetIndex(); i >= 0 {
		m.raw = newRawView(m.items[i].e, m.w, m.keys.Retry.Help().Key)
	}
}

// targetIndex is the entry a command acts on: the focused entry when it is
// on screen, else the one at the top of the view, which then becomes the
// focused entry so the focus bar shows what was acted on. -1 when empty.
func (m *Model) targetIndex() int {
	i := m.focusIndex()
	if i < 0 {
		return -1
	}
	if _, vis := m.rowOf(i); !vis {
		m.clampTop()
		i = m.top.idx
		if m.top.off > 0 && m.top.off >= m.heightAt(i)-1 && i+1 < len(m.items) {
			i++ // only its separator line is left on screen
		}
		m.focusKey = m.items[i].e.Key
	}
	return i
}

// Target returns the entry a command such as copy acts on: the focused one
// when it is on screen, else the one at the top of the view (which becomes
// focused). false when the transcript is empty.
func (m *Model) Target() (Entry, bool) {
	i := m.targetIndex()
	if i < 0 {
		return Entry{}, false
	}
	m.sync()
	return m.items[i].e, true
}

// Describe names an entry for a notice: "agent message of 14:02", "your
// message of Mar 9 14:02", "welcome message".
func (m Model) Describe(e Entry) string {
	who := "agent message"
	switch {
	case e.Welcome:
		return "welcome message"
	case e.fromUser():
		who = "your message"
	}
	loc, now := m.loc, time.Now()
	if loc == nil {
		loc = time.Local
	}
	if m.now != nil {
		now = m.now()
	}
	if t := formatTime(e.Msg.CreatedAt.Time, loc, now); t != "" {
		return who + " of " + t
	}
	return who
}

// RawText is the JSON the raw view shows, false when it is closed.
func (m Model) RawText() (string, bool) {
	if m.raw == nil {
		return "", false
	}
	return m.raw.text, true
}

// promptKey edits the find prompt; every key is taken.
func (m *Model) promptKey(msg tea.KeyPressMsg) {
	k := m.keys.Prompt
	switch {
	case key.Matches(msg, k.Confirm):
		m.confirmFind()
	case key.Matches(msg, k.Cancel):
		m.cancelFind()
	case key.Matches(msg, k.DeleteBack):
		in := m.find.input
		if in == "" {
			m.cancelFind()
			return
		}
		_, size := utf8.DecodeLastRuneInString(in)
		m.typeFind(in[:len(in)-size])
	case key.Matches(msg, k.Clear):
		m.typeFind("")
	case msg.Text != "":
		m.typeFind(m.find.input + msg.Text)
	}
}

// rawKey scrolls or closes the raw JSON view.
func (m *Model) rawKey(msg tea.KeyPressMsg) {
	k, v, rows := m.keys, m.raw, rawRows(m.h)
	page := max(rows, 1)
	switch {
	case key.Matches(msg, k.RawView.Close):
		m.raw = nil
	case key.Matches(msg, k.LineUp):
		v.scroll(-1, rows)
	case key.Matches(msg, k.LineDown):
		v.scroll(1, rows)
	case key.Matches(msg, k.PageUp):
		v.scroll(-page, rows)
	case key.Matches(msg, k.PageDown):
		v.scroll(page, rows)
	case key.Matches(msg, k.HalfPageUp):
		v.scroll(-max(page/2, 1), rows)
	case key.Matches(msg, k.HalfPageDown):
		v.scroll(max(page/2, 1), rows)
	case key.Matches(msg, k.Top):
		v.off = 0
	case key.Matches(msg, k.Bottom):
		v.scroll(len(v.lines), rows)
	}
}

// jump moves the focus to the previous or next message (only user messages
// when userOnly) and scrolls it into view. When the focused message is out
// of view, the move starts from what is on screen instead.
func (m *Model) jump(dir int, userOnly bool) {
	n := len(m.items)
	if n == 0 {
		return
	}
	cur := m.focusIndex()
	if _, vis := m.rowOf(cur); !vis {
		// Start from the view: "next" is the first entry whose top is on
		// screen, "previous" the one whose top is just above it.
		cur = m.top.idx
		if dir > 0 && m.top.off == 0 {
			cur--
		}
		if dir < 0 && m.top.off > 0 {
			cur++
		}
	}
	for i := cur + dir; i >= 0 && i < n; i += dir {
		if !userOnly || m.items[i].e.fromUser() {
			m.focusKey = m.items[i].e.Key
			m.reveal(i)
			return
		}
	}
}
