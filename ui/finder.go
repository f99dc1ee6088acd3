package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/search"
	"aui-tui/theme"
)

// Searcher finds messages across every cached transcript; *search.Index
// satisfies it. Count is how many transcripts it holds; Has, whether it
// holds a task's.
type Searcher interface {
	Search(q search.Query, limit int) (search.Result, error)
	Count() int
	Has(taskID string) bool
}

// finderLimit is how many hits one search returns: more than a screen
// shows, so moving through them needs no new search.
const finderLimit = 100

// finderModel is the "search all conversations" overlay: a query line and
// the newest hits. Each keystroke starts a search off the Update loop; a
// result for an older query is dropped.
type finderModel struct {
	com   *common
	open  bool
	input textinput.Model
	seq   int // the newest search started
	// running: a search is under way; stale: the query changed since it
	// started.
	running, stale bool
	hits           []search.Hit
	cur            int
	// searched is how many transcripts the last search looked through.
	searched int
	// indexed is how many transcripts the index holds, counted off the
	// UI's goroutine when the overlay opens and after each fetch (it
	// reads the index's folder); -1 until counted.
	indexed int
	err     string
	fetch   finderFetch
	// jump is a hit opened whose task's transcript has not yet shown the
	// message; it is applied once it does.
	jump *searchJump
}

// searchJump is where enter on a hit lands: the message keyed key in task
// taskID, its match (query) highlighted.
type searchJump struct {
	taskID, key, query string
}

// finderResultMsg carries the hits of search seq.
type finderResultMsg struct {
	seq int
	res search.Result
	err error
}

func newFinder(com *common) finderModel {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = `words, "a phrase"`
	in.CharLimit = 200
	f := finderModel{com: com, input: in, indexed: -1}
	f.applyStyles(com.st)
	return f
}

func (f *finderModel) applyStyles(st *theme.Styles) {
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Prompt = st.Tasks.FilterPrompt
	s.Focused.Placeholder = st.Composer.Placeholder
	s.Cursor.Blink = false
	f.input.SetStyles(s)
}

// finderCountMsg is how many transcripts the index holds.
type finderCountMsg struct{ n int }

func finderCountCmd(s Searcher) tea.Cmd {
	return func() tea.Msg { return finderCountMsg{n: s.Count()} }
}

func finderCmd(s Searcher, seq int, query string, listed []api.Task) tea.Cmd {
	return func() tea.Msg {
		q := search.Parse(query)
		res, err := s.Search(q, finderLimit)
		if err == nil {
			res.Hits = withListedTitles(s, q, res.Hits, listed)
		}
		return finderResultMsg{seq: seq, res: res, err: err}
	}
}

// withListedTitles adds to hits the tasks of the list whose titles match q
// but whose transcripts are not indexed (never opened here): the list shows
// them, so a search for their title must find them. Hits stay newest
// first, at most finderLimit.
func withListedTitles(s Searcher, q search.Query, hits []search.Hit, listed []api.Task) []search.Hit {
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		seen[h.TaskID] = true
	}
	added := false
	for _, t := range listed {
		if seen[t.ID] {
			continue
		}
		created, _ := t.Created()
		if h, ok := q.TitleHit(t.ID, t.Title, created); ok && !s.Has(t.ID) {
			hits, seen[t.ID], added = append(hits, h), true, true
		}
	}
	if !added {
		return hits
	}
	slices.SortStableFunc(hits, func(a, b search.Hit) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return hits[:min(len(hits), finderLimit)]
}

// onFinderKey handles ctrl+f, and every key while the overlay is open;
// ok false leaves the key to the rest of the program.
func (m *Model) onFinderKey(k tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	f := &m.finder
	if !f.open {
		if !key.Matches(k, m.com.keys.Global.Search) || m.capturing() {
			return nil, false
		}
		if m.com.cfg.Search == nil {
			return m.notify(levelWarn, "Searching needs the local cache, which is off or held by another aui-tui."), true
		}
		f.open, f.err = true, ""
		return tea.Batch(f.input.Focus(), m.searchAgain(), finderCountCmd(m.com.cfg.Search)), true
	}
	km := m.com.keys.Search
	switch {
	case key.Matches(k, m.com.keys.Global.Quit):
		return nil, false // quitting works everywhere
	case key.Matches(k, km.Fetch):
		return m.startFetch(), true
	case key.Matches(k, km.Close):
		f.open = false
		f.input.Blur()
	case key.Matches(k, km.Open):
		if f.cur < len(f.hits) {
			f.open = false
			f.input.Blur()
			return m.openHit(f.hits[f.cur]), true
		}
	case key.Matches(k, km.Up):
		f.cur = max(f.cur-1, 0)
	case key.Matches(k, km.Down):
		f.cur = min(f.cur+1, max(len(f.hits)-1, 0))
	default:
		before := f.input.Value()
		f.input, cmd = f.input.Update(k)
		if f.input.Value() != before {
			cmd = tea.Batch(cmd, m.searchAgain())
		}
	}
	return cmd, true
}

