package main

import (
	"aui-tui/internal/xdg"

	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
  The key may instead live in ~/.config/aui-tui/key (it must be chmod 600).
  It is sent only to the API and never printed.`

// connFlags are the connection flags of every command that talks to the
// API. Each such command registers its own set, so demo-server, which
// serves rather than connects, shows none of them.
type connFlags struct {
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
}

func (f *connFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.baseURL, "base-url", "", "REST base URL of the AUI API (overrides --region)")
	fl.StringVar(&f.region, "region", "", "AUI deployment: gcp (the default) or azure")
	fl.StringVar(&f.user, "user", "", "user id whose tasks are shown (default $"+envUser+"; demo mode: demo_user)")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of each API call")
	fl.BoolVar(&f.demo, "demo", false, "use the embedded demo backend even when an API key is set")
	fl.BoolVar(&f.demoReset, "demo-reset", false, "start the demo backend with a fresh store")
	fl.Var(&f.demoPace, "demo-pace", "delay between streamed words in demo mode (default: a natural reading pace; 0 is instant)")
	fl.IntVar(&f.demoLong, "demo-long", 0, "also seed a demo task with this many messages (for reading at scale)")
	fl.StringVar(&f.demoChaos, "demo-chaos", "", "inject faults into the demo backend, e.g. latency=200ms±150ms,http5xx=0.2,ws-drop=0.1 (see demo-server --help)")
}

// check rejects values no connection can use, before anything starts.
func (f *connFlags) check() error {
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

// apiKey reads the key from the environment, else from the config file,
// which must not be readable by others. The key is never printed.
func apiKey() (string, error) {
	if k := strings.TrimSpace(os.Getenv(envKey)); k != "" {
		return k, nil
	}
	path, err := keyFilePath()
	if err != nil {
		return "", nil
	}
	// Non-blocking, so a FIFO (or a device) at the path cannot hang the
	// start; it is then refused below, as is anything but a plain file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, err)
	}
	if fi.IsDir() {
		return "", fmt.Errorf("the key file %s is a folder", path)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("the key file %s is not a regular file; write the key into a plain file", path)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("the key file %s is readable by others; run: chmod 600 %s", path, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeyFile))
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// maxKeyFile bounds what is read from the key file; a key is far shorter.
const maxKeyFile = 64 << 10

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
		api.WithUserAgent("aui-tui/" + version),
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

// version is reported in the User-Agent and by --version.
const version = "0.1.0"
