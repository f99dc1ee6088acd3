package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"

	"aui-tui/internal/config"
)

// envGlamourStyle is the variable other glamour programs (glow, gh) read
// for the markdown style; it wins over markdown_style.
const envGlamourStyle = "GLAMOUR_STYLE"

// markdownStyle resolves markdown_style (or $GLAMOUR_STYLE): "" or "auto"
// is nil, the theme's own style; a glamour style name is that style; any
// other value is the path of a glamour JSON style file. name labels it in
// render caches.
func markdownStyle(value string) (style *ansi.StyleConfig, name string, err error) {
	value = strings.TrimSpace(value)
	if value == "" || value == "auto" {
		return nil, "", nil
	}
	if st, ok := styles.DefaultStyles[value]; ok {
		return st, value, nil
	}
	path := config.ExpandHome(value, nil)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("markdown style %q is neither a glamour style (%s) nor a readable file", value, styleNames())
	}
	var st ansi.StyleConfig
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, "", fmt.Errorf("markdown style file %s is not a glamour JSON style: %v", path, err)
	}
	return &st, filepath.Base(path), nil
}

// styleNames lists glamour's built-in styles.
func styleNames() string {
	var names []string
	for n := range styles.DefaultStyles {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// chooseMarkdown picks the markdown style from $GLAMOUR_STYLE or the
// configuration; one that cannot be used is a warning and the theme's
// style is kept.
func (s *setup) chooseMarkdown(getenv func(string) string) (*ansi.StyleConfig, string, []config.Problem) {
	value, line := getenv(envGlamourStyle), 0
	if value == "" {
		value, line = s.file.MarkdownStyle, s.file.Line("markdown_style")
	}
	st, name, err := markdownStyle(value)
	if err != nil {
		return nil, "", []config.Problem{{Path: firstOf(s.file.Path, "$"+envGlamourStyle), Line: line, Text: err.Error() + " (using the theme's)"}}
	}
	return st, name, nil
}
