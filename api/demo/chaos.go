package demo

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// ChaosHelp documents the chaos spec for --help and the README.
const ChaosHelp = `A chaos spec is a comma-separated list of faults the demo backend injects:
  latency=200ms±150ms   delay every request (± or +- adds random jitter)
  http5xx=0.2           answer a REST call with 500 or 503
  http429=0.1           answer with 429 and Retry-After: 1
  http403=0.1           answer with 403
  http422=0.1           answer with a 422 validation error
  moderation=0.1        refuse a message with the content-moderation 400 (REST or socket)
  invalid-json=0.05     answer 200 with a body that is not JSON
  truncate=0.05         cut a response body short and drop the connection
  huge=0.01             answer a transcript with a 50 MB body
  ws-drop=0.1           drop the socket in the middle of a reply
  ws-1011=0.05          close the socket with 1011 (internal error) on a message
  ws-1008=0.05          close the socket with 1008 (policy violation) on a message
  silent=0.05           take a message on the socket and never answer it
  401-after=50          reject the key from the 51st request on
  seed=7                make the random choices repeatable
Probabilities are between 0 and 1.`

// Chaos injects faults into the demo backend (see ChaosHelp). It is safe
// for concurrent use.
type Chaos struct {
	latency, jitter time.Duration
	p               map[string]float64
	unauthAfter     int

	mu       sync.Mutex
	rng      *rand.Rand
	requests int
}

// faults are the names with a probability, in the order they are rolled.
var restFaults = []string{"http5xx", "http429", "http403", "http422", "moderation", "invalid-json", "truncate", "huge"}
var wsFaults = []string{"silent", "ws-1008", "ws-1011", "ws-drop", "moderation"}

// ParseChaos reads a chaos spec; "" means none (nil).
func ParseChaos(spec string) (*Chaos, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, nil
	}
	c := &Chaos{p: map[string]float64{}}
	seed := uint64(time.Now().UnixNano())
	known := map[string]bool{}
	for _, f := range append(append([]string{}, restFaults...), wsFaults...) {
		known[f] = true
	}
	for _, item := range strings.Split(spec, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || val == "" {
			return nil, fmt.Errorf("chaos: %q is not name=value", item)
		}
		switch {
		case name == "latency":
			base, jit, _ := strings.Cut(strings.Replace(val, "+-", "±", 1), "±")
			d, err := time.ParseDuration(base)
			if err != nil || d < 0 {
				return nil, fmt.Errorf("chaos: latency %q is not a duration", val)
			}
			c.latency = d
			if jit != "" {
				if c.jitter, err = time.ParseDuration(jit); err != nil || c.jitter < 0 {
					return nil, fmt.Errorf("chaos: latency jitter %q is not a duration", jit)
				}
			}
		case name == "401-after":
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("chaos: 401-after %q is not a count", val)
			}
			c.unauthAfter = n
		case name == "seed":
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("chaos: seed %q is not a number", val)
			}
			seed = n
		case known[name]:
			p, err := strconv.ParseFloat(val, 64)
			if err != nil || p < 0 || p > 1 {
				return nil, fmt.Errorf("chaos: %s=%q is not a probability between 0 and 1", name, val)
			}
			c.p[name] = p
		default:
			names := make([]string, 0, len(known))
			for k := range known {
				names = append(names, k)
			}
			sort.Strings(names)
			return nil, fmt.Errorf("chaos: unknown fault %q (latency, 401-after, seed, %s)", name, strings.Join(names, ", "))
		}
	}
	c.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return c, nil
}

// roll picks the first of faults that strikes, or "".
func (c *Chaos) roll(faults []string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range faults {
		if p := c.p[f]; p > 0 && c.rng.Float64() < p {
			return f
		}
	}
	return ""
}

