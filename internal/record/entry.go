// Package record writes a session of the program to a file and plays it
// back: every API request and response, every WebSocket frame with its
// time, every key the user pressed and the window size, one JSON object a
// line. A recording holds neither the API key nor (unless asked) the user
// id, so it can be shared and replayed without an account.
package record

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// Version is the format of the recordings this package writes.
const Version = 1

// PlaceholderUser replaces the user id in a recording unless the user asks
// to keep it.
const PlaceholderUser = "recorded_user"

// Entry kinds.
const (
	KindStart  = "start"  // first line: format version, user, page size
	KindWindow = "window" // the terminal's size
	KindKey    = "key"    // a key press
	KindPaste  = "paste"  // pasted text
	KindHTTP   = "http"   // one REST call and its answer
	KindSent   = "sent"   // a frame the client wrote on the WebSocket
	KindFrame  = "frame"  // a frame the server sent on the WebSocket
)

// Entry is one line of a recording. T is the time since the recording
// started, in milliseconds; which other fields are set depends on Kind.
type Entry struct {
	T    int64  `json:"t"`
	Kind string `json:"kind"`

	Version  int    `json:"version,omitempty"`
	User     string `json:"user,omitempty"`
	PageSize int    `json:"page_size,omitempty"`
	Demo     bool   `json:"demo,omitempty"`

	Width  int `json:"w,omitempty"`
	Height int `json:"h,omitempty"`

	Key  *Key   `json:"key,omitempty"`
	Text string `json:"text,omitempty"`

	Method string          `json:"method,omitempty"`
	Path   string          `json:"path,omitempty"`
	Query  string          `json:"query,omitempty"`
	Status int             `json:"status,omitempty"`
	Dur    int64           `json:"dur,omitempty"` // how long the answer took, ms
	Req    json.RawMessage `json:"req,omitempty"`
	Resp   json.RawMessage `json:"resp,omitempty"`

	Frame json.RawMessage `json:"frame,omitempty"`
}

// Key is a key press as the terminal reported it.
type Key struct {
	Code rune   `json:"code"`
	Mod  int    `json:"mod,omitempty"`
	Text string `json:"text,omitempty"`
}

// Recording is a whole recording, read back.
type Recording struct {
	Start   Entry
	Entries []Entry // after the start line, in order
}

// Load reads a recording, checking that it is one this program wrote.
func Load(path string) (*Recording, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open the recording: %w", err)
	}
	defer f.Close()
	return Read(f)
}

// Read parses a recording from r.
func Read(r io.Reader) (*Recording, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 256<<20)
	rec := &Recording{}
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("line %d of the recording is not valid JSON; the file may be cut short or not a recording", line)
		}
		if line == 1 {
			if e.Kind != KindStart {
				return nil, errors.New("this is not an aui-tui recording (it does not start with a start line)")
			}
			if e.Version > Version {
				return nil, fmt.Errorf("the recording is format %d; this aui-tui reads up to %d, so update it", e.Version, Version)
			}
			rec.Start = e
			continue
		}
		rec.Entries = append(rec.Entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the recording: %w", err)
	}
	if line == 0 {
		return nil, errors.New("the recording is empty")
	}
	return rec, nil
}
