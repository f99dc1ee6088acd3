package api

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// transcriptClient serves body as every task's transcript, written in small
// pieces with a flush after each so that the client reads it as it
// arrives, across many reads. It counts the requests.
func transcriptClient(t *testing.T, body string) (*Client, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		for b := body; len(b) > 0; {
			k := min(len(b), 997)
			_, _ = w.Write([]byte(b[:k]))
			w.(http.Flusher).Flush()
			b = b[k:]
		}
	}))
	t.Cleanup(srv.Close)
	c, err := New(WithBaseURL(srv.URL), WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	c.retry = backoff{min: time.Millisecond, max: time.Millisecond}
	return c, &n
}

// Parameter lists in the shapes a long transcript mixes: repeated, with
// the optional fields, without fields an earlier list had, empty, null.
var paramLists = []string{
	`[{"title":"Product name","value":"Nordvik FD560","type":"string"},{"title":"Price","value":"$1,899.00","type":"string"},{"title":"Rating","value":4.6,"type":"numeric"},{"title":"Features","value":["Ice maker",null,"Wi-Fi"],"type":"array"}]`,
	`[{"title":"Price","value":"$358.08","type":"string","param":"price","name":"price_usd"},{"title":"Capacity","value":30,"type":"numeric","param":"cap","name":null}]`,
	`[{"title":"Colour"},{"value":"no title"}]`,
	`[{"title":"Caf\u00e9 \"Bleu\"","value":"line\nbreak \u2014 dash","type":"string"}]`,
	`[]`,
	`null`,
}

// variedMessage is message i of a transcript that exercises the decoder:
// user turns, agent turns with up to 19 options in each product shape
// (more than the decoder prepares room for), cards, and parameter lists
// that repeat or are unique.
func variedMessage(i int) string {
	at := time.Date(2025, 10, 9, 12, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second).Format("2006-01-02 15:04:05.000000")
	if i%7 == 0 {
		return fmt.Sprintf(`{"id":"u%d","created_at":%q,"text":"Question %d?","sender":{"id":"user_123","type":"user","email":null},"receiver":{"id":"intelligent-agent","type":"agent","email":null},"options":[],"variants_options":[],"followup_suggestions":[]}`, i, at, i)
	}
	if i%50 == 1 {
		return strings.Replace(strings.Replace(cardsMessage, `"msg-1"`, strconv.Quote("c"+strconv.Itoa(i)), 1), "2025-11-12T14:03:46.984000", at, 1)
	}
	option := func(k int) string {
		switch (i + k) % 9 {
		case 0:
			return `{"is_recommended":true}` // no parameter list
		case 1:
			return fmt.Sprintf(`{"is_recommended":false,"widget_parameters":[{"title":"Serial","value":%d,"type":"numeric"}]}`, i*100+k)
		case 2:
			return `{"widget_parameters":` + paramLists[0] + `}` // is_recommended left out
		}
		return fmt.Sprintf(`{"is_recommended":%t,"widget_parameters":%s}`, k == 0, paramLists[(i+k)%len(paramLists)])
	}
	var opts, variants []string
	for k := range i % 20 {
		opts = append(opts, option(k))
	}
	for k := range i % 3 {
		variants = append(variants, option(k+5))
	}
	fields := fmt.Sprintf(`"id":"a%d","created_at":%q,"text":"Answer **%d**","sender":{"id":"intelligent-agent","type":"agent","email":null},"receiver":{"id":"user_123","type":"user","email":"u@example.com"},"options":[%s],"variants_options":[%s],"followup_suggestions":["More?","Cheaper?"]`,
		i, at, i, strings.Join(opts, ","), strings.Join(variants, ","))
	switch i % 11 {
	case 3:
		fields = strings.Replace(fields, `"variants_options":[]`, `"variants_options":null`, 1)
	case 5:
		fields = strings.Replace(fields, `,"followup_suggestions":["More?","Cheaper?"]`, ``, 1)
	}
	return "{" + fields + "}"
}

func TestTaskMessagesStreamsALongTranscript(t *testing.T) {
	const n = 3000
	items := make([]string, n)
	for i := range items {
		items[i] = variedMessage(i)
	}
	body := "[\n  " + strings.Join(items, ",\n  ") + "\n]\n"
	c, requests := transcriptClient(t, body)

	got, err := c.TaskMessages(context.Background(), "t1")
	if err != nil {
		t.Fatal(err)
	}
	// The same as decoding the whole body at once.
	var want []Message
	if err := json.Unmarshal([]byte(body), &want); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("%d messages, want %d", len(got), n)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("message %d differs from json.Unmarshal's:\n got %+v\nwant %+v", i, got[i], want[i])
		}
		if string(got[i].Raw) != items[i] {
			t.Fatalf("message %d Raw is not the bytes received:\n%s", i, got[i].Raw)
		}
	}
	if requests.Load() != 1 {
		t.Errorf("%d requests", requests.Load())
	}
}

