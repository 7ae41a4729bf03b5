package models

import (
	"errors"
	"io"
	"io/fs"
)

// NERModel returns the shipped entity model (data/ner/model.json and
// data/ner/weights.bin.gz, built by `make models` from AnnoCTR, CC BY-SA 4.0),
// or nil, nil when the binary ships none. The weights are read in place from
// the binary, not copied.
func NERModel() (meta []byte, weights io.ReadSeeker, err error) {
	meta, err = dataFS.ReadFile("data/ner/model.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	f, err := dataFS.Open("data/ner/weights.bin.gz")
	if err != nil {
		return nil, nil, err
	}
	return meta, f.(io.ReadSeeker), nil // embed's files seek
}
