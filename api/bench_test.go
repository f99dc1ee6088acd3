package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"testing"
	"time"

	"aui-tui/api"
	"aui-tui/api/demo"
)

// transcriptServer serves a generated 10,000-message transcript (about
// 18 MB of JSON, options on most agent turns) from a local server, and
// returns a client for it and the body's size.
func transcriptServer(b *testing.B, taskID string) (*api.Client, int) {
	b.Helper()
	msgs := demo.GenerateTranscript(taskID, demo.DefaultUserID, 10_000, time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as the demo store writes it
	if err := enc.Encode(msgs); err != nil {
		b.Fatal(err)
	}
	body := bytes.TrimSpace(buf.Bytes())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body))) // as the demo and AUI send it
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	c, err := api.New(api.WithBaseURL(srv.URL), api.WithAPIKey("bench-key"))
	if err != nil {
		b.Fatal(err)
	}
	return c, len(body)
}

// BenchmarkTaskMessages10k fetches and decodes the transcript of
// transcriptServer. Besides time and allocations per fetch it reports
// live-MB: the heap the decoded transcript keeps once garbage is collected,
// which is what a long transcript costs the process while it is open.
func BenchmarkTaskMessages10k(b *testing.B) {
	const taskID = "68e78d0dc5a4b19a030d03d6"
	c, size := transcriptServer(b, taskID)
	ctx := context.Background()
	before := liveHeap()
	var got []api.Message
	var err error
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		got = nil // drop the previous fetch so iterations do not overlap
		if got, err = c.TaskMessages(ctx, taskID); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(got) != 10_000 {
		b.Fatalf("decoded %d messages", len(got))
	}
	b.ReportMetric(float64(liveHeap()-before)/(1<<20), "live-MB")
	runtime.KeepAlive(got)
}

// BenchmarkTaskMessagesRaw10k fetches the same transcript and only splits
// it into messages (TaskMessagesRaw): what the program waits for before it
// shows the last messages, decoded on their own.
func BenchmarkTaskMessagesRaw10k(b *testing.B) {
	const taskID = "68e78d0dc5a4b19a030d03d6"
	c, size := transcriptServer(b, taskID)
	ctx := context.Background()
	before := liveHeap()
	var got [][]byte
	var err error
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		got = nil
		if got, err = c.TaskMessagesRaw(ctx, taskID); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(got) != 10_000 {
		b.Fatalf("split into %d messages", len(got))
	}
	b.ReportMetric(float64(liveHeap()-before)/(1<<20), "live-MB")
	runtime.KeepAlive(got)
}

// liveHeap is the heap in use after full collections. Two are needed: the
// first only moves sync.Pool contents (such as the encoder's 18 MB buffer)
// to the pools' victim caches, the second frees them.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
