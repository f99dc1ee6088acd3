package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"aui-tui/api"
)

// envKey and envUser are the environment variables for the API key and the
// user whose tasks are shown.
const (
	envKey  = "AUI_NETWORK_API_KEY"
	envUser = "AUI_USER_ID"
)

// connFlags are the connection flags shared by every command that talks to
// the API.
type connFlags struct {
	baseURL   string
	region    string
	user      string
	demo      bool
	demoReset bool
	demoPace  time.Duration
	demoLong  int
	timeout   time.Duration
}

func (f *connFlags) register(cmd *cobra.Command) {
	fl := cmd.PersistentFlags()
	fl.StringVar(&f.baseURL, "base-url", "", "REST base URL of the AUI API (overrides --region)")
	fl.StringVar(&f.region, "region", "gcp", "AUI region preset: gcp or azure")
	fl.StringVar(&f.user, "user", "", "user id whose tasks are shown (env "+envUser+"; demo mode has a demo user)")
	fl.BoolVar(&f.demo, "demo", false, "use the embedded demo backend even when an API key is set")
	fl.BoolVar(&f.demoReset, "demo-reset", false, "start the demo backend with a fresh store")
	fl.DurationVar(&f.demoPace, "demo-pace", -1, "delay between streamed words in demo mode (default: natural pace; 0 is instant)")
	fl.IntVar(&f.demoLong, "demo-long", 0, "also seed a demo task with this many messages (for reading at scale)")
	fl.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of each API call")
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
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return "", fmt.Errorf("the key file %s is readable by others; run: chmod 600 %s", path, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %w", path, err)
	}
	return strings.TrimSpace(string(b)), nil
}

// keyFilePath is $XDG_CONFIG_HOME/aui-tui/key (~/.config/aui-tui/key).
func keyFilePath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "aui-tui", "key"), nil
}

// newClient builds the ordinary API client for a base URL and key; demo and
// live mode both use it.
func newClient(base, key string, timeout time.Duration) (*api.Client, error) {
	return api.New(
		api.WithBaseURL(base),
		api.WithAPIKey(key),
		api.WithTimeout(timeout),
		api.WithUserAgent("aui-tui/"+version),
		api.WithHTTPClient(&http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}),
	)
}

// version is reported in the User-Agent and by --version.
const version = "0.1.0"
