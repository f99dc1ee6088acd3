package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

// splitArray splits a whole body as arraySplitter does one that arrives
// in pieces.
func splitArray(b []byte) ([][]byte, bool) {
	var s arraySplitter
	s.scan(b, 0)
	return s.finish([][]byte{b})
}

// pieces reads b n bytes at a time, as a body arrives from the network.
type pieces struct {
	b []byte
	n int
}

func (p *pieces) Read(out []byte) (int, error) {
	if len(p.b) == 0 {
		return 0, io.EOF
	}
	k := copy(out[:min(len(out), p.n)], p.b)
	p.b = p.b[k:]
	return k, nil
}

// escapedBody is an array of objects whose strings hold runs of
// backslashes and escaped quotes, long enough to cross several of the
// chunks a body is read into.
func escapedBody(objects int) []byte {
	var b bytes.Buffer
	b.WriteString(" [\n")
	for i := range objects {
		if i > 0 {
			b.WriteString(" ,")
		}
		fmt.Fprintf(&b, `{"id":"m%d","text":%q,"tail":"%s","nested":[{"a":"]}"},[]]}`, i,
			strings.Repeat(`x\"}{`, i%7)+strings.Repeat(`\`, i%5), strings.Repeat(`\\`, i%4))
	}
	b.WriteString("]\n")
	return b.Bytes()
}

// rawElements is what encoding/json finds in an array: each element's
// exact bytes.
func rawElements(t *testing.T, body []byte) [][]byte {
	t.Helper()
	var els []json.RawMessage
	if err := json.Unmarshal(body, &els); err != nil {
		t.Fatalf("the test body is not JSON: %v", err)
	}
	out := make([][]byte, len(els))
	for i, e := range els {
		out[i] = e
	}
	return out
}

func TestSplitAsTheBodyArrives(t *testing.T) {
	for _, objects := range []int{0, 1, 9, 3000} {
		body := escapedBody(objects)
		want := rawElements(t, body)
		for _, n := range []int{1, 2, 3, 7, 997, 1 << 20} {
			if objects == 3000 && n < 7 {
				continue // the same boundaries as the smaller bodies, only slower
			}
			var l rawList
			if err := l.decodeBody(&pieces{b: body, n: n}); err != nil {
				t.Fatalf("%d objects read %d bytes at a time: %v", objects, n, err)
			}
			if len(l.raws) != len(want) {
				t.Fatalf("%d objects read %d bytes at a time: split into %d", objects, n, len(l.raws))
			}
			for i := range want {
				if !bytes.Equal(l.raws[i], want[i]) {
					t.Fatalf("%d objects read %d bytes at a time: object %d is\n%s\nwant\n%s", objects, n, i, l.raws[i], want[i])
				}
			}
		}
	}
}

func TestSplitInPiecesFallsBackOnWhatItCannotFollow(t *testing.T) {
	for _, body := range []string{`null`, `{"messages":[{"id":"a"}]}`, `[{"a":1}`, `[{"a":1} x`, `[{"s":"\\"}]`} {
		whole, wholeErr := (&rawList{}), error(nil)
		wholeErr = whole.decodeBody(strings.NewReader(body))
		for _, n := range []int{1, 2, 5} {
			var l rawList
			err := l.decodeBody(&pieces{b: []byte(body), n: n})
			if fmt.Sprint(err) != fmt.Sprint(wholeErr) || fmt.Sprintf("%q", l.raws) != fmt.Sprintf("%q", whole.raws) {
				t.Fatalf("%q read %d bytes at a time: %q, %v; read whole: %q, %v", body, n, l.raws, err, whole.raws, wholeErr)
			}
		}
	}
}

// FuzzSplitPieces: a body split as it arrives, in pieces of any size, gives
// what splitting it whole gives, and a JSON array of objects is split into
// exactly the elements encoding/json finds.
func FuzzSplitPieces(f *testing.F) {
	f.Add(escapedBody(3), uint8(1))
	f.Add([]byte(`[{"a":"\\\"}"},{"b":[]}]`), uint8(2))
	f.Add([]byte(`[{"a":1},]`), uint8(3))
	f.Fuzz(func(t *testing.T, body []byte, n uint8) {
		whole, wholeOK := splitArray(body)
		var s arraySplitter
		var chunks [][]byte
		size := 0
		for rest := body; len(rest) > 0; {
			k := min(len(rest), int(n)+1)
			s.scan(rest[:k], size)
			chunks = append(chunks, rest[:k:k])
			size += k
			rest = rest[k:]
		}
		if len(chunks) == 0 {
			chunks = [][]byte{nil}
		}
		got, ok := s.finish(chunks)
		if ok != wholeOK || fmt.Sprintf("%q", got) != fmt.Sprintf("%q", whole) {
			t.Fatalf("in pieces of %d: %q, %v; whole: %q, %v", int(n)+1, got, ok, whole, wholeOK)
		}
		var els []json.RawMessage
		if json.Unmarshal(body, &els) != nil {
			return
		}
		for _, e := range els {
			if e[0] != '{' {
				return
			}
		}
		if !ok || len(got) != len(els) {
			t.Fatalf("a JSON array of %d objects split into %d (%v)", len(els), len(got), ok)
		}
		for i := range els {
			if !bytes.Equal(got[i], els[i]) {
				t.Fatalf("object %d is %q, want %q", i, got[i], els[i])
			}
		}
	})
}