// Messages of a transcript share memory (Raw's chunks, equal parameter
// lists); appending to one message's slices must leave the others as they
// were.
func TestTaskMessagesListsAreSafeToAppendTo(t *testing.T) {
	items := []string{
		`{"id":"a","created_at":"2025-10-09T12:00:00Z","options":[{"widget_parameters":` + paramLists[0] + `}]}`,
		`{"id":"b","created_at":"2025-10-09T12:00:01Z","options":[{"widget_parameters":` + paramLists[0] + `}]}`,
	}
	c, _ := transcriptClient(t, "["+strings.Join(items, ",")+"]")
	msgs, err := c.TaskMessages(context.Background(), "t1")
	if err != nil {
		t.Fatal(err)
	}
	before := fmt.Sprint(msgs[1].Options)
	a := &msgs[0].Options[0]
	a.WidgetParameters = append(a.WidgetParameters, Parameter{Title: "added"})
	msgs[0].Options = append(msgs[0].Options, ProductOption{IsRecommended: true})
	msgs[0].Raw = append(msgs[0].Raw, "  "...)
	if after := fmt.Sprint(msgs[1].Options); after != before {
		t.Errorf("appending to one message's lists changed another's:\n%s\n%s", before, after)
	}
	if string(msgs[1].Raw) != items[1] {
		t.Errorf("appending to one message's Raw changed the next one's: %s", msgs[1].Raw)
	}
}

func TestTaskMessagesReplyShapes(t *testing.T) {
	for body, want := range map[string]int{
		`null`:              0,
		` [ ] `:             0,
		`{"messages":null}`: 0,
		`{"total":2}`:       0,
		`{"total":1,"Messages":[` + g2Message + `],"page":{"n":[1,2]}}`:   1,
		`{"messages":[` + g1Message + `],"messages":[` + g2Message + `]}`: 1,
	} {
		c, _ := transcriptClient(t, body)
		msgs, err := c.TaskMessages(context.Background(), "t1")
		if err != nil || msgs == nil || len(msgs) != want {
			t.Errorf("%.40s: %d messages, %v", body, len(msgs), err)
		}
		if want == 1 && msgs[0].ID != "507f1f77bcf86cd799439011" {
			t.Errorf("%.40s: got %s", body, msgs[0].ID)
		}
	}
}

func TestTaskMessagesBadBodies(t *testing.T) {
	msg := variedMessage(8)
	const notJSON = "a body that is not the expected JSON"
	for body, want := range map[string]string{
		"[" + msg + "," + msg[:len(msg)/2]: notJSON, // cut inside a message
		"[" + msg + ",":                    notJSON, // cut between messages
		"[" + msg:                          notJSON, // no closing bracket
		"[":                                notJSON,
		`{"messages":[` + msg + `]`:        notJSON,
		`{"messages":`:                     notJSON,
		"[" + msg + "] x":                  notJSON,
		"[] []":                            notJSON,
		"[" + msg + " " + msg + "]":        notJSON, // no comma
		`"a transcript"`:                   notJSON,
		`42`:                               notJSON,
		"":                                 "an empty body",
		" \n\t":                            "an empty body",
		"<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head></html>": "a web page instead of JSON",
		"\n  <html><body>502 Bad Gateway</body></html>":                            "a web page instead of JSON",
	} {
		c, requests := transcriptClient(t, body)
		_, err := c.TaskMessages(context.Background(), "t1")
		if !errors.Is(err, ErrBadReply) || !strings.HasSuffix(err.Error(), " sent "+want) {
			t.Errorf("%.50q: %v, want ErrBadReply ending %q", body, err, want)
		}
		if requests.Load() != 1 {
			t.Errorf("%.50q: a bad reply was retried", body)
		}
	}
}

