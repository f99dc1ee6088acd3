package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"aui-tui/internal/xdg"

	"github.com/spf13/cobra"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// envKey and envUser are the environment variables for the API key and the
// user whose tasks are shown.
const (
	envKey  = "AUI_NETWORK_API_KEY"
	envUser = "AUI_USER_ID"
)

// envHelp is the part of a command's help that explains where the key and
// user come from; every command that talks to the API shows it.
const envHelp = `

Environment:
  ` + envKey + `   the network's API key; unset, the embedded demo backend is used
  ` + envUser + `           whose tasks to show (--user overrides it)
  ` + envProfile + `           the configuration profile to use (--profile overrides it)
  ` + envBaseURL + `          where the API is (--base-url overrides it)
  ` + envRegion + `            gcp or azure, when no base URL is set (--region overrides it)

The key may instead come from a profile in ~/.config/aui-tui/config.toml (aui-tui config init writes an example) or live in ~/.config/aui-tui/key (chmod 600). It is sent only to the API and never printed. Flags win over the environment, which wins over the profile.`

// connFlags are the connection flags of every command that talks to the
// API. Each such command registers its own set, so demo-server, which
// serves rather than connects, shows none of them.
type connFlags struct {
	// cmd is the command the flags belong to; its context carries the
	// configuration (see setup).
	cmd       *cobra.Command
	baseURL   string
	region    string
	user      string
	demo      bool
	demoReset bool
	demoPace  optDuration
	demoLong  int
	demoChaos string
	timeout   time.Duration
	// userOptional: the command works without a user id (a transcript is
	// named by its task id alone), so none is demanded in live mode.
	userOptional bool
	// demoTemp puts the demo backend's store in a temporary file removed
	// at exit rather than the user's own (serve keeps its visitors there).
	demoTemp bool
}

func (f *connFlags) register(cmd *cobra.Command) {
	f.cmd = cmd
	fl := cmd.Flags()
	fl.StringVar(&f.baseURL, "base-url", "", "the REST base URL of the AUI API (overrides --region)")
	fl.StringVar(&f.region, "region", "", "the AUI deployment: gcp (the default) or azure")
	fl.StringVar(&f.user, "user", "", "the user id whose tasks are shown (default $"+envUser+"; demo mode: demo_user)")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Second, "the timeout of each API call")
	fl.BoolVar(&f.demo, "demo", false, "use the embedded demo backend even when an API key is set")
	fl.BoolVar(&f.demoReset, "demo-reset", false, "start the demo backend with a fresh store")
	fl.Var(&f.demoPace, "demo-pace", "delay between streamed words in demo mode (default: a natural reading pace; 0 is instant)")
	fl.IntVar(&f.demoLong, "demo-long", 0, "also seed a demo task with this many messages (for reading at scale)")
	fl.StringVar(&f.demoChaos, "demo-chaos", "", "inject faults into the demo backend, e.g. latency=200ms±150ms,http5xx=0.2,ws-drop=0.1 (see demo-server --help)")
	_ = cmd.RegisterFlagCompletionFunc("region", completeWords("gcp", "azure"))
}

// check rejects values no connection can use, before anything starts. It
// checks every flag whatever the mode, so a value refused against a server
// is refused with --demo too, with the same sentence.
func (f *connFlags) check() error {
	if f.region != "" {
		if _, err := api.RegionBaseURL(f.region); err != nil {
			return fmt.Errorf("--region: %w", err)
		}
	}
	if f.baseURL != "" {
		if err := api.CheckBaseURL(f.baseURL); err != nil {
			return fmt.Errorf("--base-url: %w", err)
		}
	}
	if f.timeout <= 0 {
		return errors.New("--timeout must be more than 0")
	}
	if f.demoLong < 0 {
		return errors.New("--demo-long must be 0 or more")
	}
	if _, err := demo.ParseChaos(f.demoChaos); err != nil {
		return fmt.Errorf("--demo-chaos: %w", err)
	}
	return nil
}

// optDuration is a duration flag whose absence means "the default", shown
// in help without a made-up sentinel value.
type optDuration struct {
	d   time.Duration
	set bool
}

// String is "" while unset, so help prints no "(default …)" for it.
func (o *optDuration) String() string {
	if !o.set {
		return ""
	}
	return o.d.String()
}

// Set parses a Go duration ("35ms", "0"); negative values are refused.
func (o *optDuration) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("not a duration (try 35ms or 0)")
	}
	if d < 0 {
		return errors.New("must not be negative")
	}
	o.d, o.set = d, true
	return nil
}

// Type names the value in help.
func (o *optDuration) Type() string { return "duration" }

// or is the value if the flag was given, else def.
func (o *optDuration) or(def time.Duration) time.Duration {
	if o.set {
		return o.d
	}
	return def
}

// keyFilePath is $XDG_CONFIG_HOME/aui-tui/key (~/.config/aui-tui/key).
func keyFilePath() (string, error) {
	dir, err := xdg.ConfigDir(nil)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "key"), nil
}

// newClient builds the ordinary API client for a base URL and key; demo and
// live mode both use it.
func newClient(base, key string, timeout time.Duration, extra ...api.Option) (*api.Client, error) {
	opts := []api.Option{
		api.WithBaseURL(base),
		api.WithAPIKey(key),
		api.WithTimeout(timeout),
		api.WithUserAgent("aui-tui/" + userAgentVersion()),
	}
	return api.New(append(opts, extra...)...)
}

// explain adds what to do about a rejected key to an API error; the
// sentence names where the key comes from, never the key.
func explain(err error) error {
	if errors.Is(err, api.ErrUnauthorized) {
		return fmt.Errorf("%w; check %s or the key file", err, envKey)
	}
	return err
}
