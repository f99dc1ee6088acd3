package api

import (
	"context"
	"strings"
)

// recoverLost looks up, over REST, the replies to turns whose socket dropped
// before the reply ended, now that the server is reachable again. A reply
// found in the transcript is delivered as FinalMessage{Recovered: true};
// otherwise the turn fails with an ErrorFrame so the user can send again.
// Turns already reported as failed (the server stayed out of reach) only
// get their reply, if there is one: their failure was said once.
func (s *Session) recoverLost(ctx context.Context) {
	s.mu.Lock()
	lost := s.replies.takeLost()
	s.mu.Unlock()
	s.recoverTurns(ctx, lost, recoverWords{
		fetchFailed: "The connection dropped during the reply, and the reply could not be fetched",
		notAnswered: "The connection dropped before the agent replied; reload the task to see whether the reply arrived",
		notSent:     "The connection dropped before the message reached the agent",
	})
}

// recoverWords say why a turn being recovered failed, in each case.
type recoverWords struct {
	fetchFailed string // the transcript could not be fetched
	notAnswered string // the message is in the transcript, with no reply
	notSent     string // the message is not in the transcript
}

// recoverTurns looks up the replies to turns over REST: a reply found is
// delivered as FinalMessage{Recovered: true}, otherwise the turn fails
// with an ErrorFrame (unless it was already reported as failed).
func (s *Session) recoverTurns(ctx context.Context, turns []turn, w recoverWords) {
	transcripts := map[string][]Message{}
	for _, t := range turns {
		msgs, ok := transcripts[t.taskID]
		if !ok {
			var err error
			msgs, err = s.c.TaskMessages(ctx, t.taskID)
			if ctx.Err() != nil {
				return
			}
			if err != nil {
				if !t.failed {
					s.emit(ErrorFrame{TaskID: t.taskID, Prompt: t.text, Err: localError(w.fetchFailed, err), Interrupted: t.started})
				}
				continue
			}
			transcripts[t.taskID] = msgs
		}
		reply, sent := replyTo(msgs, t.text)
		switch {
		case reply != nil:
			s.emit(FinalMessage{TaskID: t.taskID, Message: *reply, Recovered: true, Prompt: t.text})
		case t.failed && t.started && sent:
			// It was said the rest would come; say that it will not.
			s.emit(ErrorFrame{TaskID: t.taskID, Prompt: t.text, Err: localError(msgReplyLost, nil), Interrupted: true})
		case t.failed:
		case sent:
			s.emit(ErrorFrame{TaskID: t.taskID, Prompt: t.text, Err: localError(w.notAnswered, nil), Interrupted: t.started})
		default:
			s.emit(ErrorFrame{TaskID: t.taskID, Prompt: t.text, Err: localError(w.notSent, nil)})
		}
	}
}

// failLost reports the lost turns not yet reported as failed, with msg and
// the reason the connection is down. They are kept, so a reply found after
// reconnecting is still delivered.
func (s *Session) failLost(msg string, cause error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.replies.failLost() {
		m := msg
		if t.started {
			m = msgReplyCutStarted
		}
		s.emitLocked(ErrorFrame{TaskID: t.taskID, Prompt: t.text, Err: localError(m, cause), Interrupted: t.started})
	}
}

// replyTo finds the user's message with this text (the latest one, should it
// have been sent twice) and the agent's answer to it: the last agent message
// before the next user message. sent reports whether the user's message is
// in the transcript at all.
func replyTo(msgs []Message, text string) (reply *Message, sent bool) {
	want := strings.TrimSpace(text)
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].FromAgent() || strings.TrimSpace(msgs[i].Text) != want {
			continue
		}
		for j := i + 1; j < len(msgs) && msgs[j].FromAgent(); j++ {
			reply = &msgs[j]
		}
		return reply, true
	}
	return nil, false
}
