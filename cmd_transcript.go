package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/theme"
	"aui-tui/ui/export"
	"aui-tui/ui/transcript"
)

func newTranscriptCmd(f *connFlags) *cobra.Command {
	var format, output, themeFlag string
	var width int
	cmd := &cobra.Command{
		Use:   "transcript TASK_ID",
		Short: "Print a task's whole transcript (markdown, json, text or ansi)",
		Long: "transcript prints a task's whole transcript. On a terminal the default is ansi, the same\n" +
			"rendering as the UI; into a pipe or file it is markdown unless --format says otherwise.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var w io.Writer = cmd.OutOrStdout()
			toTerminal := false
			if output != "" {
				file, err := os.Create(output)
				if err != nil {
					return err
				}
				defer file.Close()
				w = file
			} else if fd, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(fd.Fd()) {
				toTerminal = true
			}
			if format == "" {
				format = "markdown"
				if toTerminal {
					format = "ansi"
				}
			}
			switch format {
			case "markdown", "json", "text", "ansi":
			default:
				return fmt.Errorf("--format must be markdown, json, text or ansi, not %q", format)
			}
			c, err := connect(*f)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, cancel := context.WithTimeout(cmd.Context(), f.timeout)
			defer cancel()
			task, err := c.client.GetTask(ctx, args[0])
			if err != nil {
				return err
			}
			msgs, err := c.client.TaskMessages(ctx, args[0])
			if err != nil {
				return err
			}
			return writeTranscript(w, format, task, msgs, width, themeFlag, toTerminal)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "markdown, json, text or ansi (default: ansi on a terminal, else markdown)")
	fl.StringVarP(&output, "output", "o", "", "write to this file instead of standard output")
	fl.IntVar(&width, "width", 0, "wrap width for ansi (default: the terminal's width, or 100)")
	fl.StringVar(&themeFlag, "theme", "dark", "ansi colours: dark or light")
	return cmd
}

func writeTranscript(w io.Writer, format string, task api.Task, msgs []api.Message, width int, themeFlag string, toTerminal bool) error {
	switch format {
	case "json":
		b, err := export.JSON(msgs)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	case "text":
		_, err := io.WriteString(w, export.Text(task, msgs, time.Local))
		return err
	case "markdown":
		_, err := io.WriteString(w, export.Markdown(task, msgs, time.Local))
		return err
	}
	if width <= 0 {
		width = 100
		if toTerminal {
			if tw, _, err := term.GetSize(os.Stdout.Fd()); err == nil && tw > 0 {
				width = tw
			}
		}
	}
	st := theme.New(themeFlag != "light", theme.NoColorRequested())
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
