package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"aui-tui/ui/safe"
)

func newTasksCmd(f *connFlags) *cobra.Command {
	var page, size int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tasks",
		Short: "List the user's tasks as a table (or JSON)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if page < 1 || size < 1 || size > 100 {
				return fmt.Errorf("--page must be 1 or more and --size between 1 and 100")
			}
			c, err := connect(*f)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, cancel := context.WithTimeout(cmd.Context(), f.timeout)
			defer cancel()
			p, err := c.client.ListTasks(ctx, c.userID, page, size)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(p)
			}
			tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tTITLE")
			for _, t := range p.Tasks {
				fmt.Fprintf(tw, "%s\t%s\n", safe.Line(t.ID), safe.Line(t.Title))
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(out, "page %d of %d · %d tasks\n", p.Page, p.Pages(), p.Total)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&page, "page", 1, "page to show (1-based)")
	fl.IntVar(&size, "size", 10, "tasks per page")
	fl.BoolVar(&asJSON, "json", false, "print the page as JSON")
	return cmd
}
