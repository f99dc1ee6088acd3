package ui

import "aui-tui/ui/transcript"

// What the reader is looking at in the open task's transcript, for copying
// and the border's position indicator.

// ShowsDetail reports whether the raw JSON or card details view replaces
// the transcript: y then copies what it shows.
func (c *chatModel) ShowsDetail() bool {
	_, details := c.current().DetailsText()
	return details || c.current().RawOpen()
}

// ScrollPage pages the open transcript up (dir < 0) or down, whatever has
// focus.
func (c *chatModel) ScrollPage(dir int) { c.current().ScrollPage(dir) }

// DetailsText is the selected card of the details view, as plain text.
func (c *chatModel) DetailsText() (string, bool) { return c.current().DetailsText() }

// RawText is the JSON the raw view shows.
func (c *chatModel) RawText() (string, bool) { return c.current().RawText() }

// Target is the entry the reader means: the focused one when on screen,
// else the one at the top of the view.
func (c *chatModel) Target() (transcript.Entry, bool) { return c.current().Target() }

// Describe names an entry for a notice ("agent message of 14:02").
func (c *chatModel) Describe(e transcript.Entry) string { return c.current().Describe(e) }

// Position is the view's place in the transcript: message at the top, of
// how many, and the percentage; whether the whole transcript fits.
func (c *chatModel) Position() (msg, total, percent int, fits bool) {
	tr := c.current()
	msg, total, percent = tr.Position()
	fits = tr.AtTop() && tr.AtBottom()
	if c.openID == "" {
		return msg, total, percent, fits
	}
	if older := c.state(c.openID).older; older > 0 && total > 0 {
		msg, total, fits = msg+older, total+older, false
		percent = msg * 100 / total
	}
	return msg, total, percent, fits
}
