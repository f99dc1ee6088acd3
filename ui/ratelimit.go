package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
)

// RateLimited tells the program that a call is waiting because the server
// answered 429 with a Retry-After; it is sent from the API client's
// OnRateLimit hook.
type RateLimited struct{ Wait time.Duration }

// onRateLimited says what the wait is, so a slow answer is explained.
func (m *Model) onRateLimited(msg RateLimited) tea.Cmd {
	secs := int((msg.Wait + time.Second - 1) / time.Second)
	return m.notify(levelWarn, fmt.Sprintf("The server is rate limiting requests; retrying in %d s.", max(secs, 1)))
}
