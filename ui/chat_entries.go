package ui

import (
	"fmt"
	"slices"
	"strings"

	"aui-tui/api"
	"aui-tui/ui/transcript"
)

// The queries below read a task's entries from the newest back; every
// change goes through the task's transcript (Upsert, ReplaceKey, Remove,
// SetEntries), whether the task is open or not.

// localPrefix starts the keys of messages sent from here, until the server
// names them; sameMessages relies on it to recognise them.
const localPrefix = "local-"

// agent is the receiver of the user's messages and the sender of replies
// made here (welcome, streaming) before the server sends its own copy.
var agent = api.Party{ID: "agent", Type: api.ActorAgent}

// nextKey makes a local key for entries the server has not named yet.
func (c *chatModel) nextKey(prefix string) string {
	c.seq++
	return fmt.Sprintf("%s%d", prefix, c.seq)
}

func welcomeEntry(t api.Task) transcript.Entry {
	return transcript.Entry{
		Key:     "welcome-" + t.ID,
		Welcome: true,
		Msg:     api.Message{Text: t.WelcomeMessage, Sender: agent, FollowupSuggestions: t.FollowupSuggestions},
	}
}

// streamingEntry is the placeholder a reply streams into.
func streamingEntry(key, text string) transcript.Entry {
	return transcript.Entry{Key: key, Status: transcript.StatusStreaming, Msg: api.Message{Text: text, Sender: agent}}
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

// visitBack calls fn on a task's entries from the newest back, without
// copying them; fn returns false to stop.
func (s *chatTask) visitBack(fn func(transcript.Entry) bool) {
	for i := s.tr.Len() - 1; i >= 0; i-- {
		if !fn(s.tr.At(i)) {
			return
		}
	}
}

func (s *chatTask) find(key string) (found transcript.Entry, ok bool) {
	s.visitBack(func(e transcript.Entry) bool {
		if e.Key == key {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// userTurn is the newest message of the user's with this text: the turn a
// recovered reply or a lost-turn error names by its prompt.
func (s *chatTask) userTurn(text string) (found transcript.Entry, ok bool) {
	want := strings.TrimSpace(text)
	s.visitBack(func(e transcript.Entry) bool {
		if !e.Msg.FromAgent() && !e.Welcome && strings.TrimSpace(e.Msg.Text) == want {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// lastFailed is the newest failed send, for the retry key; a refused one
// is left out, as sending it unchanged would be refused again.
func (s *chatTask) lastFailed() (found transcript.Entry, ok bool) {
	s.visitBack(func(e transcript.Entry) bool {
		if e.Status == transcript.StatusFailed && !e.Refused {
			found, ok = e, true
		}
		return !ok
	})
	return found, ok
}

// markSent marks a user message as delivered and answered, clearing a
// failure it carried.
func (s *chatTask) markSent(key string) {
	if u, ok := s.find(key); ok && u.Status != transcript.StatusSent {
		u.Status, u.Err = transcript.StatusSent, ""
		s.tr.Upsert(u)
	}
}

// insertAfter puts e right after the entry under afterKey (at the end when
// that is the last entry or gone), so a late reply sits under its question.
// An entry already under e's key (a reload brought the server's copy
// first) is replaced where it is.
func (s *chatTask) insertAfter(afterKey string, e transcript.Entry) {
	if _, ok := s.find(e.Key); ok {
		s.tr.Upsert(e)
		return
	}
	es := s.tr.Entries()
	i := slices.IndexFunc(es, func(x transcript.Entry) bool { return x.Key == afterKey })
	if i < 0 || i == len(es)-1 {
		s.tr.Upsert(e)
		return
	}
	s.tr.SetEntries(slices.Insert(es, i+1, e))
}

// isEmpty reports whether the task holds nothing but its welcome message
// and has no history still to load.
func (s *chatTask) isEmpty() bool {
	if !s.loaded || s.loading || s.turn.inFlight != "" {
		return false
	}
	empty := true
	s.visitBack(func(e transcript.Entry) bool {
		empty = e.Welcome
		return empty
	})
	return empty
}

// local is the entries that exist only here (sends pending or failed),
// oldest first.
func (s *chatTask) local() []transcript.Entry {
	var out []transcript.Entry
	s.visitBack(func(e transcript.Entry) bool {
		if e.Status == transcript.StatusFailed || e.Status == transcript.StatusPending || e.Status == transcript.StatusQueued {
			out = append(out, e)
		}
		return true
	})
	slices.Reverse(out)
	return out
}

// suggestions are the follow-ups of the task's latest agent turn, hidden
// while a reply is awaited or after a message the agent has not answered.
func (c *chatModel) suggestions(taskID string) (out []string) {
	if taskID == "" || c.state(taskID).turn.inFlight != "" {
		return nil
	}
	c.state(taskID).visitBack(func(e transcript.Entry) bool {
		if e.Msg.FromAgent() {
			out = e.Msg.FollowupSuggestions
			return false
		}
		return e.Status == transcript.StatusSent
	})
	return out
}

// adoptServerCopies gives the messages sent from here that a fetched
// transcript holds (sameMessages has matched them) the server's copy: its
// id becomes their key, and the raw view shows what the server has.
func (s *chatTask) adoptServerCopies(msgs []api.Message) {
	type adoption struct {
		key string
		msg api.Message
	}
	var found []adoption
	i := len(msgs) - 1
	s.visitBack(func(e transcript.Entry) bool {
		if e.Welcome || e.Status != transcript.StatusSent {
			return true
		}
		if i < 0 {
			return false
		}
		if strings.HasPrefix(e.Key, localPrefix) && !e.Msg.FromAgent() {
			found = append(found, adoption{e.Key, msgs[i]})
		}
		i--
		return true
	})
	for _, a := range found {
		key := a.msg.ID
		if key == "" {
			key = a.key
		}
		s.tr.ReplaceKey(a.key, transcript.Entry{Key: key, Msg: a.msg, Status: transcript.StatusSent})
	}
}

// unconfirmed reports whether a message sent from here has been answered
// but the server's copy of it is not known yet.
func (s *chatTask) unconfirmed() bool {
	found := false
	s.visitBack(func(e transcript.Entry) bool {
		found = e.Status == transcript.StatusSent && strings.HasPrefix(e.Key, localPrefix) && !e.Msg.FromAgent()
		return !found
	})
	return found
}

// sameMessages reports whether a fetched transcript holds exactly the
// server messages already shown, in order (compared by id).
func (s *chatTask) sameMessages(msgs []api.Message) bool {
	i := len(msgs) - 1
	same := true
	s.visitBack(func(e transcript.Entry) bool {
		if e.Welcome || e.Status != transcript.StatusSent {
			return true
		}
		// A message sent from here keeps its local key; the server's copy
		// of it has an id, so it is matched by sender and text instead.
		mine := strings.HasPrefix(e.Key, localPrefix) && !e.Msg.FromAgent()
		switch {
		case i < 0:
			same = false
		case mine:
			same = !msgs[i].FromAgent() && strings.TrimSpace(msgs[i].Text) == strings.TrimSpace(e.Msg.Text)
		default:
			same = msgs[i].ID != "" && msgs[i].ID == e.Key
		}
		if !same {
			return false
		}
		i--
		return true
	})
	return same && i < 0
}
