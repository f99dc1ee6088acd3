package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"aui-tui/internal/record"
	"aui-tui/internal/sshserve"
	"aui-tui/theme"
	"aui-tui/ui"
)

// serveFlags are the serve command's own flags, besides the connection
// flags that choose the backend.
type serveFlags struct {
	addr           string
	authorizedKeys string
	open           bool
	hostKey        string
	theme          string
	maxSessions    int
	idle           time.Duration
	length         time.Duration
	perMinute      int
	presenter      bool
	replay         string
	speed          float64
	recordDir      string
}

// newServeCmd shares the program over SSH: every visitor gets the full UI
// in their own terminal with nothing installed, and the API key stays on
// this machine.
func newServeCmd() *cobra.Command {
	var f connFlags
	var sf serveFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Share the program over SSH: one program per visitor, nothing to install",
		Long: "serve runs an SSH server on which every session gets its own aui-tui, sized to the visitor's\n" +
			"terminal, in its colours.\n\n" +
			"With no API key it serves the embedded demo backend, and each visitor gets a demo user of\n" +
			"their own with the demo's past tasks, so nobody sees another's conversation (a listed key's\n" +
			"tasks last until the server stops; an open server's visitor's go when they leave). With a\n" +
			"key (or --base-url, --region) every visitor sees the --user's tasks; the key stays in this\n" +
			"process and is never sent to a visitor.\n\n" +
			"Who may enter: --authorized-keys FILE (only those keys; each key is one demo user, the same\n" +
			"on every connection) or --open (anyone, a fresh demo user per session). The host key is\n" +
			"made on first start in the state directory and reused. SIGTERM or ctrl+c tells every\n" +
			"visitor the demo is ending and closes their sessions.\n" + envHelp,
		Example: "  aui-tui serve --ssh 127.0.0.1:2222 --open\n" +
			"  ssh -p 2222 127.0.0.1                    # on a visitor's machine\n" +
			"  aui-tui serve --ssh :2222 --authorized-keys ~/.ssh/authorized_keys --max-sessions 10",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, f, sf)
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&sf.addr, "ssh", "127.0.0.1:2222", "address the SSH server listens on")
	fl.StringVar(&sf.authorizedKeys, "authorized-keys", "", "let in only the public keys in this file (authorized_keys format)")
	fl.BoolVar(&sf.open, "open", false, "let anyone in (any key, or none), each session a fresh demo user")
	fl.StringVar(&sf.hostKey, "host-key", "", "the server's private host key, made if missing (default: in the state directory)")
	fl.StringVar(&sf.theme, "theme", "auto", "colour theme: auto (follow each visitor's terminal), dark or light")
	fl.StringVar(&sf.replay, "replay", "", "play this recording (made with --record) to each visitor instead of a backend")
	fl.Float64Var(&sf.speed, "speed", 1, "with --replay: play faster (2) or slower (0.5) than recorded")
	fl.StringVar(&sf.recordDir, "record", "", "record each visitor's session into this folder, a file each, for aui-tui replay (never the key; user ids replaced)")
	fl.BoolVar(&sf.presenter, "presenter", false, "every visitor gets the presenter layout (no ids or host, quieter status bar, no help bar)")
	fl.IntVar(&sf.maxSessions, "max-sessions", 50, "visitors at once; the next one is told the demo is full (0: no limit)")
	fl.DurationVar(&sf.idle, "idle-timeout", 15*time.Minute, "close a session after this long without a key press (0: never)")
	fl.DurationVar(&sf.length, "max-session", 2*time.Hour, "close a session after this long (0: never)")
	fl.IntVar(&sf.perMinute, "messages-per-minute", 10, "messages a visitor may send per minute (0: no limit)")
	f.register(cmd)
	// A served demo keeps its visitors in a store of its own, fresh on
	// every start, so these describe nothing there.
	_ = fl.MarkHidden("demo-reset")
	_ = fl.MarkHidden("demo-long")
	return cmd
}

