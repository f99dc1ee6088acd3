package api

import "time"

// turn is a user message written on the socket whose reply has not ended.
type turn struct {
	id     uint64
	taskID string
	text   string
	// at is when the turn was written.
	at time.Time
	// failed: the turn was lost and already reported as failed, because the
	// server stayed out of reach. Its reply may still be recovered later.
	failed bool
	// started: part of the reply arrived, so the server has the message.
	started bool
}

// replyBook attributes server frames to tasks and keeps each streaming
// reply's text so far. Frames often lack a task id (the simplified stream
// form and the final message never carry one), so it keeps the turns sent on
// the socket in order and the message ids it has seen tied to a task. The
// Session's mutex guards it.
type replyBook struct {
	next    uint64
	pending []turn            // sent on the live socket, oldest first
	lost    []turn            // pending when the socket dropped; recovered after reconnecting
	msgTask map[string]string // message id -> task id, learned from stream frames
	text    map[string]string // reply key -> text so far
}

func newReplyBook() replyBook {
	return replyBook{msgTask: map[string]string{}, text: map[string]string{}}
}

// expect records a turn about to be written and returns its id.
func (r *replyBook) expect(taskID, text string) uint64 {
	r.next++
	r.pending = append(r.pending, turn{id: r.next, taskID: taskID, text: text, at: time.Now()})
	return r.next
}

// withdraw forgets a turn whose write failed, wherever it now is.
func (r *replyBook) withdraw(id uint64) {
	r.pending = removeTurn(r.pending, func(t turn) bool { return t.id == id })
	r.lost = removeTurn(r.lost, func(t turn) bool { return t.id == id })
}

// dropped moves the waiting turns aside when the socket goes down: their
// replies will not arrive on a new socket. Partial texts are forgotten so a
// later reply does not append to a dead one.
func (r *replyBook) dropped() {
	r.lost = append(r.lost, r.pending...)
	r.pending = nil
	clear(r.msgTask)
	clear(r.text)
}

// stalled takes the waiting turns out when nothing has been heard for
// limit: no frame since the newest of them was written or since lastFrame.
// Replies come in order, so one silent turn holds up all behind it. Their
// partial texts are forgotten, so a late frame starts afresh.
func (r *replyBook) stalled(lastFrame time.Time, limit time.Duration, now time.Time) []turn {
	if len(r.pending) == 0 || limit <= 0 {
		return nil
	}
	since := lastFrame
	for _, t := range r.pending {
		if t.at.After(since) {
			since = t.at
		}
	}
	if now.Sub(since) < limit {
		return nil
	}
	out := r.pending
	r.pending = nil
	for _, t := range out {
		r.forgetTask(t.taskID)
	}
	return out
}

// takeLost returns and forgets the turns to recover.
func (r *replyBook) takeLost() []turn {
	l := r.lost
	r.lost = nil
	return l
}

// failLost marks the lost turns not yet reported as failed and returns
// them; they stay to be recovered once the server is back.
func (r *replyBook) failLost() []turn {
	var out []turn
	for i := range r.lost {
		if !r.lost[i].failed {
			r.lost[i].failed = true
			out = append(out, r.lost[i])
		}
	}
	return out
}

// resent forgets the failed lost turns with this task and text: the user
// is sending the text again, and that send now stands for the turn.
func (r *replyBook) resent(taskID, text string) {
	r.lost = removeTurn(r.lost, func(t turn) bool {
		return t.failed && t.taskID == taskID && t.text == text
	})
}

// update attributes a stream frame and merges its text into its reply's.
func (r *replyBook) update(u streamUpdate) TextUpdate {
	taskID := u.TaskID
	if taskID == "" && u.MessageID != "" {
		taskID = r.msgTask[u.MessageID]
	}
	if taskID == "" && len(r.pending) > 0 {
		taskID = r.pending[0].taskID
	}
	if taskID != "" && u.MessageID != "" {
		r.msgTask[u.MessageID] = taskID
	}
	for i := range r.pending {
		if r.pending[i].taskID == taskID {
			r.pending[i].started = true
			break
		}
	}
	key := replyKey(taskID, u.MessageID)
	t := mergeText(r.text[key], u.Text)
	r.text[key] = t
	return TextUpdate{TaskID: taskID, MessageID: u.MessageID, Text: t}
}

// final attributes a final message and ends its turn. The message id ties it
// to a task when the stream frames named both; otherwise it answers the
// oldest waiting turn, as the server replies in order.
func (r *replyBook) final(m Message) string {
	taskID := r.msgTask[m.ID]
	if taskID != "" {
		r.pending = removeFirst(r.pending, taskID)
	} else if len(r.pending) > 0 {
		taskID = r.pending[0].taskID
		r.pending = r.pending[1:]
	}
	if _, streamed := r.text[replyKey(taskID, m.ID)]; streamed && m.ID != "" {
		delete(r.text, replyKey(taskID, m.ID))
		delete(r.msgTask, m.ID)
		delete(r.text, replyKey(taskID, ""))
	} else {
		// The stream used other ids (or none): forget all of the task's.
		r.forgetTask(taskID)
	}
	return taskID
}

// failed ends the oldest waiting turn after an error frame, which names no
// task, and returns its task id ("" when none was waiting).
func (r *replyBook) failed() string {
	if len(r.pending) == 0 {
		return ""
	}
	taskID := r.pending[0].taskID
	r.pending = r.pending[1:]
	r.forgetTask(taskID)
	return taskID
}

// forgetTask drops the partial texts and message ids of taskID's replies.
func (r *replyBook) forgetTask(taskID string) {
	for id, t := range r.msgTask {
		if t == taskID {
			delete(r.text, replyKey(taskID, id))
			delete(r.msgTask, id)
		}
	}
	delete(r.text, replyKey(taskID, ""))
}

// replyKey names a reply by its message id when known, else by its task.
func replyKey(taskID, messageID string) string {
	if messageID != "" {
		return "m:" + messageID
	}
	return "t:" + taskID
}

func removeFirst(ts []turn, taskID string) []turn {
	done := false
	return removeTurn(ts, func(t turn) bool {
		if !done && t.taskID == taskID {
			done = true
			return true
		}
		return false
	})
}

func removeTurn(ts []turn, match func(turn) bool) []turn {
	out := ts[:0]
	for _, t := range ts {
		if !match(t) {
			out = append(out, t)
		}
	}
	return out
}
