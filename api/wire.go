package api

import (
	"encoding/json"
	"errors"
	"strings"
)

// plainMessage and plainOption are Message and ProductOption without
// methods: embedded in the wire types, an UnmarshalJSON of theirs would be
// promoted and decode the whole value, bypassing the wire types' fields.
type (
	plainMessage Message
	plainOption  ProductOption
)

// wireMessage decodes one message of a transcript. Every field but the
// product options goes straight into the embedded message, so a field added
// to Message is decoded here too; the options go through wireOption, which
// hands each parameter list to the packer as JSON.
type wireMessage struct {
	*plainMessage
	Options         []wireOption `json:"options"`
	VariantsOptions []wireOption `json:"variants_options"`
}

// wireOption is a ProductOption whose parameter list the packer decodes.
type wireOption struct {
	plainOption
	WidgetParameters paramsJSON `json:"widget_parameters"`
}

// paramsJSON receives one parameter list's JSON. With a packer it is
// decoded there: a list seen before in the transcript is not decoded again,
// and a new one is decoded into reused room, not into a slice grown by
// doubling. Without one (an option the packer prepared no room for) it is
// decoded as usual and packed afterwards.
type paramsJSON struct {
	pk     *packer
	ps     []Parameter
	packed bool
}

// UnmarshalJSON decodes the list; b is not kept.
func (j *paramsJSON) UnmarshalJSON(b []byte) error {
	if j.pk == nil {
		j.ps = nil
		return json.Unmarshal(b, &j.ps)
	}
	ps, err := j.pk.parametersJSON(b)
	j.ps, j.packed = ps, err == nil
	return err
}

// wireError makes a decoding error read as if the message had been decoded
// as a Message: the decoder names embedded types in a field's path
// ("plainMessage.text"), and those are wireMessage's, not the reply's.
func wireError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		parts := strings.Split(te.Field, ".")
		kept := parts[:0]
		for _, p := range parts {
			if p != "plainMessage" && p != "plainOption" {
				kept = append(kept, p)
			}
		}
		te.Field = strings.Join(kept, ".")
	}
	return err
}
