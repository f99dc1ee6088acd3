package search

import (
	"strings"
	"time"

	"aui-tui/internal/textsafe"
)

// Query is a parsed search: every term must be found. A term is a word or
// a quoted phrase, folded; a word matches inside longer words ("nord"
// finds "Nordvik").
type Query struct {
	Terms []string
}

// Parse splits q into words and "quoted phrases". An unclosed quote runs
// to the end; an empty phrase is ignored.
func Parse(q string) Query {
	var out Query
	f := Fold(q)
	for f != "" {
		f = strings.TrimLeft(f, " ")
		if f == "" {
			break
		}
		var term string
		if f[0] == '"' {
			end := strings.IndexByte(f[1:], '"')
			if end < 0 {
				term, f = f[1:], ""
			} else {
				term, f = f[1:1+end], f[2+end:]
			}
			term = strings.Join(strings.Fields(term), " ")
		} else {
			end := strings.IndexAny(f, " \"")
			if end < 0 {
				end = len(f)
			}
			term, f = f[:end], f[end:]
		}
		if term != "" {
			out.Terms = append(out.Terms, term)
		}
	}
	return out
}

// Empty reports whether the query has nothing to look for.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// TitleHit is the hit a task's title alone makes when it holds every term
// of q: for a task listed but not indexed, whose title is all that is known.
func (q Query) TitleHit(taskID, title string, created time.Time) (Hit, bool) {
	if q.Empty() {
		return Hit{}, false
	}
	title = cleanTitle(title)
	folded := Fold(title)
	for _, t := range q.Terms {
		if !strings.Contains(folded, t) {
			return Hit{}, false
		}
	}
	return titleHit(q, taskID, title, folded, created), true
}

// titleHit is the hit on a title (cleaned, and folded) that holds every
// term of q, its first term marked.
func titleHit(q Query, taskID, title, folded string, created time.Time) Hit {
	m := strings.Index(folded, q.Terms[0])
	return Hit{TaskID: taskID, Title: title, Pos: -1, CreatedAt: created, Text: title,
		Match: matchRange(title, folded, m, len(q.Terms[0]))}
}

// cleanTitle is a task's title as it is searched and shown: no control
// characters, on one line, single-spaced.
func cleanTitle(t string) string {
	return strings.Join(strings.Fields(textsafe.Text(t)), " ")
}
