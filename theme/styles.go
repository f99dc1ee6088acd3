package theme

import (
	"fmt"
	"image/color"
	"os"
	"reflect"

	"charm.land/glamour/v2/ansi"
	glamourstyles "charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// Mode selects the theme: Auto follows the terminal background.
type Mode string

// Theme modes accepted by --theme.
const (
	ModeAuto  Mode = "auto"
	ModeDark  Mode = "dark"
	ModeLight Mode = "light"
)

// ParseMode validates a --theme value.
func ParseMode(s string) (Mode, bool) {
	switch Mode(s) {
	case ModeAuto, ModeDark, ModeLight:
		return Mode(s), true
	}
	return ModeAuto, false
}

// NoColorRequested reports whether the NO_COLOR convention asks for no colour
// (set to any non-empty value).
func NoColorRequested() bool {
	return os.Getenv("NO_COLOR") != ""
}

// Styles holds every style the program draws with, grouped by screen area.
type Styles struct {
	// Name identifies the theme ("dark", "light", "plain"); render caches key on it.
	Name   string
	IsDark bool

	Pane, PaneFocused lipgloss.Style
	PaneTitle         lipgloss.Style
	PaneTitleFocused  lipgloss.Style

	Tasks struct {
		Item, Selected, SelectedBlur, ID, Footer, Empty, FilterPrompt lipgloss.Style
	}
	Chat struct {
		HeaderTitle, HeaderID                 lipgloss.Style
		UserLabel, AgentLabel, Time           lipgloss.Style
		UserBody, Pending, Failed, Notice     lipgloss.Style
		FocusBar, Match, MatchCurrent, Marker lipgloss.Style
	}
	Card struct {
		Box, Recommended, Title, Badge, Key, Value, Variant lipgloss.Style
	}
	Chips struct {
		Chip, Active, Number, Label lipgloss.Style
	}
	Composer struct {
		Prompt, Placeholder, Text lipgloss.Style
	}
	Status struct {
		Bar, Demo, Live, Host, StateLive, StateRetry, StateOffline lipgloss.Style
		Info, Warn, Error, Latency                                 lipgloss.Style
	}
	Help struct {
		Key, Desc, Sep, Overlay lipgloss.Style
	}
	Spinner lipgloss.Style

	// Markdown is the glamour style that matches the palette.
	Markdown ansi.StyleConfig
}

// New builds the styles for a background (dark or light) and whether colour
// is allowed at all.
func New(isDark, noColor bool) *Styles {
	p, name := Light(), "light"
	if isDark {
		p, name = Dark(), "dark"
	}
	if noColor {
		p, name = Plain(), "plain"
	}
	s := &Styles{Name: name, IsDark: isDark}
	base := lipgloss.NewStyle().Foreground(p.Fg)
	muted := lipgloss.NewStyle().Foreground(p.Muted)

	s.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Border)
	s.PaneFocused = s.Pane.BorderForeground(p.BorderFocus)
	s.PaneTitle = muted.Bold(true)
	s.PaneTitleFocused = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)

	s.Tasks.Item = base
	s.Tasks.Selected = lipgloss.NewStyle().Foreground(p.SelFg).Background(p.SelBg).Bold(true)
	s.Tasks.SelectedBlur = lipgloss.NewStyle().Foreground(p.Fg).Background(p.ChipBg)
	if noColor {
		s.Tasks.Selected = lipgloss.NewStyle().Reverse(true).Bold(true)
		s.Tasks.SelectedBlur = lipgloss.NewStyle().Underline(true)
	}
	s.Tasks.ID = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Tasks.Footer = muted
	s.Tasks.Empty = muted.Italic(true)
	s.Tasks.FilterPrompt = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)

	s.Chat.HeaderTitle = base.Bold(true)
	s.Chat.HeaderID = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Chat.UserLabel = lipgloss.NewStyle().Foreground(p.User).Bold(true)
	s.Chat.AgentLabel = lipgloss.NewStyle().Foreground(p.Agent).Bold(true)
	s.Chat.Time = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Chat.UserBody = base
	s.Chat.Pending = muted.Italic(true)
	s.Chat.Failed = lipgloss.NewStyle().Foreground(p.Err)
	s.Chat.Notice = muted.Italic(true)
	s.Chat.FocusBar = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Chat.Match = lipgloss.NewStyle().Foreground(p.MatchFg).Background(p.Match)
	s.Chat.MatchCurrent = s.Chat.Match.Bold(true).Underline(true)
	if noColor {
		s.Chat.Match = lipgloss.NewStyle().Reverse(true)
		s.Chat.MatchCurrent = lipgloss.NewStyle().Reverse(true).Bold(true).Underline(true)
	}
	s.Chat.Marker = lipgloss.NewStyle().Foreground(p.Accent)

	s.Card.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Border).Padding(0, 1)
	s.Card.Recommended = s.Card.Box.BorderForeground(p.Success)
	s.Card.Title = base.Bold(true)
	s.Card.Badge = lipgloss.NewStyle().Foreground(p.Success).Bold(true)
	s.Card.Key = muted
	s.Card.Value = base
	s.Card.Variant = muted

	s.Chips.Chip = lipgloss.NewStyle().Foreground(p.ChipFg).Background(p.ChipBg).Padding(0, 1)
	s.Chips.Active = lipgloss.NewStyle().Foreground(p.SelFg).Background(p.SelBg).Bold(true).Padding(0, 1)
	if noColor {
		s.Chips.Chip = lipgloss.NewStyle().Padding(0, 1)
		s.Chips.Active = lipgloss.NewStyle().Reverse(true).Bold(true).Padding(0, 1)
	}
	s.Chips.Number = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Chips.Label = muted

	s.Composer.Prompt = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Composer.Placeholder = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Composer.Text = base

	s.Status.Bar = lipgloss.NewStyle().Foreground(p.Muted).Background(p.BarBg)
	s.Status.Demo = lipgloss.NewStyle().Foreground(p.BadgeFg).Background(p.Warn).Bold(true).Padding(0, 1)
	s.Status.Live = lipgloss.NewStyle().Foreground(p.BadgeFg).Background(p.Success).Bold(true).Padding(0, 1)
	if noColor {
		s.Status.Demo = lipgloss.NewStyle().Reverse(true).Bold(true).Padding(0, 1)
		s.Status.Live = s.Status.Demo
	}
	s.Status.Host = lipgloss.NewStyle().Foreground(p.Muted).Background(p.BarBg)
	s.Status.StateLive = lipgloss.NewStyle().Foreground(p.Success).Background(p.BarBg)
	s.Status.StateRetry = lipgloss.NewStyle().Foreground(p.Warn).Background(p.BarBg)
	s.Status.StateOffline = lipgloss.NewStyle().Foreground(p.Err).Background(p.BarBg)
	s.Status.Info = lipgloss.NewStyle().Foreground(p.Fg).Background(p.BarBg)
	s.Status.Warn = lipgloss.NewStyle().Foreground(p.Warn).Background(p.BarBg).Bold(true)
	s.Status.Error = lipgloss.NewStyle().Foreground(p.Err).Background(p.BarBg).Bold(true)
	s.Status.Latency = lipgloss.NewStyle().Foreground(p.Muted).Background(p.BarBg)

	s.Help.Key = lipgloss.NewStyle().Foreground(p.Accent).Bold(true)
	s.Help.Desc = muted
	s.Help.Sep = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Help.Overlay = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.BorderFocus).Padding(1, 2)
	s.Spinner = lipgloss.NewStyle().Foreground(p.Accent)

	s.Markdown = markdownStyle(p, isDark, noColor)
	return s
}

