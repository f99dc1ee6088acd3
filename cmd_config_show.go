package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"aui-tui/internal/textsafe"
)

// newConfigShowCmd prints the settings a command would use and where each
// comes from, to find out which key or server is in force without
// connecting. The key itself is never shown.
func newConfigShowCmd() *cobra.Command {
	var f connFlags
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Print the settings in force and where each comes from (never the key)",
		Example: "  aui-tui config show\n" +
			"  aui-tui config show --profile staging",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeSettings(cmd.OutOrStdout(), f, setupOf(cmd), os.Getenv)
		},
	}
	f.register(cmd)
	return cmd
}

// writeSettings lists the configuration file, the profile, where the API
// is, the user, where the key comes from, and the preferences.
func writeSettings(out io.Writer, f connFlags, s *setup, getenv func(string) string) error {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	row := func(name, value string) { fmt.Fprintf(tw, "%s\t%s\n", name, textsafe.Line(value)) }
	file := s.file.Path
	switch {
	case s.err != nil:
		row("configuration", s.err.Error())
	case file == "":
		path, _ := configPathFrom(getenv)
		row("configuration", path+" (none there: defaults and flags only)")
	default:
		row("configuration", file)
	}
	if s.profile != "" {
		row("profile", s.profile+" (from "+s.profileFrom+")")
	} else {
		row("profile", "none")
	}
	t, err := resolveTarget(f, s, getenv)
	switch flagErr := f.check(); {
	case flagErr != nil:
		// Refused by every command, --demo or not.
		row("mode", "cannot connect: "+flagErr.Error())
	case f.demo:
		row("mode", "demo (--demo)")
	case err != nil:
		row("mode", "cannot connect: "+err.Error())
	case t.key == "" && !t.named:
		row("mode", "demo (no API key, and no server or profile named)")
	case t.key == "":
		row("mode", "cannot connect: "+noKeyError(s).Error())
	default:
		row("mode", "live")
		row("base URL", t.base+" (from "+t.baseFrom+")")
		if t.user != "" {
			row("user", t.user+" (from "+t.userFrom+")")
		} else {
			row("user", "none: pass --user, set "+envUser+" or add user to the profile")
		}
		row("API key", "set, from "+t.keyFrom)
	}
	theme := "auto (the default)"
	if s.file.Theme != "" {
		theme = s.file.Theme + " (from the configuration)"
	}
	row("theme", theme)
	if len(s.file.Keys) > 0 {
		row("key bindings", fmt.Sprintf("%d rebound in [keys]", len(s.file.Keys)))
	}
	if p, err := debugLogPath(flagValue(f.cmd, "debug-file"), getenv); err == nil {
		row("debug log", p)
	}
	return tw.Flush()
}
