package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	glamouransi "charm.land/glamour/v2/ansi"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/internal/export"
	"aui-tui/internal/fsutil"
	"aui-tui/theme"
	"aui-tui/ui/transcript"
)

// transcriptFormats are the --format values, in the order help lists them.
var transcriptFormats = []string{"markdown", "json", "text", "ansi"}

// newTranscriptCmd prints or saves one task's whole transcript without the
// UI.
func newTranscriptCmd() *cobra.Command {
	var f connFlags
	var format, output, themeFlag string
	var width int
	cmd := &cobra.Command{
		Use:   "transcript TASK_ID",
		Short: "Print a task's whole transcript (markdown, json, text or ansi)",
		Long: "transcript prints a task's whole transcript. On a terminal the default is ansi, the same rendering as the UI; into a pipe or file it is markdown. json holds every message exactly as the API sent it, in its order; text is plain (no markdown; tables as columns; products with their attributes), one turn after another. No user id is needed; with one, the title comes from the user's task list." +
			envHelp,
		Example: "  aui-tui transcript TASK_ID | less\n" +
			"  aui-tui transcript TASK_ID --format json -o t.json\n" +
			"  aui-tui transcript TASK_ID --format ansi --width 80 --theme light",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
				return errors.New("transcript needs one TASK_ID (aui-tui tasks lists them)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			taskID := strings.TrimSpace(args[0])
			toTerminal := output == "" && isTerminal(cmd.OutOrStdout())
			if format == "" {
				format = formatForFile(output)
				if toTerminal {
					format = "ansi"
				}
			}
			if !slices.Contains(transcriptFormats, format) {
				return fmt.Errorf("--format must be %s, not %q", strings.Join(transcriptFormats, ", "), format)
			}
			if themeFlag != "dark" && themeFlag != "light" {
				return fmt.Errorf("--theme must be dark or light, not %q", themeFlag)
			}
			if width < 0 {
				return errors.New("--width must be 0 (automatic) or more")
			}
			c, err := connect(f, nil)
			if err != nil {
				return err
			}
			defer c.close()
			// The transcript is the one call required: it says whether the
			// task exists and whether the key is accepted. The title and
			// welcome message are extras, from the task list where the
			// task is on it, else from the task record if the server has
			// one; without them the transcript prints all the same.
			msgs, err := c.client.TaskMessages(cmd.Context(), taskID)
			if err != nil {
				return taskError(taskID, err)
			}
			task, _, _ := c.client.FindTask(cmd.Context(), c.userID, taskID)
			// Kept for search; a cache held by a running aui-tui is left alone.
			if st, _, _, err := openIndexed(c.where(), c.userID); err == nil {
				kept := task
				kept.ID = taskID // the task record is optional
				_ = st.PutTranscript(kept, msgs)
				_ = st.Close()
			}
			if width == 0 {
				width = outputWidth(toTerminal)
			}
			// Written as it is rendered, never held whole: a long
			// transcript is already in memory once, as messages.
			s := setupOf(cmd)
			md, _, problems := s.chooseMarkdown(os.Getenv)
			s.warn(cmd, problems)
			write := func(w io.Writer) error {
				return writeTranscript(w, format, task, msgs, width, themeFlag, md)
			}
			if output != "" {
				return fsutil.WriteAtomic(output, 0o600, write)
			}
			if format == "ansi" {
				// Rendered whole and written in one piece, as the colour
				// conversion needs each escape sequence in one write.
				return write(downsample(cmd.OutOrStdout()))
			}
			bw := bufio.NewWriter(cmd.OutOrStdout())
			if err := write(bw); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&format, "format", "", "the output format: markdown, json, text or ansi (default: ansi on a terminal, else markdown)")
	fl.StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	fl.IntVar(&width, "width", 0, "the wrap width for ansi (default: the terminal's width, or 100)")
	fl.StringVar(&themeFlag, "theme", "dark", "the colours of ansi: dark or light (NO_COLOR turns colour off)")
	f.register(cmd)
	f.userOptional = true
	cmd.ValidArgsFunction = completeTaskIDs(&f)
	_ = cmd.RegisterFlagCompletionFunc("format", completeWords(transcriptFormats...))
	_ = cmd.RegisterFlagCompletionFunc("theme", completeWords("dark", "light"))
	// Nothing streams here; the flag is kept so one set of demo flags
	// works with every command.
	_ = fl.MarkHidden("demo-pace")
	return cmd
}

// taskError names the task a call failed for; an unknown id says so in
// as many words, whatever the server's own wording.
func taskError(taskID string, err error) error {
	if errors.Is(err, api.ErrNotFound) {
		return fmt.Errorf("task %q not found: %w", taskID, err)
	}
	return fmt.Errorf("task %q: %w", taskID, explain(err))
}

// isTerminal reports whether w is a terminal, where the default format is
// the rendered one.
func isTerminal(w io.Writer) bool {
	fd, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(fd.Fd())
}

// outputWidth is the terminal's width when writing to one, else 100.
func outputWidth(toTerminal bool) int {
	if toTerminal {
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
			return w
		}
	}
	return 100
}

// writeTranscript renders the transcript in format.
func writeTranscript(w io.Writer, format string, task api.Task, msgs []api.Message, width int, themeFlag string, md *glamouransi.StyleConfig) error {
	switch format {
	case "json":
		return export.WriteJSON(w, msgs)
	case "text":
		return export.WriteText(w, task, msgs, time.Local)
	case "markdown":
		return export.WriteMarkdown(w, task, msgs, time.Local)
	}
	st := theme.New(themeFlag != "light", theme.NoColorRequested())
	if md != nil {
		st.Markdown = *md
	}
	entries := make([]transcript.Entry, 0, len(msgs)+1)
	if task.WelcomeMessage != "" {
		entries = append(entries, transcript.Entry{Key: "welcome", Welcome: true, Msg: api.Message{
			Text: task.WelcomeMessage, Sender: api.Party{Type: api.ActorAgent}}})
	}
	for i, m := range msgs {
		entries = append(entries, transcript.Entry{Key: fmt.Sprint(i), Msg: m})
	}
	_, err := io.WriteString(w, transcript.RenderAll(entries, st, transcript.NewRenderer(), width)+"\n")
	return err
}

// downsample converts colours to what the terminal described by TERM,
// COLORTERM, NO_COLOR and CLICOLOR_FORCE can show (24-bit to 256 or 16
// colours, none for TERM=dumb). ansi into a pipe was asked for by name, so
// it is written for the terminal the pipe most likely ends in rather than
// stripped.
func downsample(w io.Writer) io.Writer {
	return &colorprofile.Writer{Forward: w, Profile: colorprofile.Env(os.Environ())}
}

// formatForFile picks the format an --output file's name asks for
// (t.json, t.txt), markdown otherwise.
func formatForFile(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return "json"
	case ".txt", ".text":
		return "text"
	}
	return "markdown"
}
