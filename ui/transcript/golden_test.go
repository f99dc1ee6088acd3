package transcript

import (
	"fmt"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// goldenEntries is a short conversation with every kind of entry.
func goldenEntries() []Entry {
	at := func(min int) time.Time { return testStart.Add(time.Duration(min) * time.Minute) }
	welcome := agentEntry("welcome", "Hi! I'm your **kitchen assistant**. Tell me what you are looking for.", time.Time{})
	welcome.Welcome = true
	cards := cardEntry()
	cards.Msg.CreatedAt = agentEntry("", "", at(3)).Msg.CreatedAt
	pending := userEntry("p", "Does the first one come in stainless steel?", at(6))
	pending.Status = StatusPending
	failed := userEntry("f", "And what about delivery?", at(7))
	failed.Status, failed.Err = StatusFailed, "the server did not answer in time"
	streaming := agentEntry("s", "Yes — the **Samsung** is also sold in stainless steel:\n\n- Stainless, 23 l: $379.00\n- Black, 23 l: $358.08\n\nDelivery usually", at(8))
	streaming.Status = StatusStreaming
	return []Entry{
		welcome,
		userEntry("u1", "I need a built-in microwave, 20 l or more, under $400.", at(1)),
		agentEntry("a1", "Here is what matters for a **built-in** model:\n\n1. **Capacity**: 20–25 l suits most families.\n2. **Power**: 800 W or more heats evenly.\n3. **Niche size**: measure before you buy.\n\n| Model | Capacity | Price |\n|---|---|---|\n| Samsung MS23K3513AS | 23 l | $358.08 |\n| Panasonic NN-SN686S | 32 l | $289.00 |", at(2)),
		cards,
		userEntry("u2", "Thanks! Which one is the quietest?\nI work from home.", at(4)),
		agentEntry("a2", "The **Panasonic** is the quietest (about 46 dB). Use `inverter` mode for defrosting.", at(5)),
		pending,
		failed,
		streaming,
	}
}

// TestGolden keeps the dark screens as text. The light theme changes only
// colours, so rather than a byte-identical second set of files, the light
// screen is checked to hold the same text in other colours.
func TestGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		for _, top := range []bool{false, true} {
			name := fmt.Sprintf("%dx%d_dark", sz[0], sz[1])
			if top {
				name += "_top"
			}
			t.Run(name, func(t *testing.T) {
				view := func(dark bool) string {
					m := newModel(t, sz[0], sz[1], dark, goldenEntries())
					if top {
						m = press(m, "g", "]", "]")
					}
					checkFrame(t, m, sz[0], sz[1])
					return m.View()
				}
				dark, light := view(true), view(false)
				golden.RequireEqual(t, ansi.Strip(dark))
				if ansi.Strip(light) != ansi.Strip(dark) {
					t.Errorf("the light screen's text differs from the dark one's:\n%s", ansi.Strip(light))
				}
				if light == dark {
					t.Error("the light screen has the dark screen's colours")
				}
			})
		}
	}
}
