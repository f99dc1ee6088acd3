package transcript

import "strings"

// plainFences names the language of fenced code blocks that name none as
// "text". glamour highlights every code block with chroma, and chroma finds
// no lexer for an empty name only after matching it against every
// lexer's file patterns: about 4 ms a block, most of the cost of a
// message with a specifications block. "text" is found at once, and what
// is shown is the same: a block without a language is not coloured
// either way.
func plainFences(src string) string {
	if !strings.Contains(src, "```") && !strings.Contains(src, "~~~") {
		return src
	}
	lines := strings.SplitAfter(src, "\n")
	var fence string // the open fence's marker; "" outside a block
	changed := false
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) > 3 {
			continue // indented code, not a fence
		}
		body := strings.TrimRight(t, "\r\n")
		switch {
		case fence != "":
			// A closing fence may be followed by blanks, nothing else.
			if strings.HasPrefix(body, fence) && strings.TrimRight(strings.TrimLeft(body, fence[:1]), " \t") == "" {
				fence = ""
			}
		case strings.HasPrefix(body, "```") || strings.HasPrefix(body, "~~~"):
			marker := body[:3]
			n := len(body) - len(strings.TrimLeft(body, marker[:1]))
			fence = body[:n]
			if strings.TrimSpace(body[n:]) == "" {
				lines[i] = l[:len(l)-len(t)] + fence + "text" + t[len(body):]
				changed = true
			}
		}
	}
	if !changed {
		return src
	}
	return strings.Join(lines, "")
}
