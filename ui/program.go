package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// FrameRate is how many frames a second Bubble Tea may draw while something
// changes. The renderer (third_party/bubbletea) draws the first frame after
// a quiet spell at once, then at most this often, and sleeps once the
// screen is up to date, so the rate costs nothing when idle. At 60 a key
// press or a transcript that has just loaded waits at most 17 ms for its
// frame. A streamed reply changes the view only StreamRate times a second.
const FrameRate = 60

// StreamRate is how many times a second a streamed reply's text is passed
// to the program and rendered: often enough to read as live, rarely enough
// that a long reply at 200 words a second costs a few per cent of a core.
const StreamRate = 20

// StreamPace is the time between two renders of a streamed reply's text:
// the pacer feeding the program and the chat's own batching both use it.
const StreamPace = time.Second / StreamRate

// ProgramOptions are the options every Bubble Tea program of this model
// runs with, so benchmarks run the program as the command does.
func ProgramOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithFPS(FrameRate)}
}
