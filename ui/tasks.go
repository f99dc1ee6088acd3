package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/export"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"
)

// tasksModel is the task-list pane: the user's tasks as loaded page by page,
// a cursor, and a filter over what is loaded.
type tasksModel struct {
	st *theme.Styles
	km ListKeys
	// newKey is named in the empty list's hint.
	newKey key.Binding
	// loc and now date the rows (tests pin them).
	loc *time.Location
	now func() time.Time

	items    []api.Task
	total    int
	pageSize int
	// gen counts refreshes; a page from an older generation is dropped.
	gen     int
	loading bool
	// served: a page came from the server, so a cached one is not needed.
	served bool
	// fromCache: the list shown was read from the cache, so the server's
	// first page replaces it rather than being merged with it (a task
	// deleted since must not linger).
	fromCache bool
	loaded    bool
	err       string
	errHint   string

	cursor, offset int
	filter         textinput.Model
	filtering      bool
	query          string
	visible        []int // indices into items that pass the filter

	openID  string
	focused bool
	hideIDs bool // presenter mode: titles only (HideIDs)
	w, h    int
	// rev changes whenever items or the filter result change; the pane's
	// render cache keys on it.
	rev int
	// toBottom: G was pressed before every page was loaded; the cursor
	// follows the pages in until the last task.
	toBottom bool
	// drafted marks tasks with unsent text (set by the root from the
	// composer's drafts).
	drafted map[string]bool
	// spin is the spinner's frame, shown while loading.
	spin string
	// host is the server asked; loadStart is when the page on its way was
	// asked for, and waited how long ago that was at the last spinner
	// frame: a server slow to answer is named while the list waits.
	host      string
	loadStart time.Time
	waited    time.Duration
	intents   tasksIntents
}

// setDrafted replaces the set of tasks with unsent text.
func (t *tasksModel) setDrafted(d map[string]bool) {
	t.drafted = d
	t.rev++
}

// tasksIntents is what the list asks of the rest of the program.
type tasksIntents struct {
	// open is the task chosen with enter.
	open string
}

func newTasks(st *theme.Styles, km KeyMap, pageSize int) tasksModel {
	fi := textinput.New()
	fi.Prompt = "/"
	fi.Placeholder = "filter tasks"
	fi.CharLimit = 200
	t := tasksModel{st: st, km: km.List, newKey: km.Global.NewTask, pageSize: pageSize, filter: fi, loading: true}
	t.applyStyles(st)
	return t
}

// Loaded reports whether a page of tasks has arrived since the start.
func (t tasksModel) Loaded() bool { return t.loaded }

// HideIDs leaves the task ids out of the rows, for presenter mode.
func (t *tasksModel) HideIDs() { t.hideIDs = true }

func (t *tasksModel) applyStyles(st *theme.Styles) {
	t.st = st
	s := textinput.DefaultStyles(st.IsDark)
	s.Focused.Prompt = st.Tasks.FilterPrompt
	s.Blurred.Prompt = st.Tasks.FilterPrompt
	s.Focused.Placeholder = st.Composer.Placeholder
	s.Blurred.Placeholder = st.Composer.Placeholder
	// The default text colours of a blurred input read at 3.45:1 on a
	// light background; the palette's pass 4.5:1.
	s.Focused.Text = st.Composer.Text
	s.Blurred.Text = st.Composer.Text
	s.Cursor.Blink = false
	s.Cursor.Color = st.Tasks.FilterPrompt.GetForeground()
	t.filter.SetStyles(s)
}

// SetSize sets the pane's inner size.
func (t *tasksModel) SetSize(w, h int) {
	t.w, t.h = w, h
	t.filter.SetWidth(max(1, w-2))
	t.clampOffset()
}

// beginRefresh starts a new generation: pages of the old one are ignored.
func (t *tasksModel) beginRefresh() int {
	t.gen++
	t.err = ""
	t.startLoading()
	return t.gen
}

// startLoading marks a page as on its way, from now.
func (t *tasksModel) startLoading() {
	t.loading, t.waited = true, 0
	if t.now != nil {
		t.loadStart = t.now()
	}
}

