package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"aui-tui/api/demo"
)

// newDemoServerCmd serves the demo backend on its own. It takes none of the
// connection flags: it is the server the other commands connect to.
func newDemoServerCmd() *cobra.Command {
	var addr, key, store string
	var pace optDuration
	var reset, varied bool
	var long, replyWords int
	var chaosSpec string
	cmd := &cobra.Command{
		Use:   "demo-server",
		Short: "Serve the demo backend alone (same REST and WebSocket API as AUI)",
		Long: "demo-server serves the embedded demo backend on its own, so the AUI docs' curl examples work against it with only the host and key changed. It prints its base URL and key, keeps its tasks in a bbolt file across restarts and stops on ctrl+c.\n\n" +
			"--chaos makes it an unreliable server, to see how a client copes.\n" + demo.ChaosHelp,
		Example: "  aui-tui demo-server --addr 127.0.0.1:8080\n" +
			"  AUI_NETWORK_API_KEY=demo-key aui-tui --base-url http://127.0.0.1:8080 --user demo_user\n" +
			"  aui-tui demo-server --chaos 'latency=200ms±150ms,http5xx=0.2,ws-drop=0.1,silent=0.05'",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if store == "" {
				p, err := demo.DefaultStorePath()
				if err != nil {
					return err
				}
				store = p
			}
			if long < 0 {
				return fmt.Errorf("--long must be 0 or more")
			}
			if varied && long == 0 {
				return fmt.Errorf("--varied needs --long N: it varies the long task")
			}
			if replyWords < 0 {
				return fmt.Errorf("--reply-words must be 0 or more")
			}
			chaos, err := demo.ParseChaos(chaosSpec)
			if err != nil {
				return fmt.Errorf("--chaos: %w", err)
			}
			srv, err := demo.New(demo.Options{Key: key, StorePath: store, Pace: pace.or(demo.DefaultPace()), Seed: true, Reset: reset, ExtraLong: long, Varied: varied, Chaos: chaos, ReplyWords: replyWords})
			if errors.Is(err, demo.ErrStoreInUse) {
				return fmt.Errorf("%w; close that one first, or pass --store with another file", err)
			}
			if err != nil {
				return err
			}
			defer srv.Close()
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("cannot listen on %s: %w", addr, err)
			}
			base := "http://" + ln.Addr().String()
			out := cmd.OutOrStdout()
			if n := srv.Notice(); n != "" {
				fmt.Fprintln(cmd.ErrOrStderr(), n)
			}
			fmt.Fprintf(out, "demo backend on %s\n", base)
			fmt.Fprintf(out, "  key:   %s\n  user:  %s\n  store: %s\n\n", key, demo.DefaultUserID, store)
			fmt.Fprintf(out, "try:\n  curl -s -H 'x-network-api-key: %s' '%s/api/v1/external/tasks?user_id=%s&page=1&size=5'\n", key, base, demo.DefaultUserID)
			fmt.Fprintf(out, "  aui-tui --base-url %s --user %s   (with %s=%s)\n", base, demo.DefaultUserID, envKey, key)
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
			errc := make(chan error, 1)
			go func() { errc <- hs.Serve(ln) }()
			select {
			case <-ctx.Done():
			case err := <-errc:
				if !errors.Is(err, http.ErrServerClosed) {
					return err
				}
			}
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_ = hs.Shutdown(sctx)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "the address to listen on")
	fl.StringVar(&key, "key", demo.DefaultKey, "the API key the server accepts")
	fl.StringVar(&store, "store", "", "the bbolt store file (default: the user's state directory)")
	fl.Var(&pace, "pace", "the delay between streamed words (default: a natural reading pace; 0 is instant)")
	fl.BoolVar(&reset, "reset", false, "start with a fresh store")
	fl.IntVar(&long, "long", 0, "also seed a task with this many messages")
	fl.BoolVar(&varied, "varied", false, "make the --long task's agent replies and products all different, as a real transcript's are")
	fl.IntVar(&replyWords, "reply-words", 0, "make every reply at least this many words long (to try long streamed replies)")
	fl.StringVar(&chaosSpec, "chaos", "", "inject faults, e.g. latency=200ms±150ms,http5xx=0.2,ws-drop=0.1 (spec above)")
	return cmd
}
