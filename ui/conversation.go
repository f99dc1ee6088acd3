package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"aui-tui/api"
	"aui-tui/internal/textsafe"
	"aui-tui/theme"
	"aui-tui/ui/transcript"
)

// taskState is what the conversation pane knows about one task. The open
// task's entries live in the transcript component; the others are kept here
// so a reply that streams into a task the user left is not lost.
type taskState struct {
	task    api.Task
	entries []transcript.Entry
	loaded  bool
	loading bool
	reqID   int
	err     string
	// inFlight is the local key of the user message whose reply is awaited.
	inFlight string
	// stream holds streamed text not yet shown (flushed every 30 ms).
	stream      string
	streamDirty bool
	streamKey   string
	// sentAt is when the awaited message was sent, for time to first token.
	sentAt     time.Time
	firstToken bool
	// queued: the message in flight waits for the history to load before it
	// is sent, so the new turn lands after the history, not in place of it.
	queued       bool
	queuedNotice int
	// refetch: a history fetch arrived while a reply streamed and was set
	// aside; fetch again once the turn ends.
	refetch bool
}

// conversationModel is the right pane: a header, the transcript, and the
// per-task state behind them.
type conversationModel struct {
	st *theme.Styles
	// openKey, newKey and retryKey are named in the header's hints.
	openKey, newKey, retryKey key.Binding
	tr                        transcript.Model
	states                    map[string]*taskState
	openID                    string
	w, h                      int
	seq                       int
}

func newConversation(st *theme.Styles, r *transcript.Renderer, km KeyMap) conversationModel {
	return conversationModel{st: st, tr: transcript.New(st, r, km.Conversation.Transcript), states: map[string]*taskState{},
		openKey: km.List.Open, newKey: km.Global.NewTask, retryKey: km.Global.Refresh}
}

func (c *conversationModel) state(taskID string) *taskState {
	s, ok := c.states[taskID]
	if !ok {
		s = &taskState{task: api.Task{ID: taskID}}
		c.states[taskID] = s
	}
	return s
}

func (c *conversationModel) setSize(w, h int) {
	c.w, c.h = w, h
	c.tr.SetSize(w, max(0, h-1))
}

// open shows a task. It reports whether its transcript must be fetched.
func (c *conversationModel) open(task api.Task) bool {
	if c.openID == task.ID {
		c.state(task.ID).task = task
		return !c.state(task.ID).loaded && !c.state(task.ID).loading
	}
	if c.openID != "" {
		c.state(c.openID).entries = c.tr.Entries()
	}
	s := c.state(task.ID)
	s.task = task
	c.openID = task.ID
	if s.entries == nil && task.WelcomeMessage != "" {
		s.entries = []transcript.Entry{welcomeEntry(task)}
	}
	c.tr.SetEntries(s.entries)
	return !s.loaded && !s.loading
}

// localPrefix starts the keys of messages sent from here, until the server
// names them; sameMessages relies on it to recognise them.
const localPrefix = "local-"

// endTurn forgets the turn in flight and its streamed text.
func (s *taskState) endTurn() {
	s.inFlight, s.stream, s.streamDirty, s.streamKey = "", "", false, ""
}

// markSent marks a user message as delivered and answered, clearing a
// failure it carried.
func (c *conversationModel) markSent(taskID, key string) {
	if u, ok := c.find(taskID, key); ok && u.Status != transcript.StatusSent {
		u.Status, u.Err = transcript.StatusSent, ""
		c.upsert(taskID, u)
	}
}

// nextKey makes a local key for entries the server has not named yet.
func (c *conversationModel) nextKey(prefix string) string {
	c.seq++
	return fmt.Sprintf("%s%d", prefix, c.seq)
}

func welcomeEntry(t api.Task) transcript.Entry {
	return transcript.Entry{
		Key:     "welcome-" + t.ID,
		Welcome: true,
		Msg: api.Message{
			Text:                t.WelcomeMessage,
			Sender:              api.Party{ID: "agent", Type: api.ActorAgent},
			FollowupSuggestions: t.FollowupSuggestions,
		},
	}
}

// entriesFromMessages turns a fetched transcript into entries, keeping the
// task's welcome message first and local entries (pending or failed sends,
// see local) last, so a refresh never drops text the user typed.
func entriesFromMessages(t api.Task, msgs []api.Message, local []transcript.Entry) []transcript.Entry {
	out := make([]transcript.Entry, 0, len(msgs)+len(local)+1)
	if t.WelcomeMessage != "" {
		out = append(out, welcomeEntry(t))
	}
	for i, m := range msgs {
		key := m.ID
		if key == "" {
			key = fmt.Sprintf("msg-%d", i)
		}
		out = append(out, transcript.Entry{Key: key, Msg: m, Status: transcript.StatusSent})
	}
	return append(out, local...)
}

// entries returns a task's entries wherever they live.
func (c *conversationModel) entries(taskID string) []transcript.Entry {
	if taskID == c.openID {
		return c.tr.Entries()
	}
	return c.state(taskID).entries
}

// setEntries replaces a task's entries wherever they live.
func (c *conversationModel) setEntries(taskID string, es []transcript.Entry) {
	if taskID == c.openID {
		c.tr.SetEntries(es)
		return
	}
	c.state(taskID).entries = es
}