// markdownStyle starts from glamour's own dark, light or ASCII style and
// removes the document margin: the conversation pane does its own padding,
// and a margin would waste columns on narrow terminals. The colours of
// glamour's styles that read below 4.5:1 on a usual background (links,
// inline code, the first heading, image text) come from the palette.
func markdownStyle(p Palette, isDark, noColor bool) ansi.StyleConfig {
	var c ansi.StyleConfig
	switch {
	case isDark || noColor:
		c = glamourstyles.DarkStyleConfig
	default:
		c = glamourstyles.LightStyleConfig
	}
	if !noColor {
		// Only pointers are replaced: what they point to is shared with
		// glamour's own styles.
		c.H1.Color, c.H1.BackgroundColor = hexOf(p.SelFg), hexOf(p.SelBg)
		c.Link.Color = hexOf(p.User)
		c.Image.Color = hexOf(p.Accent)
		c.ImageText.Color = hexOf(p.Muted)
		c.Code.Color = hexOf(p.Accent)
		c.CodeBlock.Color = hexOf(p.Muted)
	}
	if noColor {
		// NO_COLOR asks for no colour, not for raw markup: keep bold,
		// italics and tables, drop every colour and the syntax colouring.
		c.CodeBlock.Chroma = nil
		c.CodeBlock.Theme = ""
		stripColors(reflect.ValueOf(&c).Elem())
	}
	zero := uint(0)
	c.Document.Margin = &zero
	c.Document.BlockPrefix = ""
	c.Document.BlockSuffix = ""
	return c
}

// stripColors clears every Color and BackgroundColor field in a glamour
// style, however deeply nested. The style is a large tree of structs and
// pointers; walking it keeps this in step with glamour's own fields.
func stripColors(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			stripColors(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			if name := t.Field(i).Name; name == "Color" || name == "BackgroundColor" {
				f.Set(reflect.Zero(f.Type()))
				continue
			}
			if f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.Struct {
				// Copy before clearing: the pointer may be shared with
				// glamour's own package-level style.
				cp := reflect.New(f.Elem().Type())
				cp.Elem().Set(f.Elem())
				f.Set(cp)
			}
			stripColors(f)
		}
	}
}

// hexOf writes a colour the way glamour's style wants it.
func hexOf(c color.Color) *string {
	r, g, b, _ := c.RGBA()
	s := fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
	return &s
}
