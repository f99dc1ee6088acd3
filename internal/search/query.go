package search

import "strings"

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