// beginLoad marks page as loading and returns the generation its request
// carries; page 1 starts a new generation (a refresh).
func (t *tasksModel) beginLoad(page int) int {
	if page <= 1 {
		return t.beginRefresh()
	}
	t.startLoading()
	return t.gen
}

// Focus marks the list as having the keyboard.
func (t *tasksModel) Focus() { t.focused = true }

// Blur marks the list as not having it.
func (t *tasksModel) Blur() { t.focused = false }

// SetSpinner sets the spinner frame shown while loading.
func (t *tasksModel) SetSpinner(frame string) {
	t.spin = frame
	if t.loading && t.now != nil && !t.loadStart.IsZero() {
		t.waited = t.now().Sub(t.loadStart)
	}
}

// slowAnswer is how long the list waits in silence before it says which
// server it is waiting for.
const slowAnswer = 3 * time.Second

// loading reports whether a page is on its way.
func (t *tasksModel) isLoading() bool { return t.loading }

// generation is the current refresh generation, which a page must carry.
func (t *tasksModel) generation() int { return t.gen }

// loadedCount is how many tasks are loaded.
func (t *tasksModel) loadedCount() int { return len(t.items) }

// setOpen marks the open task.
func (t *tasksModel) setOpen(id string) { t.openID = id }

// nextPage is the 1-based page to ask for after what is loaded.
func (t *tasksModel) nextPage() int {
	return len(t.items)/max(1, t.pageSize) + 1
}

// applyPage merges a loaded page. Page 1 replaces the list (a refresh) and
// keeps the cursor on the task it was on.
func (t *tasksModel) applyPage(p api.TaskPage) {
	t.loading = false
	t.loaded = true
	t.err = ""
	t.total = p.Total
	selected := t.selectedID()
	if p.Page <= 1 {
		// A refresh: page 1 comes first, fresh; the tasks loaded from later
		// pages stay after it, so the cursor and the open task keep their
		// place instead of the list shrinking back to one page.
		old := t.items
		if t.fromCache {
			old = nil
		}
		t.items = append(make([]api.Task, 0, len(old)+len(p.Tasks)), p.Tasks...)
		seen := make(map[string]bool, len(t.items))
		for _, it := range t.items {
			seen[it.ID] = true
		}
		for _, it := range old {
			if !seen[it.ID] {
				seen[it.ID] = true
				t.items = append(t.items, it)
			}
		}
	} else {
		seen := make(map[string]bool, len(t.items))
		for _, it := range t.items {
			seen[it.ID] = true
		}
		for i, it := range p.Tasks {
			if seen[it.ID] {
				// Already listed: take the fresh record (a new title).
				for j := range t.items {
					if t.items[j].ID == it.ID {
						t.items[j] = p.Tasks[i]
					}
				}
				continue
			}
			seen[it.ID] = true
			t.items = append(t.items, it)
		}
	}
	if t.total < len(t.items) {
		t.total = len(t.items)
	}
	t.refilter()
	t.selectID(selected)
	if t.toBottom {
		t.move(len(t.visible))
		t.toBottom = len(t.items) < t.total
	}
}

// fail records why loading failed and what the person can do about it.
func (t *tasksModel) fail(reason, hint string) {
	t.loading = false
	t.err = reason
	t.errHint = hint
}

// add puts a new task at the top (where the API lists the newest) and
// selects it.
func (t *tasksModel) add(task api.Task) {
	for i, it := range t.items {
		if it.ID == task.ID {
			t.items[i] = task
			t.refilter()
			t.selectID(task.ID)
			return
		}
	}
	t.items = append([]api.Task{task}, t.items...)
	t.total++
	t.refilter()
	t.selectID(task.ID)
}

// replace swaps in a task's new record (e.g. a new title) if it is listed.
func (t *tasksModel) replace(task api.Task) {
	for i, it := range t.items {
		if it.ID == task.ID {
			t.items[i] = task
			t.refilter()
			return
		}
	}
}

func (t *tasksModel) find(id string) (api.Task, bool) {
	for _, it := range t.items {
		if it.ID == id {
			return it, true
		}
	}
	return api.Task{}, false
}

func (t *tasksModel) selectedID() string {
	if t.cursor < 0 || t.cursor >= len(t.visible) {
		return ""
	}
	return t.items[t.visible[t.cursor]].ID
}