// upsert adds or replaces one entry of a task.
func (c *conversationModel) upsert(taskID string, e transcript.Entry) {
	if taskID == c.openID {
		c.tr.Upsert(e)
		return
	}
	s := c.state(taskID)
	if i := slices.IndexFunc(s.entries, func(x transcript.Entry) bool { return x.Key == e.Key }); i >= 0 {
		s.entries[i] = e
		return
	}
	s.entries = append(s.entries, e)
}

// replace swaps the entry under oldKey for e (appending e if oldKey is gone).
func (c *conversationModel) replace(taskID, oldKey string, e transcript.Entry) {
	if taskID == c.openID {
		c.tr.ReplaceKey(oldKey, e)
		return
	}
	s := c.state(taskID)
	if i := slices.IndexFunc(s.entries, func(x transcript.Entry) bool { return x.Key == oldKey }); i >= 0 {
		s.entries[i] = e
		return
	}
	s.entries = append(s.entries, e)
}

func (c *conversationModel) remove(taskID, key string) {
	if taskID == c.openID {
		c.tr.Remove(key)
		return
	}
	s := c.state(taskID)
	s.entries = slices.DeleteFunc(s.entries, func(x transcript.Entry) bool { return x.Key == key })
}

// visitBack calls fn on a task's entries from the newest back, wherever
// they live and without copying them all; fn returns false to stop.
func (c *conversationModel) visitBack(taskID string, fn func(transcript.Entry) bool) {
	if taskID == c.openID {
		for i := c.tr.Len() - 1; i >= 0; i-- {
			if !fn(c.tr.At(i)) {
				return
			}
		}
		return
	}
	es := c.state(taskID).entries
	for i := len(es) - 1; i >= 0; i-- {
		if !fn(es[i]) {
			return
		}
	}
}

func (c *conversationModel) find(taskID, key string) (found transcript.Entry, ok bool) {
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if e.Key == key {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// userTurn is the newest message of the user's with this text: the turn a
// recovered reply or a lost-turn error names by its prompt.
func (c *conversationModel) userTurn(taskID, text string) (found transcript.Entry, ok bool) {
	want := strings.TrimSpace(text)
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if !e.Msg.FromAgent() && !e.Welcome && strings.TrimSpace(e.Msg.Text) == want {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// insertAfter puts e right after the entry under afterKey (at the end when
// that is the last entry or gone), so a late reply sits under its question.
func (c *conversationModel) insertAfter(taskID, afterKey string, e transcript.Entry) {
	es := c.entries(taskID)
	i := slices.IndexFunc(es, func(x transcript.Entry) bool { return x.Key == afterKey })
	if i < 0 || i == len(es)-1 {
		c.upsert(taskID, e)
		return
	}
	es = slices.Insert(es, i+1, e)
	c.setEntries(taskID, es)
}

// isEmpty reports whether a task holds nothing but its welcome message and
// has no history still to load.
func (c *conversationModel) isEmpty(taskID string) bool {
	s := c.state(taskID)
	if !s.loaded || s.loading || s.inFlight != "" {
		return false
	}
	empty := true
	c.visitBack(taskID, func(e transcript.Entry) bool {
		empty = e.Welcome
		return empty
	})
	return empty
}

// local is a task's entries that exist only here (sends pending or failed),
// oldest first.
func (c *conversationModel) local(taskID string) []transcript.Entry {
	var out []transcript.Entry
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if e.Status == transcript.StatusFailed || e.Status == transcript.StatusPending {
			out = append(out, e)
		}
		return true
	})
	slices.Reverse(out)
	return out
}

// suggestions are the follow-ups of the task's latest agent turn, hidden
// while a reply is awaited or after a message the agent has not answered.
func (c *conversationModel) suggestions(taskID string) (out []string) {
	if taskID == "" || c.state(taskID).inFlight != "" {
		return nil
	}
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if e.Msg.FromAgent() {
			out = e.Msg.FollowupSuggestions
			return false
		}
		return e.Status == transcript.StatusSent
	})
	return out
}

// lastFailed is the newest failed send of a task, for ctrl+r.
func (c *conversationModel) lastFailed(taskID string) (found transcript.Entry, ok bool) {
	c.visitBack(taskID, func(e transcript.Entry) bool {
		if e.Status == transcript.StatusFailed {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// header is the first line of the pane: title and id, or what is going on.
func (c *conversationModel) header(spin string) string {
	if c.openID == "" {
		hint := "no task open · " + keyHint(c.openKey) + " opens the selected task · " + keyHint(c.newKey) + " starts one"
		return c.st.Chat.Notice.Render(ansi.Truncate(hint, c.w, "…"))
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
		extra = " ✗ " + s.err + " · " + keyHint(c.retryKey)
	case s.inFlight != "":
		extra = " " + spin + " agent is replying"
	}
	head := c.st.Chat.HeaderTitle.Render(ansi.Truncate(title, max(1, c.w/2), "…"))
	rest := " · " + id
	line := head + c.st.Chat.HeaderID.Render(rest)
	if extra != "" {
		st := c.st.Chat.Notice
		if s.err != "" && !s.loading {
			st = c.st.Chat.Failed
		}
		line += st.Render(extra)
	}
	return ansi.Truncate(line, c.w, "…")
}

func (c *conversationModel) applyStyles(st *theme.Styles) {
	c.st = st
	c.tr.SetStyles(st)
}
