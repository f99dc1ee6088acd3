package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/cells"
	"aui-tui/internal/textsafe"
	"aui-tui/ui/transcript"
)

// chatModel owns every conversation: each task's entries and turn state,
// sending, retrying and recovering replies, loading transcripts, and the
// transcript pane of the open task. A WebSocket frame becomes a transcript
// entry here (Update, then chat_turn.go), and nowhere else.
//
// The root routes messages to Update and calls the methods below; what the
// chat needs from the rest of the program (a notice, the latency, text put
// back into the composer, new suggestions) it leaves in its intents, which
// the root takes after each call (takeIntents).
type chatModel struct {
	com *common
	// tasks holds every task the chat has seen, by id. Model copies share
	// it: the chat's state changes only inside Update.
	tasks  map[string]*chatTask
	openID string
	// blank is the transcript shown while no task is open.
	blank   transcript.Model
	w, h    int
	focused bool
	// seq numbers local entry keys; reqSeq numbers transcript fetches so
	// stale replies can be dropped.
	seq, reqSeq int
	// streamTicking is true while a stream flush is scheduled.
	streamTicking bool
	prewarmSeq    int
	// spin is the spinner's frame, shown while loading or replying.
	spin    string
	intents chatIntents
	// noTaskRecord: the server does not offer the optional task record
	// (api.ErrUnavailable), so new titles are not asked of it again.
	noTaskRecord bool
}

// chatTask is one task: its record, its entries and its turn.
type chatTask struct {
	task api.Task
	// tr is the task's entry store, with one mutation API (Upsert,
	// ReplaceKey, Remove, SetEntries). The open task's is on screen; the
	// others have no size, so they never render.
	tr      transcript.Model
	loaded  bool
	loading bool
	reqID   int
	err     string
	turn    turn
	// cached: the entries shown came from the local cache, stored at
	// cachedAt (cachedPart: only its tail); the server's copy replaces
	// them without moving the reader.
	cached     bool
	cachedAt   time.Time
	cachedPart bool
	// partial: only the tail of the server's copy is shown, the rest
	// being decoded.
	partial bool
	// older is how many messages before those shown are not loaded yet
	// (a tail shown first), so the position counts the whole transcript.
	older int
	// unreachable: the last fetch could not reach the server.
	unreachable bool
	// refetch: a history fetch arrived while a reply streamed and was set
	// aside; fetch again once the turn ends.
	refetch bool
	// queue is the keys of messages typed while a reply streamed, in
	// order: each is sent when the turn before it ends.
	queue []string
}

// turn is the exchange in progress: the user's message whose reply is
// awaited, and the reply streaming in.
type turn struct {
	// inFlight is the key of the user message whose reply is awaited.
	inFlight string
	// stream holds streamed text not yet shown (flushed StreamRate times a
	// second).
	stream      string
	streamDirty bool
	streamKey   string
	// sentAt is when the awaited message was sent, for time to first token.
	sentAt     time.Time
	firstToken bool
	// queued: the message in flight waits for the history to load before it
	// is sent, so the new turn lands after the history, not in place of it.
	queued bool
}

// chatIntents is what the chat asks of the rest of the program.
type chatIntents struct {
	notices []notice
	// latency is the last request's, when timed (one finished).
	latency time.Duration
	timed   bool
	// restore is text to put back into the composer: it could not be sent.
	restore string
	// chips: the open task's suggestions may have changed.
	chips bool
	// offline: the server could not be reached and a cached copy of
	// offlineAt is shown; online: the server answered.
	offline, online bool
	offlineAt       time.Time
}

// notice is a status-bar notice asked for by a component. A notice with a
// tag can be withdrawn (clear) while it still shows.
type notice struct {
	level noticeLevel
	text  string
	tag   string
	clear bool
}

func newChat(com *common) chatModel {
	return chatModel{com: com, tasks: map[string]*chatTask{}, blank: com.newTranscript()}
}

// newTranscript makes a transcript with the program's styles, keys and clock.
func (c *common) newTranscript() transcript.Model {
	tr := transcript.New(c.st, c.renderer, c.keys.Conversation.Transcript)
	tr.SetClock(c.cfg.Location, c.cfg.Now)
	if c.cfg.Presenter {
		tr.SetSpacing(1) // an audience reads from further away
	}
	return tr
}

func (c *chatModel) notify(level noticeLevel, text string) {
	c.intents.notices = append(c.intents.notices, notice{level: level, text: text})
}

// takeIntents returns what the chat asked for since the last call and
// forgets it.
func (c *chatModel) takeIntents() chatIntents {
	in := c.intents
	c.intents = chatIntents{}
	return in
}

