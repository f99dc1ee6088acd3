package api

import "time"

// ConnState is the state of a Session's live connection.
type ConnState int

// Connection states, in the order a session usually passes through them.
const (
	// StateConnecting: a connection attempt is under way.
	StateConnecting ConnState = iota
	// StateLive: connected; sends go over the WebSocket and replies stream.
	StateLive
	// StateRetrying: the connection failed or dropped; another attempt
	// follows after StateChange.RetryIn.
	StateRetrying
	// StateOffline: no further attempts (the key was rejected, the server
	// has no live endpoint, or Run's context ended). Send still works over
	// REST while Run is running.
	StateOffline
	// StateClosed: Run has returned; Send fails with ErrSessionClosed. No
	// event reports it, since the handler is never called after Run returns.
	StateClosed
)

// String is the word the status bar shows.
func (s ConnState) String() string {
	switch s {
	case StateConnecting:
		return "connecting"
	case StateLive:
		return "live"
	case StateRetrying:
		return "retrying"
	case StateOffline:
		return "offline"
	case StateClosed:
		return "closed"
	}
	return "unknown"
}

// Event is something a Session reports to its handler: a TextUpdate,
// FinalMessage, ErrorFrame or StateChange, always passed by value.
type Event interface{ isEvent() }

// TextUpdate is the agent's reply so far. Text is the whole reply text up to
// now, whether the server streams cumulative text or chunks: show it in place
// of the previous update for the same reply.
type TextUpdate struct {
	TaskID    string // may be "" when neither the frame nor the session knows it
	MessageID string // may be "": the simplified stream form carries no ids
	Text      string
}

// FinalMessage is the agent's finished reply; it ends the turn and its Text
// replaces any streamed text. ViaREST: it came from the REST fallback
// because the socket was not live. Recovered: the socket dropped mid-reply
// and the reply was fetched from the transcript after reconnecting.
type FinalMessage struct {
	TaskID    string
	Message   Message
	ViaREST   bool
	Recovered bool
	// Prompt is the user's text this reply answers, when the session knows
	// it (always for a recovered reply), so a client can place the reply
	// after the right message.
	Prompt string
}

// ErrorFrame says the turn for TaskID failed (TaskID is "" when no turn was
// waiting). Err is the server's error frame, or a client-made error whose
// cause errors.Is/As can inspect. The text the user sent should be kept so it
// can be sent again.
type ErrorFrame struct {
	TaskID string
	Err    *APIError
	// Prompt is the user's text of the turn that failed, when the session
	// knows it (a turn lost with the connection), so a client can mark the
	// right message failed.
	Prompt string
	// Interrupted: part of the reply had arrived, so the server has the
	// message and it need not be sent again; the text so far is worth
	// keeping.
	Interrupted bool
}

// StateChange reports a new connection state. Attempt counts consecutive
// failed attempts (0 on the first try and once live); RetryIn is the wait
// before the next attempt when State is StateRetrying; Err says why the
// connection failed or dropped (nil for ordinary transitions).
type StateChange struct {
	State   ConnState
	Attempt int
	RetryIn time.Duration
	Err     error
}

func (TextUpdate) isEvent()   {}
func (FinalMessage) isEvent() {}
func (ErrorFrame) isEvent()   {}
func (StateChange) isEvent()  {}
