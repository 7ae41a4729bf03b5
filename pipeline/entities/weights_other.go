//go:build !linux

package entities

// allocWeights returns n zeroed float32s for a loaded model's weight table.
func allocWeights(_ *Model, n int) []float32 { return make([]float32, n) }
