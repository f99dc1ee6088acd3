package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/api/demo"
	"aui-tui/internal/cache"
	"aui-tui/internal/cells"
	"aui-tui/internal/search"
)

// hitJSON is one line of search --json.
type hitJSON struct {
	TaskID    string `json:"task_id"`
	Title     string `json:"title"`
	MessageID string `json:"message_id"`
	CreatedAt string `json:"created_at"`
	Sender    string `json:"sender"`
	Snippet   string `json:"snippet"`
}

// newSearchCmd searches every cached transcript from the command line.
func newSearchCmd() *cobra.Command {
	var f connFlags
	var asJSON, fetch bool
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search every cached conversation",
		Long: "search finds messages in every transcript in the local cache (each one the UI,\n" +
			"transcript or an earlier --fetch downloaded), newest first, with the task, the sender,\n" +
			"the time and the text around the match. Case and accents are ignored; every word must\n" +
			"be found (in the message or its task's title); \"quoted words\" are a phrase. Product\n" +
			"names and card fields count as the message's text. It works offline; --fetch first\n" +
			"downloads (and caches) every task of the user.\n" +
			envHelp,
		Example: "  aui-tui search nordvik\n" +
			"  aui-tui search '\"built-in microwave\" 60cm' --limit 5\n" +
			"  aui-tui search --fetch --json espresso | jq -r .task_id",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || search.Parse(strings.Join(args, " ")).Empty() {
				return errors.New("search needs a QUERY: words, or \"a phrase\" in quotes")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 {
				return errors.New("--limit must be 1 or more")
			}
			q := search.Parse(strings.Join(args, " "))
			where, user, err := searchTarget(f)
			if err != nil {
				return err
			}
			ix, err := searchIndex(where, user)
			if err != nil {
				return err
			}
			errOut := cmd.ErrOrStderr()
			total := -1
			if fetch {
				if total, err = fetchAll(cmd.Context(), f, errOut); err != nil {
					return err
				}
			}
			res, err := ix.Search(q, limit)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				err = writeHitsJSON(out, res.Hits)
			} else {
				toTerminal := isTerminal(out)
				err = writeHits(out, res.Hits, outputWidth(toTerminal), toTerminal)
			}
			if err != nil {
				return err
			}
			if len(res.Hits) == 0 {
				fmt.Fprintf(errOut, "No message in the %d cached transcripts matches.\n", res.Searched)
			}
			if total < 0 {
				total = cachedTotal(where, user)
			}
			if n := total - ix.Count(); total >= 0 && n > 0 {
				fmt.Fprintf(errOut, "%d of the user's %d tasks are not cached yet; --fetch downloads them.\n", n, total)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.BoolVar(&asJSON, "json", false, "print one JSON object per hit, one per line")
	fl.IntVar(&limit, "limit", 20, "at most this many hits, the newest")
	fl.BoolVar(&fetch, "fetch", false, "first download and cache every task of the user (progress on stderr)")
	f.register(cmd)
	_ = fl.MarkHidden("demo-pace")
	return cmd
}

// searchTarget names the server ("demo" in demo mode) and user whose index
// is searched, as the UI would pick them (resolveTarget), without any
// network traffic.
func searchTarget(f connFlags) (where, user string, err error) {
	if err := f.check(); err != nil {
		return "", "", err
	}
	s := setupOf(f.cmd)
	if s.err != nil {
		return "", "", s.err
	}
	if !f.demo {
		t, err := resolveTarget(f, s, os.Getenv)
		if err != nil {
			return "", "", err
		}
		switch {
		case t.key == "" && t.named:
			return "", "", noKeyError(s)
		case t.key != "":
			if t.user == "" {
				return "", "", errors.New("no user id: pass --user, set " + envUser + " or add user to the profile")
			}
			c, err := newClient(t.base, t.key, f.timeout) // the base URL as the UI's client spells it
			if err != nil {
				return "", "", err
			}
			return c.BaseURL(), t.user, nil
		}
	}
	user = f.user
	if user == "" {
		user = demo.DefaultUserID
	}
	return "demo", user, nil
}

// where names the server in the cache's and index's file names: the demo's
// port changes every run, so it is "demo".
func (c *conn) where() string {
	if c.demo {
		return "demo"
	}
	return c.client.BaseURL()
}

// cachedTotal is how many tasks the user has, from the first page of the
// task list the UI cached; -1 when unknown (never listed, or the cache is
// held by a running aui-tui).
func cachedTotal(where, user string) int {
	dir, err := cacheDir()
	if err != nil {
		return -1
	}
	if _, err := os.Stat(filepath.Join(dir, cache.FileName(where, user))); err != nil {
		return -1 // never cached: opening would create it
	}
	c, _, err := cache.Open(cache.Options{Dir: dir, BaseURL: where, UserID: user})
	if err != nil {
		return -1
	}
	defer c.Close()
	for _, size := range []int{20, 10, 50, 100} {
		if p, _, err := c.TaskPage(1, size); err == nil {
			return p.Total
		}
	}
	return -1
}

// fetchPageSize is the largest page the API serves.
const fetchPageSize = 100

// fetchAll downloads every task's transcript into the cache (and so the
// index), saying how far it is on progress. It returns the number of tasks.
func fetchAll(ctx context.Context, f connFlags, progress io.Writer) (int, error) {
	c, err := connect(f, nil)
	if err != nil {
		return 0, err
	}
	defer c.close()
	st, x, notice, err := openIndexed(c.where(), c.userID)
	if notice != "" {
		fmt.Fprintln(progress, notice)
	}
	switch {
	case errors.Is(err, cache.ErrInUse):
		return 0, errors.New("--fetch writes to the local cache, which a running aui-tui holds: fetch from its search (ctrl+f, then ctrl+r), or quit it first")
	case err != nil:
		return 0, err
	}
	defer st.Close()
	var tasks []api.Task
	for page := 1; ; page++ {
		p, err := c.client.ListTasks(ctx, c.userID, page, fetchPageSize)
		if err != nil {
			return 0, explain(err)
		}
		if page == 1 {
			_ = st.PutTaskPage(p)
		}
		tasks = append(tasks, p.Tasks...)
		if len(p.Tasks) == 0 || page >= p.Pages() {
			break
		}
	}
	failed := 0
	for i, t := range tasks {
		start := time.Now()
		msgs, err := c.client.TaskMessages(ctx, t.ID)
		if err == nil {
			err = st.PutTranscript(t, msgs)
		}
		if err != nil {
			failed++
			fmt.Fprintf(progress, "fetched %d/%d: %s: %v\n", i+1, len(tasks), t.ID, err)
			continue
		}
		fmt.Fprintf(progress, "fetched %d/%d: %d messages in %s\n", i+1, len(tasks), len(msgs), time.Since(start).Round(time.Millisecond))
	}
	if failed > 0 {
		fmt.Fprintf(progress, "%d of %d transcripts could not be fetched; the rest are searched.\n", failed, len(tasks))
	}
	// A transcript fetched unchanged is not stored again, so one indexed in
	// an older format (or not at all) is indexed here.
	x.catchUp()
	return len(tasks), nil
}

// writeHits prints one line per hit: time, title, sender and the text
// around the match, the match in reverse video on a terminal.
func writeHits(out io.Writer, hits []search.Hit, width int, toTerminal bool) error {
	for _, h := range hits {
		when := "                "
		if !h.CreatedAt.IsZero() {
			when = h.CreatedAt.Local().Format("2006-01-02 15:04")
		}
		sender := h.Sender
		if h.Pos < 0 {
			sender = "title"
		}
		head := fmt.Sprintf("%s  %s  %s: ", when, cells.Column(h.Title, 30), sender)
		before, match, after := h.Snippet(max(width-ansi.StringWidth(head), 20))
		if toTerminal {
			match = "\x1b[7m" + match + "\x1b[27m"
		}
		if _, err := fmt.Fprintln(out, head+before+match+after); err != nil {
			return err
		}
	}
	return nil
}

func writeHitsJSON(out io.Writer, hits []search.Hit) error {
	enc := json.NewEncoder(out)
	for _, h := range hits {
		j := hitJSON{TaskID: h.TaskID, Title: h.Title, MessageID: h.MessageID, Sender: h.Sender}
		if !h.CreatedAt.IsZero() {
			j.CreatedAt = h.CreatedAt.Format(time.RFC3339Nano)
		}
		before, match, after := h.Snippet(160)
		j.Snippet = before + match + after
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return nil
}