func (c *chatModel) state(taskID string) *chatTask {
	s, ok := c.tasks[taskID]
	if !ok {
		s = &chatTask{task: api.Task{ID: taskID}, tr: c.com.newTranscript()}
		c.tasks[taskID] = s
	}
	return s
}

// current is the transcript on screen.
func (c *chatModel) current() *transcript.Model {
	if c.openID == "" {
		return &c.blank
	}
	return &c.state(c.openID).tr
}

// Update handles the chat's messages: transcript loads, send results,
// session events, stream flushes and prewarming, and keys and the mouse
// wheel for the transcript.
func (c chatModel) Update(msg tea.Msg) (chatModel, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case transcriptCachedMsg:
		cmd = c.onTranscriptCached(msg)
	case transcriptLoadedMsg:
		cmd = c.onTranscriptLoaded(msg)
	case sendDoneMsg:
		c.onSendDone(msg)
	case api.TextUpdate:
		cmd = c.onTextUpdate(msg)
	case api.FinalMessage:
		cmd = c.onFinal(msg)
	case api.ErrorFrame:
		c.onErrorFrame(msg)
	case streamFlushMsg:
		c.onStreamFlush()
	case prewarmMsg:
		if msg.seq == c.prewarmSeq {
			c.current().Prewarm()
		}
	case tea.KeyPressMsg, tea.MouseWheelMsg:
		*c.current(), cmd = c.current().Update(msg)
		cmd = tea.Batch(cmd, c.schedulePrewarm())
	default:
		*c.current(), cmd = c.current().Update(msg)
	}
	// Whatever ended a turn (the final message, a failure), a message
	// queued behind it goes now.
	return c, tea.Batch(cmd, c.sendQueued())
}

// schedulePrewarm asks for the pages around the transcript's view to be
// rendered once scrolling pauses.
func (c *chatModel) schedulePrewarm() tea.Cmd {
	c.prewarmSeq++
	seq := c.prewarmSeq
	return c.com.tick(prewarmDelay, func(time.Time) tea.Msg { return prewarmMsg{seq: seq} })
}

// Open shows a task at once (from what is known) and fetches its
// transcript unless it is loaded or loading.
func (c *chatModel) Open(task api.Task) tea.Cmd {
	if c.openID == task.ID {
		s := c.state(task.ID)
		s.task = task
		if s.loaded || s.loading {
			return nil
		}
		return c.fetch(task.ID)
	}
	if c.openID != "" {
		// The task left keeps its entries but not their renders, and
		// opens at the bottom again, like any task.
		old := c.current()
		old.Blur()
		old.SetSize(0, 0)
		old.SetEntries(old.Entries())
	}
	s := c.state(task.ID)
	s.task = task
	c.openID = task.ID
	if s.tr.Len() == 0 && task.WelcomeMessage != "" {
		s.tr.SetEntries([]transcript.Entry{welcomeEntry(task)})
	}
	s.tr.SetStyles(c.com.st)
	s.tr.SetSize(c.w, max(0, c.h-1))
	if c.focused {
		s.tr.Focus()
	}
	c.intents.chips = true
	if s.loaded || s.loading {
		return nil
	}
	return c.fetch(task.ID)
}

// Created takes a task just made: it has no history to fetch.
func (c *chatModel) Created(task api.Task) {
	s := c.state(task.ID)
	s.task = task
	s.loaded = true
}

// SetTask takes a task's new record (a new title).
func (c *chatModel) SetTask(task api.Task) { c.state(task.ID).task = task }

// NoTaskRecord tells the chat the server does not offer the task record,
// so a new task's title is not asked of it after every reply.
func (c *chatModel) NoTaskRecord() { c.noTaskRecord = true }

// Task is the record of a task the chat knows.
func (c *chatModel) Task(id string) api.Task { return c.state(id).task }

// OpenID is the open task's id, "" when none is.
func (c *chatModel) OpenID() string { return c.openID }

// OpenTask is the open task's record.
func (c *chatModel) OpenTask() (api.Task, bool) {
	if c.openID == "" {
		return api.Task{}, false
	}
	return c.state(c.openID).task, true
}

// Entries is the open task's entries, oldest first.
func (c *chatModel) Entries() []transcript.Entry { return c.current().Entries() }

// FocusedEntry is the entry the reader marked (the last one until they
// move).
func (c *chatModel) FocusedEntry() (transcript.Entry, bool) { return c.current().FocusedEntry() }

// Busy reports whether the open task is loading or awaiting a reply.
func (c *chatModel) Busy() bool {
	if c.openID == "" {
		return false
	}
	s := c.state(c.openID)
	return s.loading || s.turn.inFlight != ""
}

