// Package theme turns a small palette of semantic colours into every style
// the program draws with, and picks the matching glamour markdown style.
// Styles are built once and passed by pointer; nothing here is mutated after
// construction, so switching themes means building a new value.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette names the colours by role, not by hue, so dark, light and
// colourless themes differ only here.
type Palette struct {
	Fg, Muted, Subtle, Border, BorderFocus  color.Color
	Accent, User, Agent, Success, Warn, Err color.Color
	ChipBg, ChipFg, SelBg, SelFg, BarBg     color.Color
	Match, MatchFg                          color.Color
	// BadgeFg is the text on the DEMO and LIVE badges (Warn and Success
	// backgrounds).
	BadgeFg color.Color
}

// Dark is the palette for dark terminal backgrounds.
func Dark() Palette {
	return Palette{
		Fg: lipgloss.Color("#E4E4E7"), Muted: lipgloss.Color("#A1A1AA"), Subtle: lipgloss.Color("#909099"),
		Border: lipgloss.Color("#3F3F46"), BorderFocus: lipgloss.Color("#8B5CF6"),
		Accent: lipgloss.Color("#A78BFA"), User: lipgloss.Color("#38BDF8"), Agent: lipgloss.Color("#C084FC"),
		Success: lipgloss.Color("#4ADE80"), Warn: lipgloss.Color("#FACC15"), Err: lipgloss.Color("#F87171"),
		ChipBg: lipgloss.Color("#27272A"), ChipFg: lipgloss.Color("#E4E4E7"),
		SelBg: lipgloss.Color("#4C1D95"), SelFg: lipgloss.Color("#FAFAFA"), BarBg: lipgloss.Color("#18181B"),
		Match: lipgloss.Color("#FACC15"), MatchFg: lipgloss.Color("#18181B"), BadgeFg: lipgloss.Color("#18181B"),
	}
}

// Light is the palette for light terminal backgrounds.
func Light() Palette {
	return Palette{
		Fg: lipgloss.Color("#18181B"), Muted: lipgloss.Color("#52525B"), Subtle: lipgloss.Color("#71717A"),
		Border: lipgloss.Color("#D4D4D8"), BorderFocus: lipgloss.Color("#7C3AED"),
		Accent: lipgloss.Color("#6D28D9"), User: lipgloss.Color("#0369A1"), Agent: lipgloss.Color("#7E22CE"),
		Success: lipgloss.Color("#166534"), Warn: lipgloss.Color("#854D0E"), Err: lipgloss.Color("#B91C1C"),
		ChipBg: lipgloss.Color("#F4F4F5"), ChipFg: lipgloss.Color("#18181B"),
		SelBg: lipgloss.Color("#EDE9FE"), SelFg: lipgloss.Color("#18181B"), BarBg: lipgloss.Color("#F4F4F5"),
		Match: lipgloss.Color("#FDE047"), MatchFg: lipgloss.Color("#18181B"), BadgeFg: lipgloss.Color("#FFFFFF"),
	}
}

// Plain is the palette used when NO_COLOR is set: no colour at all, so
// every distinction must also be carried by text, bold or reverse video.
func Plain() Palette {
	n := lipgloss.NoColor{}
	return Palette{
		Fg: n, Muted: n, Subtle: n, Border: n, BorderFocus: n,
		Accent: n, User: n, Agent: n, Success: n, Warn: n, Err: n,
		ChipBg: n, ChipFg: n, SelBg: n, SelFg: n, BarBg: n, Match: n, MatchFg: n, BadgeFg: n,
	}
}
