package main

import (
	"fmt"
	"io"

	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
)

// cliOptions dress the command line the way Charm programs do: styled help
// and errors, a version from the build information. The man page comes
// from newManCmd rather than fang's, which writes to the process's stdout
// whatever the command was given.
func cliOptions() []fang.Option {
	return []fang.Option{
		fang.WithVersion(versionString()),
		fang.WithoutManpage(),
		fang.WithErrorHandler(printError),
	}
}

// printError shows a failure as one sentence: styled on a terminal, and as
// "aui-tui: reason" where a script reads it. The sentence is printed as
// written (fang's default capitalises its first word, which mangles names
// such as --theme or AUI).
func printError(w io.Writer, styles fang.Styles, err error) {
	if !writesToTerminal(w) {
		fmt.Fprintln(w, "aui-tui:", err)
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, styles.ErrorText.UnsetTransform().Render(err.Error()))
	fmt.Fprintln(w)
}

// writesToTerminal reports whether w, possibly wrapped for colour
// downsampling, ends in a terminal.
func writesToTerminal(w io.Writer) bool {
	if cw, ok := w.(*colorprofile.Writer); ok {
		w = cw.Forward
	}
	f, ok := w.(term.File)
	return ok && term.IsTerminal(f.Fd())
}

// newManCmd prints the roff man page of the whole command line.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 "Print the man page (roff)",
		Example:               "  aui-tui man | man -l -",
		Hidden:                true,
		DisableFlagsInUseLine: true,
		Args:                  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}
