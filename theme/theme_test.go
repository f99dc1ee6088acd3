package theme

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestParseMode(t *testing.T) {
	for _, ok := range []string{"auto", "dark", "light"} {
		if m, valid := ParseMode(ok); !valid || string(m) != ok {
			t.Errorf("ParseMode(%q) = %q, %v", ok, m, valid)
		}
	}
	if _, valid := ParseMode("purple"); valid {
		t.Error("ParseMode accepted an unknown theme")
	}
}

func TestDarkAndLightDiffer(t *testing.T) {
	d, l := New(true, false), New(false, false)
	if d.Name != "dark" || l.Name != "light" || !d.IsDark || l.IsDark {
		t.Fatalf("names: %q %q", d.Name, l.Name)
	}
	if d.Chat.UserLabel.GetForeground() == l.Chat.UserLabel.GetForeground() {
		t.Error("dark and light use the same user colour")
	}
	if d.Markdown.Document.Margin == nil || *d.Markdown.Document.Margin != 0 {
		t.Error("the markdown style keeps a document margin; the pane pads itself")
	}
}

// TestPlainHasNoColour checks NO_COLOR: no colour escape in anything drawn,
// while selection and matches stay visible through reverse video.
func TestPlainHasNoColour(t *testing.T) {
	s := New(true, true)
	if s.Name != "plain" {
		t.Fatalf("name %q", s.Name)
	}
	for name, st := range map[string]lipgloss.Style{
		"user": s.Chat.UserLabel, "agent": s.Chat.AgentLabel, "chip": s.Chips.Chip,
		"bar": s.Status.Bar, "failed": s.Chat.Failed, "card": s.Card.Recommended,
	} {
		out := st.Render("x")
		if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
			t.Errorf("%s style emits a colour: %q", name, out)
		}
	}
	if !s.Tasks.Selected.GetReverse() || !s.Chat.Match.GetReverse() {
		t.Error("without colour, the selection and find matches must use reverse video")
	}
}

func TestPlainMarkdownKeepsEmphasisWithoutColour(t *testing.T) {
	s := New(true, true)
	if s.Markdown.Strong.Bold == nil || !*s.Markdown.Strong.Bold {
		t.Error("bold text lost its bold under NO_COLOR")
	}
	if s.Markdown.Strong.Color != nil || s.Markdown.H1.BackgroundColor != nil || s.Markdown.Code.Color != nil {
		t.Error("a colour survived in the NO_COLOR markdown style")
	}
	if d := New(true, false); d.Markdown.H1.BackgroundColor == nil {
		t.Error("stripping colours for NO_COLOR changed the dark style too")
	}
}
