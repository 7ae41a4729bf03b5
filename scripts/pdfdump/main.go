package main

import (
	"fmt"
	"os"

	"github.com/sitrep/sitrep/corpus"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	x, notes, err := corpus.ExtractPDF(data)
	fmt.Println(notes, err)
	fmt.Println(x.Text)
	for _, b := range x.Blocks[:min(40, len(x.Blocks))] {
		fmt.Printf("%s %d %q\n", b.Kind, b.Level, x.Text[b.Start:min(b.End, b.Start+60)])
	}
	fmt.Println(x.Pages)
}
