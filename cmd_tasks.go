package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/internal/export"
	"aui-tui/internal/textsafe"
)

// newTasksCmd lists one page of the user's tasks without the UI.
func newTasksCmd() *cobra.Command {
	var f connFlags
	var page, size int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tasks",
		Short: "List the user's tasks as a table (or JSON)",
		Long: "tasks prints one page of the user's tasks: a table of ids and titles, or with --json the page exactly as the API sent it (tasks, total, page, size)." +
			envHelp,
		Example: "  aui-tui tasks\n" +
			"  aui-tui tasks --page 2 --size 20\n" +
			"  aui-tui tasks --json | jq -r '.tasks[].id'",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if page < 1 {
				return fmt.Errorf("--page must be 1 or more")
			}
			if size < 1 || size > 100 {
				return fmt.Errorf("--size must be between 1 and 100")
			}
			c, err := connect(f, nil)
			if err != nil {
				return err
			}
			defer c.close()
			p, err := c.client.ListTasks(cmd.Context(), c.userID, page, size)
			if errors.Is(err, api.ErrNotFound) {
				// Every user has a task listing: a 404 means the address is
				// not an AUI API.
				return fmt.Errorf("%w; this address serves no AUI task list: check --base-url (or --region)", err)
			}
			if err != nil {
				return explain(err)
			}
			out := cmd.OutOrStdout()
			if asJSON {
				return writeRawPage(out, p)
			}
			// Into a pipe, only the rows go to stdout; what is said to the
			// person running it goes to stderr.
			notes := out
			if !isTerminal(out) {
				notes = cmd.ErrOrStderr()
			}
			return writeTaskTable(out, notes, p, c.userID)
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.IntVar(&page, "page", 1, "the page to show (1-based)")
	fl.IntVar(&size, "size", 10, "how many tasks per page (1 to 100)")
	fl.BoolVar(&asJSON, "json", false, "print the page as JSON")
	f.register(cmd)
	// Nothing streams here; the flag is kept so one set of demo flags
	// works with every command.
	_ = fl.MarkHidden("demo-pace")
	return cmd
}

// writeRawPage prints the page as the server sent it, nulls, order and
// fields it does not know included, so scripts see the API's answer rather
// than this program's reading of it.
func writeRawPage(out io.Writer, p api.TaskPage) error {
	raw := p.Raw
	if len(raw) == 0 {
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		raw = b
	}
	// Escaping the control characters a server may send raw inside its
	// strings (textsafe.JSON) keeps the meaning and the terminal safe.
	if _, err := out.Write(textsafe.JSON(raw)); err != nil {
		return err
	}
	_, err := io.WriteString(out, "\n")
	return err
}

// writeTaskTable prints the page as aligned columns to out, and to notes a
// footer saying where in the listing it is (or why there are no rows).
// Server text is reduced to one plain line so a title cannot move the
// cursor or break the table.
func writeTaskTable(out, notes io.Writer, p api.TaskPage, userID string) error {
	if len(p.Tasks) == 0 {
		if p.Total == 0 {
			_, err := fmt.Fprintf(notes, "%s has no tasks\n", textsafe.Line(userID))
			return err
		}
		_, err := fmt.Fprintf(notes, "page %d is empty: %s fill %s of %d\n", p.Page, export.Count(p.Total, "task"), export.Count(p.Pages(), "page"), p.Size)
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tTITLE")
	for _, t := range p.Tasks {
		created := "-"
		if c, ok := t.Created(); ok {
			created = c.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", textsafe.Line(t.ID), created, textsafe.Line(t.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(notes, "page %d of %d · %s\n", p.Page, p.Pages(), export.Count(p.Total, "task"))
	return err
}
