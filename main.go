// Command aui-tui is a full-screen terminal client for the AUI Messaging
// API: browse a user's conversation tasks, read transcripts and chat with
// the agent live. With no API key it runs against an embedded demo backend
// that serves the same API.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "aui-tui:", err)
		os.Exit(1)
	}
}