func (t *tasksModel) selectID(id string) {
	for i, idx := range t.visible {
		if t.items[idx].ID == id {
			t.cursor = i
			t.clampOffset()
			return
		}
	}
	t.cursor = min(t.cursor, max(0, len(t.visible)-1))
	t.clampOffset()
}

func (t *tasksModel) refilter() {
	t.rev++
	t.visible = t.visible[:0]
	q := strings.ToLower(strings.TrimSpace(t.query))
	for i, it := range t.items {
		if q == "" || strings.Contains(strings.ToLower(it.Title), q) || strings.HasPrefix(it.ID, q) {
			t.visible = append(t.visible, i)
		}
	}
	t.cursor = min(t.cursor, max(0, len(t.visible)-1))
	t.clampOffset()
}

// listHeight is the number of rows for tasks: the pane minus the footer and
// the filter line when it shows.
func (t *tasksModel) listHeight() int {
	h := t.h - 1
	if t.filtering || t.query != "" {
		h--
	}
	return max(1, h)
}

func (t *tasksModel) clampOffset() {
	lh := t.listHeight()
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+lh {
		t.offset = t.cursor - lh + 1
	}
	t.offset = max(0, min(t.offset, max(0, len(t.visible)-lh)))
}

// maxFilterLoad bounds how many tasks a filter loads to search through.
const maxFilterLoad = 500

// wantMore reports whether the cursor is near the end of what is loaded and
// the server has more.
func (t *tasksModel) wantMore() bool {
	if t.loading || len(t.items) >= t.total {
		return false
	}
	if t.query != "" || t.toBottom {
		// A filter should see every task, and G reach the last one, within
		// reason.
		return len(t.items) < maxFilterLoad
	}
	// Near the end of what is loaded, or the pane is not full yet.
	return t.cursor >= len(t.visible)-4 || len(t.visible) < t.offset+t.listHeight()
}

// Capturing reports whether typed text goes to the filter.
func (t *tasksModel) Capturing() bool { return t.filtering }

// ShortHelp is the help bar for the list's mode: the filter prompt's keys
// while it is open, else moving and opening.
func (t tasksModel) ShortHelp() []key.Binding {
	if t.filtering {
		return []key.Binding{t.km.FilterApply, t.km.FilterClear}
	}
	return []key.Binding{t.km.Up, t.km.Down, t.km.Open, t.km.Filter}
}

// FullHelp is every binding of the list.
func (t tasksModel) FullHelp() [][]key.Binding {
	k := t.km
	return [][]key.Binding{{k.Up, k.Down, k.Open, k.Filter, k.PageUp, k.PageDown, k.Top, k.Bottom, k.FilterApply, k.FilterClear}}
}

