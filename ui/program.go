package ui

import tea "charm.land/bubbletea/v2"

// FrameRate is how many frames a second Bubble Tea may draw. Its renderer
// wakes at this rate for as long as the program runs, changed or not, and
// on a shared machine each wake-up costs about 0.1 ms: at the default 60
// an idle program used 0.7 % of a core. 20 frames (one every 50 ms) still
// look live for typing and streamed replies.
const FrameRate = 20

// ProgramOptions are the options every Bubble Tea program of this model
// runs with, so benchmarks run the program as the command does.
func ProgramOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithFPS(FrameRate)}
}
