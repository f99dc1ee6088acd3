package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"aui-tui/internal/config"
	"aui-tui/internal/fsutil"
)

// newConfigCmd shows where the configuration file is and writes a
// commented example of it.
func newConfigCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the configuration file and the settings in force, or write an example one",
		Long: "The configuration file holds preferences (theme, mouse, page size), named profiles for AUI networks and key bindings. " +
			"Flags win over environment variables, which win over the file, which wins over the defaults.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "path",
		Short: "Print the configuration file's path",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := configPath(cmd)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), path)
			return err
		},
	})
	var force bool
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented example configuration file",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := configPath(cmd)
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); err == nil && !force {
				return fmt.Errorf("%s already exists; --force replaces it", path)
			} else if err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("cannot write %s: %w", path, err)
			}
			// 0600: a profile may come to hold a key.
			if err := fsutil.WriteFileAtomic(path, []byte(config.Example), 0o600); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", path)
			return err
		},
	}
	initCmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	cmd.AddCommand(initCmd, newConfigShowCmd())
	return cmd
}

// configPath is the file the command reads: --config, else the default.
func configPath(cmd *cobra.Command) (string, error) {
	if v := flagValue(cmd, "config"); v != "" {
		return v, nil
	}
	return config.DefaultPath(nil)
}

// configPathFrom is the default configuration file for an environment.
func configPathFrom(getenv func(string) string) (string, error) {
	return config.DefaultPath(getenv)
}
