package models

import (
	"errors"
	"io/fs"
)

// NERModel returns the shipped entity model (data/ner/model.json and
// data/ner/weights.bin.gz, built by `make models` from AnnoCTR, CC BY-SA 4.0),
// or nil, nil when the binary ships none.
func NERModel() (meta, weights []byte, err error) {
	meta, err = dataFS.ReadFile("data/ner/model.json")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	weights, err = dataFS.ReadFile("data/ner/weights.bin.gz")
	return meta, weights, err
}
