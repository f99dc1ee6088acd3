package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"aui-tui/api"
	"aui-tui/theme"
)

// TestViewGolden pins the whole screen at two sizes in dark and light, with
// ANSI stripped (colours are covered by the theme's own tests). Regenerate
// with: go test ./ui -run TestViewGolden -update
func TestViewGolden(t *testing.T) {
	for _, mode := range []theme.Mode{theme.ModeDark, theme.ModeLight} {
		for _, sz := range [][2]int{{80, 24}, {140, 40}} {
			t.Run(fmt.Sprintf("%s_%dx%d", mode, sz[0], sz[1]), func(t *testing.T) {
				h := newHarness(t, 12, func(c *Config) { c.Theme = mode })
				id := h.b.tasks[0].ID
				h.b.msgs[id] = append(h.b.msgs[id], productReply())
				h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				h.send(SessionEvent{api.StateChange{State: api.StateLive}})
				h.openFirst()
				golden.RequireEqual(t, ansi.Strip(h.m.View().Content))
			})
		}
	}
}

func productReply() api.Message {
	m := agentMsg("p1", "Here are **two** options:\n\n- Nordvik BM25X\n- Halden HB20", "Compare them", "Cheaper?", "Stainless?")
	m.Options = []api.ProductOption{
		{IsRecommended: true, WidgetParameters: []api.Parameter{
			{Title: "Product name", Value: api.StringValue("Nordvik BM25X")},
			{Title: "Price", Value: api.StringValue("$358.08")},
			{Title: "Capacity", Value: api.StringValue("25 L")},
		}},
		{WidgetParameters: []api.Parameter{
			{Title: "Product name", Value: api.StringValue("Halden HB20")},
			{Title: "Price", Value: api.NumberValue(289)},
			{Title: "Color", Value: api.ListValue("Black", "White")},
		}},
	}
	return m
}
