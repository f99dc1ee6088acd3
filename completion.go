package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"aui-tui/internal/config"
	"aui-tui/internal/textsafe"
)

// completeWords completes a flag whose values are a fixed list.
func completeWords(words ...string) cobra.CompletionFunc {
	return cobra.FixedCompletions(words, cobra.ShellCompDirectiveNoFileComp)
}

// completeProfiles offers the profiles of the configuration file that
// --config (or the default) names.
func completeProfiles(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	path, err := configPath(cmd)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	f, _, err := config.Load(path)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return f.ProfileNames(), cobra.ShellCompDirectiveNoFileComp
}

// completionTasks is how many task ids completion offers: one page, as
// many as fit a screen of suggestions.
const completionTasks = 50

// completionTimeout bounds the call behind a TAB press; a slow network
// must not freeze the shell.
const completionTimeout = 3 * time.Second

type quietKey struct{}

// completeTaskIDs offers the ids of the user's most recent tasks, each
// with its title, from the first page of the task list of whatever the
// command would connect to (the demo backend, or the profile and flags
// given so far).
func completeTaskIDs(f *connFlags) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		// Completion skips the hooks that read the configuration; run the
		// root's, without its warnings, which would garble the shell.
		ctx := context.WithValue(cmd.Context(), quietKey{}, true)
		cmd.SetContext(ctx)
		if hook := cmd.Root().PersistentPreRunE; hook != nil {
			if err := hook(cmd, nil); err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
		}
		c, err := connect(*f, nil)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer c.close()
		tctx, cancel := context.WithTimeout(ctx, completionTimeout)
		defer cancel()
		page, err := c.client.ListTasks(tctx, c.userID, 1, completionTasks)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, t := range page.Tasks {
			id := textsafe.Line(t.ID)
			if strings.HasPrefix(id, toComplete) {
				out = append(out, cobra.CompletionWithDesc(id, textsafe.Line(t.Title)))
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// quiet reports a run on behalf of shell completion.
func quiet(cmd *cobra.Command) bool {
	if cmd.Name() == cobra.ShellCompRequestCmd {
		return true
	}
	if cmd.Context() == nil {
		return false
	}
	q, _ := cmd.Context().Value(quietKey{}).(bool)
	return q
}
