package ui

// Titled gives a task the chat has no title for (one not in the loaded
// pages of the list, opened from a search hit) the title to show.
func (c *chatModel) Titled(taskID, title string) {
	if s := c.state(taskID); s.task.Title == "" {
		s.task.Title = title
	}
}

// Jump shows the open task's entry keyed key with query as the active find
// (transcript.FindAt). found: the entry is there; settled: the server's
// copy is in, or cannot come, so no later load replaces what is shown.
func (c *chatModel) Jump(taskID, key, query string) (found, settled bool) {
	if c.openID != taskID {
		return false, false
	}
	s := c.state(taskID)
	found = s.tr.FindAt(key, query)
	return found, s.unreachable || (s.loaded && !s.loading)
}
