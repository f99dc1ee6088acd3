package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"aui-tui/internal/textsafe"
)

// newLogsCmd prints where the debug log is, or its last lines.
func newLogsCmd() *cobra.Command {
	var tail int
	var follow bool
	cmd := &cobra.Command{
		Use:   "logs",
		Short: "Print the debug log's path, or its last lines",
		Long:  "aui-tui --debug records every request, the live connection's states and frames, retries and errors in a log, with the API key removed. logs prints where it is; --tail prints its last lines and --follow keeps printing what is added.",
		Example: "  # run with the log on, then read it\n" +
			"  aui-tui --debug\n" +
			"  aui-tui logs --tail 50\n" +
			"  aui-tui logs --follow",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := debugLogPath(flagValue(cmd, "debug-file"), os.Getenv)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if tail <= 0 && !follow {
				_, err := fmt.Fprintln(out, path)
				return err
			}
			f, err := os.Open(path)
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("there is no debug log at %s yet; run aui-tui with --debug first", path)
			}
			if err != nil {
				return err
			}
			defer f.Close()
			if tail <= 0 {
				tail = 10
			}
			if err := printTail(out, f, tail); err != nil {
				return err
			}
			if follow {
				return followLog(cmd.Context(), out, f)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVarP(&tail, "tail", "n", 0, "print the last N lines (with --follow: 10 by default)")
	fl.BoolVarP(&follow, "follow", "f", false, "keep printing lines as they are added, until ctrl+c")
	return cmd
}

// flagValue is the value of an inherited flag, "" if there is none.
func flagValue(cmd *cobra.Command, name string) string {
	if f := cmd.Flags().Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// printTail prints the last n lines of r, leaving r at its end. Lines are
// made safe for the terminal: the log quotes what servers sent, but it is a
// file anyone with access could have edited.
func printTail(w io.Writer, r io.Reader, n int) error {
	ring := make([]string, 0, n)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if len(ring) == n {
			ring = ring[1:]
		}
		ring = append(ring, sc.Text())
	}
	for _, l := range ring {
		if _, err := fmt.Fprintln(w, textsafe.Line(l)); err != nil {
			return err
		}
	}
	return sc.Err()
}

// followLog prints lines appended to f until ctx is done.
func followLog(ctx context.Context, w io.Writer, f *os.File) error {
	rd := bufio.NewReader(f)
	var partial string
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		line, err := rd.ReadString('\n')
		partial += line
		if err == nil {
			fmt.Fprintln(w, textsafe.Line(partial))
			partial = ""
			continue
		}
		if !errors.Is(err, io.EOF) {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
