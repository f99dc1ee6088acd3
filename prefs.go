package main

import (
	"github.com/spf13/cobra"

	"aui-tui/internal/config"
)

// applyPreferences fills the UI settings the command line left alone from
// the configuration file; a flag given on the command line always wins.
func applyPreferences(cmd *cobra.Command, f *config.File, theme *string, noMouse *bool, pageSize *int, exportDir *string) {
	given := cmd.Flags().Changed
	if !given("theme") && f.Theme != "" {
		*theme = f.Theme
	}
	if !given("no-mouse") && f.Mouse != nil {
		*noMouse = !*f.Mouse
	}
	if !given("page-size") && f.PageSize > 0 {
		*pageSize = f.PageSize
	}
	if !given("export-dir") && f.ExportDir != "" {
		*exportDir = config.ExpandHome(f.ExportDir, nil)
	}
}