// A value of the wrong type is named as it was when the whole body was
// decoded at once.
func TestTaskMessagesTypeErrors(t *testing.T) {
	for _, body := range []string{
		`[{"id":5}]`,
		`[` + g2Message + `,{"id":"x","text":["a"]}]`,
		`[{"id":"x","options":[{"is_recommended":"yes"}]}]`,
		`[{"id":"x","options":[{"widget_parameters":[{"title":7}]}]}]`,
		`[{"id":"x","cards":[{"parameters":{"title":"Price"}}]}]`,
		`{"messages":[{"id":"x","sender":{"type":1}}]}`,
		`{"messages":{"id":"a"}}`,
		`{"messages":"none"}`,
		`{"messages":true}`,
		`{"messages":3}`,
	} {
		c, _ := transcriptClient(t, body)
		_, err := c.TaskMessages(context.Background(), "t1")
		// What decoding the whole body into the documented shapes says.
		var whole any = new([]Message)
		if body[0] == '{' {
			whole = new(struct {
				Messages []Message `json:"messages"`
			})
		}
		want := c.badReply([]byte(body), json.Unmarshal([]byte(body), whole))
		if err == nil || err.Error() != want.Error() {
			t.Errorf("%s:\n got %v\nwant %v", body, err, want)
		}
	}
}

func TestTaskMessagesSizeLimit(t *testing.T) {
	item := variedMessage(8)
	items := []string{item}
	for len(items)*(len(item)+1) < 1<<20 {
		items = append(items, item)
	}
	tooBig := "[" + strings.Join(items, ",") + "]"
	c, _ := transcriptClient(t, tooBig)
	c.maxBody = 1 << 20
	_, err := c.TaskMessages(context.Background(), "t1")
	if !errors.Is(err, ErrBadReply) || !strings.Contains(err.Error(), "sent a reply larger than 1 MiB") {
		t.Errorf("body over the limit: %v", err)
	}

	// Exactly at the limit is fine.
	fits := "[" + strings.Join(items[:len(items)/2], ",") + "]"
	fits += strings.Repeat(" ", 1<<20-len(fits))
	c, _ = transcriptClient(t, fits)
	c.maxBody = 1 << 20
	if msgs, err := c.TaskMessages(context.Background(), "t1"); err != nil || len(msgs) != len(items)/2 {
		t.Errorf("body of exactly the limit: %d messages, %v", len(msgs), err)
	}
}

// TestTaskMessagesFiftyThousand reads a transcript of 50,000 messages, over
// 64 MiB of JSON, generated as it is sent so the test holds only the
// decoded messages.
func TestTaskMessagesFiftyThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("a 70 MB transcript is skipped in -short mode")
	}
	const n = 50_000
	opts := strings.TrimSuffix(strings.Repeat(`{"is_recommended":false,"widget_parameters":`+paramLists[0]+`},`, 4), ",")
	var size atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		bw := bufio.NewWriter(w)
		bw.WriteString("[")
		total := int64(1)
		for i := range n {
			if i > 0 {
				bw.WriteString(",")
				total++
			}
			m := fmt.Sprintf(`{"id":"m%d","created_at":"2025-10-09 12:26:07.576000","text":"Answer %d","sender":{"id":"intelligent-agent","type":"agent","email":null},"receiver":{"id":"user_123","type":"user","email":null},"options":[%s],"variants_options":[],"followup_suggestions":["More?"]}`, i, i, opts)
			bw.WriteString(m)
			total += int64(len(m))
		}
		bw.WriteString("]")
		size.Store(total + 1)
		bw.Flush()
	}))
	defer srv.Close()
	// The size is the point here, not the speed: a loaded machine or the
	// race detector take far longer than the default timeout over 90 MB.
	c, err := New(WithBaseURL(srv.URL), WithAPIKey(testKey), WithTimeout(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := c.TaskMessages(context.Background(), "long")
	if err != nil {
		t.Fatal(err)
	}
	if size.Load() <= 64<<20 {
		t.Fatalf("the transcript is only %d bytes; the test needs more than 64 MiB", size.Load())
	}
	if len(msgs) != n || msgs[0].ID != "m0" || msgs[n-1].ID != "m49999" || len(msgs[n-1].Options) != 4 {
		t.Errorf("%d messages, first %q, last %q", len(msgs), msgs[0].ID, msgs[len(msgs)-1].ID)
	}
}

// A connection that drops in the middle of a transcript is a network
// failure, retried like one, not a bad reply.
func TestTaskMessagesConnectionDropsMidBody(t *testing.T) {
	body := "[" + variedMessage(8) + "," + variedMessage(9) + "]"
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write([]byte(body[:len(body)/2]))
	}))
	defer srv.Close()
	c, err := New(WithBaseURL(srv.URL), WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	c.retry = backoff{min: time.Millisecond, max: time.Millisecond}
	_, err = c.TaskMessages(context.Background(), "t1")
	if !errors.Is(err, ErrOffline) || errors.Is(err, ErrBadReply) {
		t.Errorf("dropped connection: %v", err)
	}
	if requests.Load() != defaultAttempts {
		t.Errorf("tried %d times, want %d", requests.Load(), defaultAttempts)
	}
}
