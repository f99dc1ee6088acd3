// Command aui-tui is a full-screen terminal client for the AUI Messaging
// API: browse a user's conversation tasks, read transcripts and chat with
// the agent live. With no API key it runs against an embedded demo backend
// that serves the same API.
package main

import (
	"context"
	"os"

	"charm.land/fang/v2"
)

func main() {
	// fang prints the error itself (see printError).
	if err := fang.Execute(context.Background(), newRootCmd(), cliOptions()...); err != nil {
		os.Exit(1)
	}
}