// check rejects flag values the server cannot honour, before anything
// starts.
func (sf serveFlags) check() (theme.Mode, error) {
	mode, ok := theme.ParseMode(sf.theme)
	switch {
	case !ok:
		return "", fmt.Errorf("--theme must be auto, dark or light, not %q", sf.theme)
	case sf.open == (sf.authorizedKeys != ""):
		return "", errors.New("say who may connect: --authorized-keys FILE (only those keys) or --open (anyone)")
	case sf.speed <= 0 || sf.speed > 100:
		return "", errors.New("--speed must be more than 0 and at most 100")
	case sf.recordDir != "" && sf.replay != "":
		return "", errors.New("--record and --replay do not go together: a replay is already a recording")
	case sf.maxSessions < 0, sf.perMinute < 0, sf.idle < 0, sf.length < 0:
		return "", errors.New("--max-sessions, --messages-per-minute, --idle-timeout and --max-session must not be negative")
	}
	return mode, nil
}

func runServe(cmd *cobra.Command, f connFlags, sf serveFlags) error {
	mode, err := sf.check()
	if err != nil {
		return err
	}
	var keys []gossh.PublicKey
	if sf.authorizedKeys != "" {
		if keys, err = sshserve.LoadAuthorizedKeys(sf.authorizedKeys); err != nil {
			return err
		}
	}
	if sf.hostKey == "" {
		if sf.hostKey, err = sshserve.DefaultHostKeyPath(); err != nil {
			return err
		}
	}
	hk, err := sshserve.LoadOrCreateHostKey(sf.hostKey)
	if err != nil {
		return err
	}
	base := ui.Config{Theme: mode, Timeout: f.timeout, Mouse: true, NoFiles: true, Presenter: sf.presenter}
	var app sshserve.App
	var what string
	if sf.replay != "" {
		rec, err := record.Load(sf.replay)
		if err != nil {
			return err
		}
		name := filepath.Base(sf.replay)
		app, what = replayApp(rec, name, sf.speed, base), "a replay of "+name+" for each visitor"
	} else {
		f.demoTemp = true
		c, err := connect(f, nil)
		if err != nil {
			return err
		}
		defer c.close()
		if sf.recordDir != "" {
			if err := os.MkdirAll(sf.recordDir, 0o700); err != nil {
				return fmt.Errorf("cannot record into %s: %w", sf.recordDir, err)
			}
		}
		app, what = visitorApp(c, base, sf.recordDir), "the demo backend, a demo user per visitor"
		if !c.demo {
			what = "LIVE: " + c.client.Host() + " as " + c.userID + " (the key stays here)"
		}
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", sf.addr, err)
	}
	srv, err := sshserve.New(sshserve.Options{
		HostKey:           hk.PEM,
		AuthorizedKeys:    keys,
		Open:              sf.open,
		MaxSessions:       sf.maxSessions,
		IdleTimeout:       sf.idle,
		MaxDuration:       sf.length,
		MessagesPerMinute: sf.perMinute,
		App:               app,
		Log:               log.New(cmd.ErrOrStderr(), "", log.LstdFlags),
	})
	if err != nil {
		ln.Close()
		return err
	}
	printServing(cmd, what, ln.Addr(), hk, sf)

	ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// A second ctrl+c or SIGTERM ends the process at once.
	stop()
	fmt.Fprintf(cmd.ErrOrStderr(), "stopping: telling the visitors connected (%d) that the demo is ending\n", srv.Sessions())
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "some sessions did not close in time and were cut")
	}
	return <-errc
}

// printServing says where the server is, how to connect and what a
// visitor gets; never the API key.
func printServing(cmd *cobra.Command, what string, addr net.Addr, hk sshserve.HostKey, sf serveFlags) {
	out := cmd.OutOrStdout()
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "THIS-HOST"
	}
	who := "anyone (--open)"
	if !sf.open {
		who = "the keys in " + sf.authorizedKeys
	}
	made := ""
	if hk.Created {
		made = " (new)"
	}
	fmt.Fprintf(out, "aui-tui over SSH on %s\n", addr)
	fmt.Fprintf(out, "  serving:  %s\n  who:      %s\n", what, who)
	fmt.Fprintf(out, "  host key: %s%s, %s\n", hk.Fingerprint, made, sf.hostKey)
	fmt.Fprintf(out, "  limits:   %d visitors, idle %s, session %s, %d messages a minute\n",
		sf.maxSessions, sf.idle, sf.length, sf.perMinute)
	fmt.Fprintf(out, "connect:\n  ssh -p %s %s\n", port, host)
}
