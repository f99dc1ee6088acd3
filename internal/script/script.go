// Package script reads the autopilot scripts of aui-tui play: lines to
// type into the composer, and a few commands (pick a suggestion, wait for
// the reply, pause, open a task, start a new one).
package script

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Kinds of step.
const (
	Type  = "type"  // type Text into the composer and send it
	Pick  = "pick"  // send suggestion N
	Wait  = "wait"  // wait for the agent's reply
	Pause = "pause" // do nothing for D
	Open  = "open"  // open the task titled Text
	New   = "new"   // start a new task
)

// Step is one line of a script.
type Step struct {
	Line int // 1-based line in the file
	Kind string
	Text string
	N    int
	D    time.Duration
}

// maxPause bounds a pause, so a typo ("pause 20m") does not stall a demo.
const maxPause = 5 * time.Minute

// Parse reads a whole script. Blank lines and lines starting with # are
// skipped; a line that starts with none of the commands is text to type
// (say TEXT types text that starts like a command). Every error names its
// line, and nothing is returned unless the whole script is valid.
func Parse(r io.Reader) ([]Step, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var steps []Step
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		st, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %s", n, err)
		}
		st.Line = n
		steps = append(steps, st)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	if len(steps) == 0 {
		return nil, fmt.Errorf("the script has nothing to do: write lines to type, or commands such as pick 1 and wait reply")
	}
	return steps, nil
}

// parseLine reads one non-blank line.
func parseLine(line string) (Step, error) {
	word, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	switch strings.ToLower(word) {
	case "say":
		if rest == "" {
			return Step{}, fmt.Errorf("say needs the text to type")
		}
		return Step{Kind: Type, Text: rest}, nil
	case "pick":
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > 9 {
			return Step{}, fmt.Errorf("pick takes a suggestion number from 1 to 9, not %q", rest)
		}
		return Step{Kind: Pick, N: n}, nil
	case "wait":
		if strings.ToLower(rest) != "reply" {
			return Step{}, fmt.Errorf("wait is written \"wait reply\" (it waits for the agent's reply)")
		}
		return Step{Kind: Wait}, nil
	case "pause":
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return Step{}, fmt.Errorf("pause takes a duration such as 2s or 500ms, not %q", rest)
		}
		if d > maxPause {
			return Step{}, fmt.Errorf("pause %s is longer than %s", d, maxPause)
		}
		return Step{Kind: Pause, D: d}, nil
	case "open":
		title := rest
		if strings.HasPrefix(title, `"`) {
			t, err := strconv.Unquote(title)
			if err != nil {
				return Step{}, fmt.Errorf("open takes a task title in double quotes, as in open \"Microwave search\"")
			}
			title = t
		}
		if strings.TrimSpace(title) == "" {
			return Step{}, fmt.Errorf("open needs the title of the task to open")
		}
		return Step{Kind: Open, Text: title}, nil
	case "new":
		if rest != "" {
			return Step{}, fmt.Errorf("new takes nothing after it (to type text, write it on its own line)")
		}
		return Step{Kind: New}, nil
	}
	return Step{Kind: Type, Text: line}, nil
}
