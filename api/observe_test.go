package api

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/coder/websocket"
)

// countingTransport counts the requests that pass through it.
type countingTransport struct {
	next http.RoundTripper
	mu   *sync.Mutex
	seen *[]string
}

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	*c.seen = append(*c.seen, r.Method+" "+r.URL.Path)
	c.mu.Unlock()
	return c.next.RoundTrip(r)
}

func TestTransportAndFrameObserversSeeTheTraffic(t *testing.T) {
	const task = "68e78d0dc5a4b19a030d03d6"
	f := newFake(t)
	f.setSocket(func(ctx context.Context, c *websocket.Conn) {
		if _, ok := readTurn(ctx, t, c); !ok {
			return
		}
		write(ctx, c, simple("Hi"))
		write(ctx, c, agentMessage("m1", "Hi there"))
		readTurn(ctx, t, c)
	})
	var mu sync.Mutex
	var requests []string
	var frames []string
	c := f.client(
		WithTransport(func(next http.RoundTripper) http.RoundTripper {
			return countingTransport{next: next, mu: &mu, seen: &requests}
		}),
		WithFrameObserver(func(out bool, b []byte) {
			mu.Lock()
			defer mu.Unlock()
			dir := "in "
			if out {
				dir = "out "
			}
			frames = append(frames, dir+string(b))
		}),
	)
	if _, err := c.ListTasks(context.Background(), "user_123", 1, 10); err != nil {
		t.Fatal(err)
	}
	s, rec, _ := run(t, c)
	rec.state(StateLive)
	if err := s.Send(context.Background(), task, "hello", nil); err != nil {
		t.Fatal(err)
	}
	rec.final()
	mu.Lock()
	defer mu.Unlock()
	if len(requests) < 2 || requests[0] != "GET "+prefix+"/api/v1/external/tasks" || requests[1] != "GET "+prefix+"/api/v1/external/session" {
		t.Errorf("transport saw %q, want the list call then the upgrade", requests)
	}
	if len(frames) != 3 || frames[0] != `out {"task_id":"`+task+`","text":"hello"}` ||
		frames[1] != "in "+simple("Hi") || frames[2] != "in "+agentMessage("m1", "Hi there") {
		t.Errorf("observer saw %q", frames)
	}
}
