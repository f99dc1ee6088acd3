package api

import (
	"bytes"
	"encoding/json"
	"io"
)

// bodyDecoder is a reply target that reads the whole body itself rather
// than through a json.Decoder (see decodeReply).
type bodyDecoder interface {
	decodeBody(r io.Reader) error
}

// rawList is a transcript split into its messages' JSON, undecoded. The
// documented bare array is split by splitArray, which only finds where
// each message ends: several times faster than json.Decoder, which
// checks every byte's grammar on the way. Anything else (null, the object
// wrapper, a body splitArray cannot follow) goes through messageList,
// which reads every shape and words the errors.
type rawList struct {
	raws [][]byte
}

func (l *rawList) decodeBody(r io.Reader) error {
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if raws, ok := splitArray(body); ok {
		l.raws = raws
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	list := messageList{split: true}
	if err := list.decodeStream(dec); err != nil {
		return err
	}
	if err := expectEnd(dec); err != nil {
		return err
	}
	l.raws = list.raws
	return nil
}

// splitArray splits a JSON array of objects into the objects' bytes (which
// share b's memory). It reports false for anything it cannot follow, for
// the full decoder to report on: not an array, an element that is not an
// object, a missing comma, trailing data, a body cut short. The objects'
// insides are checked when they are decoded.
func splitArray(b []byte) ([][]byte, bool) {
	i := skipBlank(b, 0)
	if i == len(b) || b[i] != '[' {
		return nil, false
	}
	raws := make([][]byte, 0, bytes.Count(b, []byte(`"sender"`))/2+1)
	i = skipBlank(b, i+1)
	if i < len(b) && b[i] == ']' {
		return raws, skipBlank(b, i+1) == len(b)
	}
	for {
		if i == len(b) || b[i] != '{' {
			return nil, false
		}
		end, ok := objectEnd(b, i)
		if !ok {
			return nil, false
		}
		raws = append(raws, b[i:end:end])
		i = skipBlank(b, end)
		switch {
		case i == len(b):
			return nil, false
		case b[i] == ',':
			i = skipBlank(b, i+1)
		case b[i] == ']':
			return raws, skipBlank(b, i+1) == len(b)
		default:
			return nil, false
		}
	}
}

// objectEnd finds the end of the object starting at b[start], counting
// braces and brackets outside strings.
func objectEnd(b []byte, start int) (int, bool) {
	depth := 0
	for i := start; i < len(b); i++ {
		switch b[i] {
		case '"':
			// Skip the string: to the next quote not escaped.
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if i >= len(b) {
				return 0, false
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

func skipBlank(b []byte, i int) int {
	for i < len(b) && isBlank(b[i]) {
		i++
	}
	return i
}
