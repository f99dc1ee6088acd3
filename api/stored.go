package api

// DecodeMessages decodes messages from their JSON text (each message's Raw,
// as kept by a local store), exactly as TaskMessages decodes a transcript:
// the same lenient rules, and repeated product data shared between the
// messages. Each message keeps its element of raws as Raw, so the caller
// must not change them afterwards. The order is kept as given.
func DecodeMessages(raws [][]byte) ([]Message, error) {
	pk := newPacker()
	msgs := make([]Message, len(raws))
	for i, raw := range raws {
		if err := pk.decode(&msgs[i], raw); err != nil {
			return nil, err
		}
	}
	return msgs, nil
}