// delay is one request's latency.
func (c *Chaos) delay() time.Duration {
	if c.jitter == 0 {
		return c.latency
	}
	c.mu.Lock()
	j := time.Duration(c.rng.Int64N(int64(2*c.jitter)+1)) - c.jitter
	c.mu.Unlock()
	return max(c.latency+j, 0)
}

// intercept applies the REST faults to one request and reports whether it
// answered the request itself. path is the request's API path.
func (c *Chaos) intercept(w http.ResponseWriter, r *http.Request, path string) bool {
	c.mu.Lock()
	c.requests++
	n := c.requests
	c.mu.Unlock()
	if d := c.delay(); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
	}
	if c.unauthAfter > 0 && n > c.unauthAfter {
		writeDetail(w, http.StatusUnauthorized, "Invalid API key")
		return true
	}
	if path == pathSession {
		return false // socket faults strike per message, in the socket
	}
	switch c.roll(restFaults) {
	case "http5xx":
		if n%2 == 0 {
			writeDetail(w, http.StatusServiceUnavailable, "Service Unavailable")
		} else {
			writeRaw(w, http.StatusInternalServerError, internalErrorBody())
		}
	case "http429":
		w.Header().Set("Retry-After", "1")
		writeDetail(w, http.StatusTooManyRequests, "Too Many Requests")
	case "http403":
		writeDetail(w, http.StatusForbidden, "Forbidden")
	case "http422":
		writeRaw(w, http.StatusUnprocessableEntity, []byte(`{"detail":[{"loc":["query","user_id"],"msg":"field required","type":"value_error.missing"}]}`))
	case "moderation":
		if r.Method != http.MethodPost || path != pathMessage {
			return false
		}
		writeJSON(w, http.StatusBadRequest, moderationFrame())
	case "invalid-json":
		writeRaw(w, http.StatusOK, []byte(`{"tasks": [ {"id": "x", `))
	case "truncate":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "4096")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`[{"id":"m1","text":"cut sh`))
		panic(http.ErrAbortHandler) // drops the connection mid-body
	case "huge":
		if r.Method != http.MethodGet || !strings.HasSuffix(path, "/messages") {
			return false
		}
		writeHuge(w)
	default:
		return false
	}
	return true
}

// moderationFrame is AUI's content-moderation refusal, as a REST body or a
// socket error frame.
func moderationFrame() errorFrame {
	return errorFrame{StatusCode: http.StatusBadRequest, Description: "Content moderation triggered",
		Message: "The message was flagged by content moderation.", ExtraData: map[string]any{"moderation_category": "harmful_content"}}
}

// hugeBytes is the size of the "huge" fault's body.
const hugeBytes = 50 << 20

// writeHuge answers with a valid transcript of about 50 MB.
func writeHuge(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	text := strings.Repeat("chaos ", 1000)
	_, _ = w.Write([]byte("["))
	for i := 0; i*(len(text)+200) < hugeBytes; i++ {
		if i > 0 {
			_, _ = w.Write([]byte(","))
		}
		fmt.Fprintf(w, `{"id":"huge-%d","created_at":"2026-03-09T14:22:01.000Z","text":%q,"sender":{"id":"agent","type":"agent"},"receiver":{"id":"u","type":"user"}}`, i, text)
	}
	_, _ = w.Write([]byte("]"))
}

// socketFault picks what happens to one message on the socket: "" (answer
// it), "silent", "ws-1008", "ws-1011", "ws-drop" or "moderation".
func (c *Chaos) socketFault() string {
	if c == nil {
		return ""
	}
	return c.roll(wsFaults)
}

// closeSocket ends a socket as the fault says; it reports false for a
// fault that is not a close.
func closeSocket(c *websocket.Conn, fault string) bool {
	switch fault {
	case "ws-1008":
		_ = c.Close(websocket.StatusPolicyViolation, "chaos: policy violation")
	case "ws-1011":
		_ = c.Close(websocket.StatusInternalError, "chaos: internal error")
	default:
		return false
	}
	return true
}
