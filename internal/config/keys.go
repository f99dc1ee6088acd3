package config

import (
	"fmt"
	"sort"
	"strings"
)

// Action is one action the [keys] table may rebind.
type Action struct {
	// Name is its name in [keys], e.g. "send".
	Name string
	// Scope is where it acts: "" everywhere, or a pane such as "composer".
	// Two actions conflict when they share a key and act in the same
	// scope, or one of them acts everywhere.
	Scope string
	// Modal scopes (a prompt, an overlay) take every key while open: their
	// actions clash only with actions of the same scope.
	Modal bool
	// Keys are its default keys.
	Keys []string
}

// Bindings applies the [keys] table to actions and returns each action's
// keys (the defaults where the table says nothing or cannot be honoured),
// with a problem for every unknown action and every key that would trigger
// two actions at once. Rebindings are taken in the file's order; one that
// conflicts is set aside and the action keeps its defaults.
func (f *File) Bindings(actions []Action) (map[string][]string, []Problem) {
	out := make(map[string][]string, len(actions))
	known := make(map[string]Action, len(actions))
	for _, a := range actions {
		out[a.Name] = a.Keys
		known[a.Name] = a
	}
	var ps []Problem
	names := make([]string, 0, len(f.Keys))
	for n := range f.Keys {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := f.Line("keys", names[i]), f.Line("keys", names[j])
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	for _, name := range names {
		line := f.Line("keys", name)
		a, ok := known[name]
		if !ok {
			hint := "known: " + actionNames(actions)
			if near := nearest(name, actions); near != "" {
				hint = fmt.Sprintf("did you mean %q?", near)
			}
			ps = append(ps, Problem{Path: f.Path, Line: line, Text: fmt.Sprintf("unknown action %q in [keys] (ignored); %s", name, hint)})
			continue
		}
		keys := clean(f.Keys[name])
		for _, k := range keys {
			if why := checkKey(k); why != "" {
				ps = append(ps, Problem{Path: f.Path, Line: line, Text: fmt.Sprintf("keys.%s: %q can never be pressed: %s", name, k, why)})
			}
		}
		if len(keys) == 0 {
			ps = append(ps, Problem{Path: f.Path, Line: line, Text: fmt.Sprintf("keys.%s lists no key (the default is kept)", name)})
			continue
		}
		if other, key := conflict(a, keys, actions, out); other != "" {
			where := ""
			if l := f.Line("keys", other); l > 0 {
				where = fmt.Sprintf(" (line %d)", l)
			}
			ps = append(ps, Problem{Path: f.Path, Line: line,
				Text: fmt.Sprintf("%q would both %s and %s%s; keys.%s is ignored", key, name, other, where, name)})
			continue
		}
		out[name] = keys
	}
	return out, ps
}

// conflict finds an action other than a whose keys in bound share one of
// keys while acting where a acts.
func conflict(a Action, keys []string, actions []Action, bound map[string][]string) (string, string) {
	for _, b := range actions {
		if b.Name == a.Name || !overlap(a, b) {
			continue
		}
		for _, k := range keys {
			for _, bk := range bound[b.Name] {
				if k == bk {
					return b.Name, k
				}
			}
		}
	}
	return "", ""
}

// overlap reports whether a and b can be live at once: the same scope, or
// one of them global while the other is not a modal scope.
func overlap(a, b Action) bool {
	switch {
	case a.Scope == b.Scope:
		return true
	case a.Modal || b.Modal:
		return false
	}
	return a.Scope == "" || b.Scope == ""
}

// clean trims key names and drops empty and repeated ones. Case is kept:
// "G" and "g" are different keys.
func clean(keys []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range keys {
		k = strings.TrimSpace(k)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

func actionNames(actions []Action) string {
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = a.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// nearest is the action name within two edits of name, if there is one.
func nearest(name string, actions []Action) string {
	best, bestD := "", 3
	for _, a := range actions {
		if d := distance(name, a.Name); d < bestD {
			best, bestD = a.Name, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
