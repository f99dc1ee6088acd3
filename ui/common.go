package ui

import (
	"aui-tui/theme"
	"aui-tui/ui/transcript"
)

// common is what every component shares: the configuration (clock
// included), the key map, the styles and the timer. The root builds it once
// and every component holds the same pointer; the root changes it only in
// Update (the styles, when the terminal reports its background), and
// components only read it.
type common struct {
	cfg  Config
	keys KeyMap
	st   *theme.Styles
	tick ticker
	// renderer is shared by every transcript, so glamour renderers are
	// built once per style and width.
	renderer *transcript.Renderer
}
