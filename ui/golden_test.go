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

// goldenView is the screen with a product reply open, in a theme and size.
func goldenView(t *testing.T, mode theme.Mode, w, h int) string {
	t.Helper()
	hs := newHarness(t, 12, func(c *Config) { c.Theme = mode })
	id := hs.b.tasks[0].ID
	hs.b.msgs[id] = append(hs.b.msgs[id], productReply())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.send(SessionEvent{api.StateChange{State: api.StateLive}})
	hs.openFirst()
	return hs.m.View().Content
}

// TestViewGolden pins the layout of the whole screen at two sizes, with
// ANSI stripped; TestLightThemeChangesOnlyColours covers the light theme.
// Regenerate with: go test ./ui -run TestViewGolden -update
func TestViewGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		t.Run(fmt.Sprintf("dark_%dx%d", sz[0], sz[1]), func(t *testing.T) {
			golden.RequireEqual(t, ansi.Strip(goldenView(t, theme.ModeDark, sz[0], sz[1])))
		})
	}
}

// TestLightThemeChangesOnlyColours: the light screen has the dark one's
// text and layout cell for cell, in other colours.
func TestLightThemeChangesOnlyColours(t *testing.T) {
	dark, light := goldenView(t, theme.ModeDark, 80, 24), goldenView(t, theme.ModeLight, 80, 24)
	if ansi.Strip(dark) != ansi.Strip(light) {
		t.Fatalf("the light theme changed the text or layout:\n%s\n---\n%s", ansi.Strip(dark), ansi.Strip(light))
	}
	if dark == light {
		t.Fatal("the light theme draws the same colours as the dark one")
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