// Replying reports whether the open task awaits a reply.
func (c *chatModel) Replying() bool {
	return c.openID != "" && c.state(c.openID).turn.inFlight != ""
}

// Suggestions are the open task's follow-ups, for the chip row.
func (c *chatModel) Suggestions() []string { return c.suggestions(c.openID) }

// Capturing reports whether the transcript takes every key (find prompt,
// raw view).
func (c *chatModel) Capturing() bool { return c.current().Capturing() }

// Typing reports whether typed or pasted text goes to the find prompt.
func (c *chatModel) Typing() bool { return c.current().Typing() }

// SetSize sets the pane's inner size: a header line and the transcript.
func (c *chatModel) SetSize(w, h int) {
	c.w, c.h = w, h
	c.current().SetSize(w, max(0, h-1))
}

// SetStyles switches the theme of what is on screen (a task opened later
// takes it when opened).
func (c *chatModel) SetStyles() {
	c.current().SetStyles(c.com.st)
}

// Focus gives the transcript the keyboard.
func (c *chatModel) Focus() {
	c.focused = true
	c.current().Focus()
}

// Blur takes the keyboard away.
func (c *chatModel) Blur() {
	c.focused = false
	c.current().Blur()
}

// ShortHelp is the help bar while the conversation has focus.
func (c *chatModel) ShortHelp() []key.Binding {
	h := c.current().ShortHelp()
	ck := c.com.keys.Conversation
	switch {
	case c.ShowsDetail():
		cp := ck.Copy
		cp.SetHelp(cp.Help().Key, "copy what is shown")
		h = append(h, cp)
	case !c.Capturing():
		h = append(h, ck.Copy, ck.Export)
	}
	return h
}

// FullHelp is every binding of the conversation pane.
func (c *chatModel) FullHelp() [][]key.Binding {
	ck := c.com.keys.Conversation
	return append(c.current().FullHelp(), []key.Binding{ck.Copy, ck.CopyAll, ck.Export, ck.ExportJSON})
}

// View is the header line and the transcript, c.h lines of c.w cells.
func (c chatModel) View() string {
	head := cells.Fit(c.header(), c.w)
	if tv := c.current().View(); tv != "" {
		return head + "\n" + tv // already w wide
	}
	return head
}

// SetSpinner sets the spinner frame shown while loading or replying.
func (c *chatModel) SetSpinner(frame string) { c.spin = frame }

// header is the first line of the pane: title and id, or what is going on.
func (c *chatModel) header() string {
	spin := c.spin
	st, keys := c.com.st, c.com.keys
	if c.openID == "" {
		open, start := keyHint(keys.List.Open), keyHint(keys.Global.NewTask)
		hint := "no task open · " + open + " opens the selected task · " + start + " starts one"
		if ansi.StringWidth(hint) > c.w {
			hint = "no task open · " + open + " opens one · " + start + " starts one"
		}
		return st.Chat.Notice.Render(ansi.Truncate(hint, c.w, "…"))
	}
	s := c.state(c.openID)
	title := textsafe.Cells(textsafe.Line(s.task.Title))
	if title == "" {
		title = "(untitled)"
	}
	id := textsafe.Line(s.task.ID)
	extra := ""
	switch {
	case s.loading:
		extra = " " + spin + " loading"
	case s.err != "":
		extra = " ✗ " + s.err + " · " + keyHint(keys.Global.Refresh)
	case s.turn.inFlight != "":
		extra = " " + spin + " agent is replying"
	}
	// The title comes first, then what is happening, then the id with
	// whatever room is left: in a narrow pane the id is the one to go.
	tw := ansi.StringWidth(title)
	extra = ansi.Truncate(extra, max(0, c.w-min(tw, max(1, c.w/2))), "…")
	ew := ansi.StringWidth(extra)
	title = ansi.Truncate(title, max(1, min(tw, c.w-ew)), "…")
	line := st.Chat.HeaderTitle.Render(title)
	if rest := c.w - ansi.StringWidth(title) - ew; !c.com.cfg.Presenter && rest >= minHeaderID {
		line += st.Chat.HeaderID.Render(ansi.Truncate(" · "+id, rest, "…"))
	}
	if extra != "" {
		es := st.Chat.Notice
		if s.err != "" && !s.loading {
			es = st.Chat.Failed
		}
		line += es.Render(extra)
	}
	return ansi.Truncate(line, c.w, "…")
}

// minHeaderID is the least room in which the header shows part of the
// task id (" · 69a1…").
const minHeaderID = 8
