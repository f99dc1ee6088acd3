package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"aui-tui/internal/cache"
	"aui-tui/internal/search"
	"aui-tui/internal/xdg"
)

// cacheDir holds the local cache files, one per server and user.
func cacheDir() (string, error) {
	dir, err := xdg.StateDir(nil)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "cache"), nil
}

// openCache opens the cache of where (a base URL, or "demo") and user,
// with the search index kept in step with it (transcripts cached before
// the index existed are indexed in the background). The UI works without
// it, so a failure is a notice, not an error.
func openCache(where, user string) (c *cache.Cache, notice string) {
	c, x, notice, err := openIndexed(where, user)
	if err == nil {
		go x.catchUp()
	}
	switch {
	case errors.Is(err, cache.ErrInUse):
		return nil, "Another aui-tui is showing this user, so this one runs without the local cache."
	case err != nil:
		return nil, "Running without the local cache: " + err.Error()
	}
	return c, notice
}

// openIndexed opens the cache of where and user with the search index
// kept in step with it: every transcript stored is indexed.
func openIndexed(where, user string) (*cache.Cache, *indexer, string, error) {
	dir, err := cacheDir()
	if err != nil {
		return nil, nil, "", err
	}
	x := &indexer{ix: search.Open(searchIndexDir(dir, where, user))}
	c, notice, err := cache.Open(cache.Options{Dir: dir, BaseURL: where, UserID: user, OnStore: x.stored, OnEvict: x.evicted})
	if err != nil {
		return nil, nil, notice, err
	}
	x.c = c
	return c, x, notice, nil
}

// newCacheCmd manages the local cache.
func newCacheCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Manage the local cache of task lists and transcripts",
		Long: "The UI keeps the task list and every transcript it opens in a local cache\n" +
			"($XDG_STATE_HOME/aui-tui/cache, one file per server and user, readable only by you), so\n" +
			"transcripts read before re-open at once and stay readable offline. It holds what the\n" +
			"server sent, never the API key, and is bounded to 500 MB (transcripts read longest ago\n" +
			"go first). --no-cache runs the UI without it.",
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "clear",
		Short: "Delete the local cache (every server and user)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := cacheDir()
			if err != nil {
				return err
			}
			n, err := cache.Clear(dir)
			if err != nil {
				return fmt.Errorf("could not clear the cache in %s: %w", dir, err)
			}
			if _, err := search.Clear(dir); err != nil {
				return fmt.Errorf("could not clear the search index in %s: %w", dir, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Removed %d cache file(s) from %s.\n", n, dir)
			return nil
		},
	})
	return cmd
}