// onFinderPaste types pasted text into the query, on one line.
func (m *Model) onFinderPaste(p tea.PasteMsg) tea.Cmd {
	f := &m.finder
	before := f.input.Value()
	p.Content = strings.Join(strings.Fields(p.Content), " ")
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(p)
	if f.input.Value() != before {
		cmd = tea.Batch(cmd, m.searchAgain())
	}
	return cmd
}

// searchAgain searches for what the query line holds.
// One search runs at a time: keys typed meanwhile are searched for, all
// at once, when it ends, so fast typing over a large cache does not pile up
// scans on the processors the UI needs.
func (m *Model) searchAgain() tea.Cmd {
	f := &m.finder
	f.seq++
	if search.Parse(f.input.Value()).Empty() {
		f.hits, f.cur, f.err = nil, 0, ""
		return nil
	}
	if f.running {
		f.stale = true
		return nil
	}
	f.running = true
	return finderCmd(m.com.cfg.Search, f.seq, f.input.Value(), slices.Clone(m.tasks.items))
}

// onFinderResult shows a search's hits, then searches for what was typed
// while it ran.
func (m *Model) onFinderResult(msg finderResultMsg) tea.Cmd {
	f := &m.finder
	f.running = false
	if f.stale {
		f.stale = false
		return m.searchAgain()
	}
	f.onResult(msg)
	return nil
}

func (f *finderModel) onCount(msg finderCountMsg) { f.indexed = msg.n }

func (f *finderModel) onResult(msg finderResultMsg) {
	if msg.seq != f.seq {
		return
	}
	f.err = ""
	if msg.err != nil {
		f.err = "The search failed: " + msg.err.Error()
	}
	f.hits, f.searched = msg.res.Hits, msg.res.Searched
	f.cur = min(f.cur, max(len(f.hits)-1, 0))
}

// openHit opens the hit's task and, once its transcript shows the message,
// scrolls to it with the match highlighted (see landSearchJump).
func (m *Model) openHit(h search.Hit) tea.Cmd {
	m.chat.Titled(h.TaskID, h.Title)
	cmd := m.openTask(h.TaskID)
	m.finder.jump = nil
	if h.Pos >= 0 {
		k := h.MessageID
		if k == "" {
			k = fmt.Sprintf("msg-%d", h.Pos) // as entriesFromMessages keys it
		}
		m.finder.jump = &searchJump{taskID: h.TaskID, key: k, query: h.Text[h.Match[0]:h.Match[1]]}
	}
	m.setFocus(focusConversation)
	return tea.Batch(cmd, m.landSearchJump())
}

// landSearchJump applies a pending jump once the open transcript holds its
// message; the server's copy without it ends the wait, with a notice.
func (m *Model) landSearchJump() tea.Cmd {
	j := m.finder.jump
	if j == nil || m.chat.OpenID() != j.taskID {
		return nil
	}
	// The cached copy may show first and the server's replace it (which
	// starts the find afresh), so the jump is made again until the
	// server's copy is in, or known not to come.
	found, settled := m.chat.Jump(j.taskID, j.key, j.query)
	if settled {
		m.finder.jump = nil
		if !found {
			return m.notify(levelWarn, "That message is no longer in the transcript.")
		}
	}
	return nil
}

