package main

import (
	"reflect"
	"runtime/debug"

	tea "charm.land/bubbletea/v2"
)

// guarded runs the UI model with every panic caught: in Update, in View and
// in the commands they return. Bubble Tea catches panics too, but only to
// print them over whatever is on screen and drop the model, losing the
// drafts typed since the last save. Here the model from before the failing
// message is kept, so the drafts it holds are saved on the way out.
type guarded struct {
	inner tea.Model
	crash *crashLog
}

// crashedMsg makes the program quit after a panic was recorded outside
// Update.
type crashedMsg struct{}

func (g guarded) Init() tea.Cmd { return g.wrap(g.inner.Init()) }

func (g guarded) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashedMsg); ok {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.crash.record(r, debug.Stack())
			next, cmd = g, tea.Quit
		}
	}()
	m, c := g.inner.Update(msg)
	return guarded{inner: m, crash: g.crash}, g.wrap(c)
}

func (g guarded) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			g.crash.record(r, debug.Stack())
			v = tea.NewView("")
			v.AltScreen = true
		}
	}()
	return g.inner.View()
}

// wrap makes a command report its panic instead of crashing, including the
// commands of a batch or sequence it returns (Bubble Tea runs those itself).
func (g guarded) wrap(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				g.crash.record(r, debug.Stack())
				msg = crashedMsg{}
			}
		}()
		msg = c()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = g.wrap(b[i])
			}
			return b
		}
		g.wrapSequence(msg)
		return msg
	}
}

// cmdType is the type of tea.Cmd, to find the commands of a sequence.
var cmdType = reflect.TypeFor[tea.Cmd]()

// wrapSequence wraps the commands of a tea.Sequence in place. Its message
// type is not exported, but it is a slice of commands.
func (g guarded) wrapSequence(msg tea.Msg) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return
	}
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok && c != nil {
			v.Index(i).Set(reflect.ValueOf(g.wrap(c)))
		}
	}
}