// Update handles the list's keys (ListKeys), typing into the filter and
// the mouse wheel. Enter leaves the task to open in the intents; the root
// asks wantMore whether more pages are due.
func (t tasksModel) Update(msg tea.Msg) (tasksModel, tea.Cmd) {
	if w, ok := msg.(tea.MouseWheelMsg); ok {
		switch w.Mouse().Button {
		case tea.MouseWheelUp:
			t.move(-1)
		case tea.MouseWheelDown:
			t.move(1)
		}
		return t, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if t.filtering {
		if ok {
			switch {
			case key.Matches(k, t.km.FilterApply):
				// As in fzf: enter opens the match the cursor is on; the
				// filter stays for the next look at the list.
				t.filtering = false
				t.filter.Blur()
				t.intents.open = t.selectedID()
				return t, nil
			case key.Matches(k, t.km.FilterClear):
				t.filtering = false
				t.filter.Blur()
				t.filter.SetValue("")
				t.query = ""
				sel := t.selectedID()
				t.refilter()
				t.selectID(sel) // the task the cursor was on stays selected
				return t, nil
			case key.Matches(k, t.km.FilterUp):
				t.move(-1)
				return t, nil
			case key.Matches(k, t.km.FilterDown):
				t.move(1)
				return t, nil
			}
		}
		var cmd tea.Cmd
		t.filter, cmd = t.filter.Update(msg)
		if t.filter.Value() != t.query {
			t.query = t.filter.Value()
			t.refilter()
			t.cursor = 0 // the best match is the first one
			t.clampOffset()
		}
		return t, cmd
	}
	if !ok {
		return t, nil
	}
	t.toBottom = false
	switch {
	case key.Matches(k, t.km.Up):
		t.move(-1)
	case key.Matches(k, t.km.Down):
		t.move(1)
	case key.Matches(k, t.km.PageUp):
		t.move(-t.listHeight())
	case key.Matches(k, t.km.PageDown):
		t.move(t.listHeight())
	case key.Matches(k, t.km.Top):
		t.move(-len(t.visible))
	case key.Matches(k, t.km.Bottom):
		t.move(len(t.visible))
		t.toBottom = len(t.items) < t.total
	case key.Matches(k, t.km.Open):
		t.intents.open = t.selectedID()
	case key.Matches(k, t.km.Filter):
		t.filtering = true
		t.clampOffset()
		return t, t.filter.Focus()
	case key.Matches(k, t.km.FilterClear) && t.query != "":
		t.filter.SetValue("")
		t.query = ""
		t.refilter()
	}
	return t, nil
}

// takeIntents returns what the list asked for since the last call and
// forgets it.
func (t *tasksModel) takeIntents() tasksIntents {
	in := t.intents
	t.intents = tasksIntents{}
	return in
}

func (t *tasksModel) move(d int) {
	if len(t.visible) == 0 {
		return
	}
	t.cursor = max(0, min(len(t.visible)-1, t.cursor+d))
	t.clampOffset()
}

// View renders the pane body: exactly h lines of exactly w cells. Rows are
// built to the width; only the few other lines are measured.
func (t tasksModel) View() string { return strings.Join(t.lines(), "\n") }

func (t *tasksModel) lines() []string {
	spin := t.spin
	lines := make([]string, 0, t.h)
	if t.filtering || t.query != "" {
		lines = append(lines, cells.Fit(t.filter.View(), t.w))
	}
	lh := t.listHeight()
	var note []string
	switch {
	case len(t.visible) == 0 && t.loading:
		note = []string{t.st.Tasks.Empty.Render(ansi.Truncate(spin+" loading tasks…", t.w, "…"))}
		if t.waited >= slowAnswer && t.host != "" && lh > 1 {
			wait := fmt.Sprintf("%s has not answered for %d s", t.host, int(t.waited/time.Second))
			note = append(note, wrapLines(t.st.Tasks.Empty, wait, t.w, lh-1)...)
		}
	case len(t.visible) == 0 && t.err != "":
		// The hint gets every row the error leaves: cut short it may lose
		// the one thing to do.
		note = wrapLines(t.st.Chat.Failed, "✗ "+t.err, t.w, lh)
		note = append(note, wrapLines(t.st.Tasks.Empty, t.errHint, t.w, max(1, lh-len(note)))...)
	case len(t.visible) == 0 && t.query != "":
		note = []string{t.st.Tasks.Empty.Render(ansi.Truncate("no loaded task matches", t.w, "…"))}
	case len(t.visible) == 0 && t.loaded:
		note = []string{t.st.Tasks.Empty.Render(ansi.Truncate("no tasks yet · "+keyHint(t.newKey)+" starts one", t.w, "…"))}
	}
	for _, l := range note {
		lines = append(lines, cells.Fit(l, t.w))
	}
	for i := t.offset; i < len(t.visible) && i < t.offset+lh; i++ {
		lines = append(lines, t.row(i))
	}
	blank := strings.Repeat(" ", t.w)
	for len(lines) < t.h-1 {
		lines = append(lines, blank)
	}
	return append(lines[:max(0, t.h-1)], cells.Fit(t.footer(), t.w))
}

func (t *tasksModel) row(i int) string {
	it := t.items[t.visible[i]]
	marker := "  "
	switch {
	case it.ID == t.openID:
		marker = "● "
	case t.drafted[it.ID]:
		marker = "✎ " // unsent text waits in this task
	}
	title := textsafe.Cells(textsafe.Line(it.Title))
	if title == "" {
		title = "(untitled)"
	}
	id := shortID(it.ID)
	avail := t.w - ansi.StringWidth(marker)
	idPart := ""
	// The date tells apart tasks of the same title (common: "Built-in
	// microwave" twice); the id comes second when there is room.
	if d := t.date(it); d != "" && avail >= 20 {
		idPart = fmt.Sprintf(" %6s", d) // one column, whatever the date's form
	}
	if need := 24 + 2*len(idPart); avail >= need && !t.hideIDs {
		idPart += " " + id
	}
	title = ansi.Truncate(title, max(1, avail-ansi.StringWidth(idPart)), "…")
	gap := max(0, avail-ansi.StringWidth(title)-ansi.StringWidth(idPart))
	plain := marker + title + strings.Repeat(" ", gap)
	if i == t.cursor {
		st := t.st.Tasks.SelectedBlur
		if t.focused {
			st = t.st.Tasks.Selected
		}
		return st.Render(plain + idPart)
	}
	return t.st.Tasks.Item.Render(plain) + t.st.Tasks.ID.Render(idPart)
}

func (t *tasksModel) footer() string {
	spin := t.spin
	var s string
	switch {
	case t.query != "":
		s = fmt.Sprintf("%d of %d loaded match", len(t.visible), len(t.items))
	case !t.loaded && t.loading:
		s = spin + " loading"
	case !t.loaded || (t.err != "" && len(t.items) == 0):
		s = "not loaded"
	default:
		pages := max(1, (t.total+t.pageSize-1)/max(1, t.pageSize))
		page := min(pages, t.cursor/max(1, t.pageSize)+1)
		s = fmt.Sprintf("page %d of %d · %s", page, pages, export.Count(t.total, "task"))
		if t.loading {
			s += " " + spin
		}
	}
	return t.st.Tasks.Footer.Render(ansi.Truncate(s, t.w, "…"))
}

// date is when a task was created, in at most 6 cells: the time today,
// the day this year, else the year; "" when its id carries no date.
func (t *tasksModel) date(it api.Task) string {
	c, ok := it.Created()
	if !ok {
		return ""
	}
	loc, now := t.loc, time.Now()
	if loc == nil {
		loc = time.Local
	}
	if t.now != nil {
		now = t.now()
	}
	c, now = c.In(loc), now.In(loc)
	switch {
	case c.Year() == now.Year() && c.YearDay() == now.YearDay():
		return c.Format("15:04")
	case c.Year() == now.Year():
		return c.Format("Jan 2")
	}
	return c.Format("2006")
}

// shortID is the first 8 characters of an id, enough to tell tasks apart.
func shortID(id string) string {
	id = textsafe.Line(id)
	if ansi.StringWidth(id) > 8 {
		return ansi.Truncate(id, 8, "") + "…"
	}
	return id
}

// tasksViewKey is everything the pane's look depends on, so an unchanged pane
// is not drawn again.
type tasksViewKey struct {
	rev, cursor, offset, total, w, h   int
	openID, err, errHint, spin, filter string
	focused, loading, loaded           bool
	st                                 *theme.Styles
	// waited is the whole seconds waited, while loading.
	waited int
}

func (t *tasksModel) viewKey() tasksViewKey {
	k := tasksViewKey{rev: t.rev, cursor: t.cursor, offset: t.offset, total: t.total, w: t.w, h: t.h,
		openID: t.openID, err: t.err, errHint: t.errHint, focused: t.focused, loading: t.loading,
		loaded: t.loaded, st: t.st}
	if t.loading {
		k.spin, k.waited = t.spin, int(t.waited/time.Second)
	}
	if t.filtering || t.query != "" {
		k.filter = t.filter.View()
	}
	return k
}

// idAt is the task drawn on line (0-based, inside the pane's border), for a
// click; false for the filter line, a note or an empty row.
func (t *tasksModel) idAt(line int) (string, bool) {
	if len(t.visible) == 0 || line < 0 {
		return "", false
	}
	if t.filtering || t.query != "" {
		line-- // the filter line
	}
	if line < 0 || line >= t.listHeight() || line >= t.h-1 {
		return "", false
	}
	i := t.offset + line
	if i >= len(t.visible) {
		return "", false
	}
	return t.items[t.visible[i]].ID, true
}
