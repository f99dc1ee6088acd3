package theme

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
)

// Terminal backgrounds the themes are checked against when a style sets no
// background of its own.
var (
	darkBg  = lipgloss.Color("#1E1E1E")
	lightBg = lipgloss.Color("#FFFFFF")
)

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		s := float64(v>>8) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func isColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c != nil && !none
}

// textStyles walks every lipgloss.Style in Styles, with its field path.
func textStyles(v reflect.Value, path string, fn func(string, lipgloss.Style)) {
	if st, ok := v.Interface().(lipgloss.Style); ok {
		fn(path, st)
		return
	}
	if v.Kind() == reflect.Struct {
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && f.Name != "Markdown" {
				textStyles(v.Field(i), path+"."+f.Name, fn)
			}
		}
	}
}

// TestTextContrast checks every text colour against its background (the
// style's own, or the terminal's) at WCAG AA, 4.5:1, both as defined and as
// a 256-colour terminal shows it.
func TestTextContrast(t *testing.T) {
	for _, tc := range []struct {
		dark bool
		bg   color.Color
	}{{true, darkBg}, {false, lightBg}} {
		s := New(tc.dark, false)
		textStyles(reflect.ValueOf(*s), s.Name, func(path string, st lipgloss.Style) {
			fg, bg := st.GetForeground(), st.GetBackground()
			if !isColor(fg) {
				return // a border, or the terminal's own colour
			}
			if !isColor(bg) {
				bg = tc.bg
			}
			for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
				f, b := p.Convert(fg), p.Convert(bg)
				if r := contrast(f, b); r < 4.5 {
					t.Errorf("%s: %s on %s is %.2f:1 in %s, want at least 4.5:1", path, hex(f), hex(b), r, p)
				}
			}
		})
	}
}

// TestMarkdownContrast does the same for the colours of agent replies
// (glamour's style for the theme).
func TestMarkdownContrast(t *testing.T) {
	for _, tc := range []struct {
		dark bool
		bg   color.Color
	}{{true, darkBg}, {false, lightBg}} {
		s := New(tc.dark, false)
		walkMarkdown(reflect.ValueOf(s.Markdown), s.Name+".Markdown", tc.bg, func(path string, fg, bg color.Color) {
			for _, p := range []colorprofile.Profile{colorprofile.TrueColor, colorprofile.ANSI256} {
				f, b := p.Convert(fg), p.Convert(bg)
				if r := contrast(f, b); r < 4.5 {
					t.Errorf("%s: %s on %s is %.2f:1 in %s, want at least 4.5:1", path, hex(f), hex(b), r, p)
				}
			}
		})
	}
}

// walkMarkdown finds each glamour primitive with a text colour, pairing it
// with its background colour or the inherited one.
func walkMarkdown(v reflect.Value, path string, bg color.Color, fn func(string, color.Color, color.Color)) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkMarkdown(v.Elem(), path, bg, fn)
		}
	case reflect.Struct:
		if f := v.FieldByName("BackgroundColor"); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() {
			bg = lipgloss.Color(f.Elem().String())
		}
		if f := v.FieldByName("Color"); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.String {
			fn(path, lipgloss.Color(f.Elem().String()), bg)
		}
		for i := range v.NumField() {
			// A rule is a line, not text; code colouring is chroma's.
			if f := v.Type().Field(i); f.IsExported() && f.Name != "Chroma" && f.Name != "HorizontalRule" {
				walkMarkdown(v.Field(i), path+"."+f.Name, bg, fn)
			}
		}
	}
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}
