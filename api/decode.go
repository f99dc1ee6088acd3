package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// errReplyTooLarge stops decoding a 2xx body past the size limit: a reply
// that big is a misbehaving server, and reading on would only grow memory.
var errReplyTooLarge = errors.New("reply too large")

// errTrailingData is a second JSON value after the reply, which
// json.Unmarshal would refuse too.
var errTrailingData = errors.New("data after the JSON value")

// streamDecoder is a reply target that reads its value token by token from
// the decoder rather than in one Decode call, so that a large reply (a long
// transcript) is never buffered whole: Decode reads an entire value into
// memory before decoding it.
type streamDecoder interface {
	decodeStream(dec *json.Decoder) error
}

// decodeReply decodes a 2xx body into out as it arrives. The errors are
// those a whole-body json.Unmarshal gave: a failed read is a network error,
// anything else not the expected JSON is ErrBadReply with a sentence.
func (c *Client) decodeReply(ctx context.Context, body io.Reader, out any) error {
	r := &replyReader{r: body, left: c.maxBody}
	var err error
	if s, ok := out.(bodyDecoder); ok {
		err = s.decodeBody(r)
	} else {
		dec := json.NewDecoder(r)
		if s, ok := out.(streamDecoder); ok {
			err = s.decodeStream(dec)
		} else {
			err = dec.Decode(out)
		}
		if err == nil {
			err = expectEnd(dec)
		}
	}
	switch {
	case err == nil:
		return nil
	case r.readErr != nil:
		return transportError(ctx, r.readErr, c.Host())
	case errors.Is(err, errReplyTooLarge):
		return fmt.Errorf("%w: %s sent a reply larger than %s, more than this program reads at once", ErrBadReply, c.Host(), sizeText(c.maxBody))
	}
	return c.badReply(r.head(), err)
}

// expectEnd reads what follows the decoded value. Only blanks may follow,
// and reading to the end of the body lets the connection be reused.
func expectEnd(dec *json.Decoder) error {
	_, err := dec.Token()
	switch {
	case err == io.EOF:
		return nil
	case err == nil:
		return errTrailingData
	}
	return err
}

// unexpectedEOF turns the end of the body inside a value into the error a
// truncated body gives json.Unmarshal; a bare io.EOF would read as success
// to code that stops at the end of input.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// replyReader hands a 2xx body to the JSON decoder. It enforces the size
// limit, remembers the first non-blank byte so a bad reply can be
// described ("a web page instead of JSON") without keeping the body, and
// keeps a failed read apart from bad JSON: a connection that drops mid-body
// is a network problem, not a malformed reply.
type replyReader struct {
	r       io.Reader
	left    int64 // bytes still allowed; -1 once the body went past the limit
	first   byte  // first non-blank byte; 0 until one is read
	readErr error
}

// Read reads the body and fails once it passes the size limit.
func (r *replyReader) Read(p []byte) (int, error) {
	if r.left < 0 {
		return 0, errReplyTooLarge
	}
	// One byte past the limit is read to tell a body of exactly the limit
	// from a longer one.
	if int64(len(p)) > r.left+1 {
		p = p[:r.left+1]
	}
	n, err := r.r.Read(p)
	r.left -= int64(n)
	if r.left < 0 {
		n--
		err = errReplyTooLarge
	}
	if r.first == 0 {
		for _, b := range p[:n] {
			if !isBlank(b) {
				r.first = b
				break
			}
		}
	}
	if err != nil && err != io.EOF && err != errReplyTooLarge {
		r.readErr = err
	}
	return n, err
}

// head is the start of the body as far as badReply needs it.
func (r *replyReader) head() []byte {
	if r.first == 0 {
		return nil
	}
	return []byte{r.first}
}

// isBlank reports JSON whitespace.
func isBlank(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// sizeText writes a byte count in the largest binary unit that divides it
// or else in bytes: "1 GiB", "64 MiB", "1500 bytes".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
