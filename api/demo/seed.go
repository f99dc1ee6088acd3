package demo

import (
	"time"

	"aui-tui/api"
)

// Seeded content.
const (
	newTaskTitle    = "New Conversation"
	kitchenTitle    = "Kitchen renovation — full history"
	kitchenMessages = 2400
)

// nextTitle is the task title after a user message: a new task takes its
// title from the first message that says what the user wants.
func nextTitle(current, text string) string {
	if current != newTaskTitle {
		return current
	}
	if t := titleFor(text); t != "" {
		return t
	}
	return current
}

// seedTasks builds the demo user's history: one short task per script,
// spread over the past weeks (newest first in script order), and one long
// task. Ids are derived from the content so a seeded store is the same on
// every machine, apart from the dates.
func seedTasks(now time.Time, userID string) []seeded {
	out := make([]seeded, 0, len(scripts)+1)
	for k, lines := range scripts {
		start := now.Add(-time.Duration(k)*37*time.Hour - time.Duration(2+k*k%7)*time.Hour)
		id := derivedObjectID(start, "seed", userID, itoa(k))
		msgs, st := generate(id, userID, 0, start, lines)
		title := newTaskTitle
		for _, l := range lines {
			title = nextTitle(title, l)
		}
		out = append(out, seeded{rec: taskRecord{ID: id, UserID: userID, Title: title, Created: start, State: st}, msgs: msgs})
	}
	out = append(out, longTask(now.Add(-3*time.Hour), userID, "kitchen", kitchenTitle, kitchenMessages, false))
	return out
}

// longTask builds a task of n generated messages whose last message is at
// end. When createdAtEnd is set the task sorts as created at end (so it
// lists first); otherwise as created when its first message was sent.
func longTask(end time.Time, userID, name, title string, n int, createdAtEnd bool) seeded {
	id := derivedObjectID(end, "long", userID, name, itoa(n))
	msgs, st := generate(id, userID, n, end, nil)
	if len(msgs) > 0 {
		shift := end.Sub(msgs[len(msgs)-1].CreatedAt.Time)
		for i := range msgs {
			msgs[i].CreatedAt = api.NewTimestamp(msgs[i].CreatedAt.Time.Add(shift))
		}
	}
	created := end
	if !createdAtEnd && len(msgs) > 0 {
		created = msgs[0].CreatedAt.Time
	}
	return seeded{rec: taskRecord{ID: id, UserID: userID, Title: title, Created: created, State: st}, msgs: msgs}
}