// finderView draws the overlay over the panes: the query, a line about
// what was searched, and one line per hit.
func (m Model) finderView() string {
	f := &m.finder
	st := m.com.st
	ov := st.Help.Overlay
	w := max(20, m.lay.w-ov.GetHorizontalFrameSize())
	h := max(3, m.lay.mainH-ov.GetVerticalFrameSize())
	f.input.SetWidth(w - len(f.input.Prompt) - 1)
	lines := []string{st.Help.Key.Render("Search all conversations"), f.input.View()}
	// The status wraps rather than lose its end, which says how to fetch
	// the tasks not cached; it leaves a row for hits.
	lines = append(lines, wrapLines(st.Help.Desc, m.finderStatus(), w, max(1, min(finderStatusLines, h-len(lines)-1)))...)
	rows := h - len(lines)
	first := max(0, f.cur-rows+1)
	for i := first; i < len(f.hits) && i < first+rows; i++ {
		lines = append(lines, m.hitLine(f.hits[i], w, i == f.cur))
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		lines[i] = l + strings.Repeat(" ", max(0, w-ansi.StringWidth(l)))
	}
	return lipgloss.Place(m.lay.w, m.lay.mainH, lipgloss.Center, lipgloss.Center, ov.Render(strings.Join(lines, "\n")))
}

// finderStatus says how many hits there are, what was searched and how
// many tasks are not cached yet, with the way to fetch them.
func (m Model) finderStatus() string {
	f := &m.finder
	if f.err != "" {
		return f.err
	}
	var s string
	switch {
	case search.Parse(f.input.Value()).Empty():
		s = "Type words or \"a phrase\"; every word must match. ↑↓ choose, enter opens, esc closes."
	case len(f.hits) == 0:
		s = fmt.Sprintf("No match in %s%s.", count(f.searched, "cached conversation"), m.listedWords(" or"))
	case len(f.hits) == finderLimit:
		s = fmt.Sprintf("The newest %d matches in %s%s.", len(f.hits), count(f.searched, "cached conversation"), m.listedWords(" and"))
	default:
		s = fmt.Sprintf("%s in %s%s.", count(len(f.hits), "match"), count(f.searched, "cached conversation"), m.listedWords(" and"))
	}
	if f.fetch.running {
		return s + f.fetch.status()
	}
	if missing := m.tasks.total - f.indexed; f.indexed >= 0 && missing > 0 {
		how := keyHint(m.com.keys.Search.Fetch) + " fetches them"
		if m.com.cfg.Store == nil {
			how = "opening them adds them"
		}
		s += fmt.Sprintf(" %d of %d tasks are not cached yet: %s.", missing, m.tasks.total, how)
	}
	return s
}

// count is "1 match", "2 matches": n and the noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "ch") || strings.HasSuffix(noun, "s") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// listedWords says that the task list's titles were searched too, after
// a conjunction.
func (m Model) listedWords(conj string) string {
	switch n := len(m.tasks.items); {
	case n == 0:
		return ""
	case n < m.tasks.total:
		// The rest of the list is not loaded: say what was searched.
		return fmt.Sprintf("%s the %s loaded", conj, count(n, "task title"))
	}
	return conj + " the task list"
}

// finderStatusLines is how many lines the status may take: enough for the
// way to fetch what is not cached, at 80 columns.
const finderStatusLines = 3

// hitLine is one hit: when, the task, who, and the text around the match.
func (m Model) hitLine(h search.Hit, w int, current bool) string {
	st := m.com.st
	when := "     "
	if !h.CreatedAt.IsZero() {
		when = shortTime(h.CreatedAt.In(m.com.cfg.Location), m.com.cfg.Now())
	}
	who := h.Sender
	if h.Pos < 0 {
		who = "title"
	}
	head := fmt.Sprintf("%s  %s  %s: ", when, cells.Column(h.Title, 24), who)
	before, match, after := h.Snippet(max(10, w-ansi.StringWidth(head)-2))
	line := head + before + st.Chat.Match.Render(match) + after
	if current {
		return st.Tasks.Selected.Render("▌") + ansi.Truncate(line, w-1, "…")
	}
	return " " + ansi.Truncate(line, w-1, "…")
}

// shortTime is a hit's time: the clock today, the date otherwise.
func shortTime(t, now time.Time) string {
	if y, mo, d := t.Date(); y == now.Year() && mo == now.Month() && d == now.Day() {
		return t.Format("15:04") + "       "
	}
	if t.Year() == now.Year() {
		return t.Format("Jan 02 15:04")
	}
	return t.Format("2006-01-02  ")
}
