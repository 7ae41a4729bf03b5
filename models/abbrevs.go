package models

import (
	"fmt"
	"strconv"
	"sync"
)

// AdminAbbrev is one written abbreviation of a first-level area
// (lexicon/admin-abbrevs.tsv): "N.J.", "Ga.", "Qld".
type AdminAbbrev struct {
	Form  string
	Code  string // GeoNames admin1 code: US.NJ, AU.04
	ID    uint32 // GeoNames id of the area
	Name  string
	Alone bool // names its area on its own ("NSW"), not only after a town
}

// AdminAbbrevs maps each form, as written (case counts: "Ind." but not
// "ind."), to the areas it abbreviates: one, or two for a form two
// countries share ("WA": Washington, Western Australia).
var AdminAbbrevs = sync.OnceValues(func() (map[string][]AdminAbbrev, error) {
	out := map[string][]AdminAbbrev{}
	err := readTSV("lexicon/admin-abbrevs.tsv", 5, func(f []string) error {
		id, err := strconv.ParseUint(f[2], 10, 32)
		if err != nil || f[0] == "" {
			return fmt.Errorf("bad row %q", f)
		}
		out[f[0]] = append(out[f[0]], AdminAbbrev{Form: f[0], Code: f[1], ID: uint32(id), Name: f[3], Alone: f[4] == "yes"})
		return nil
	})
	return out, err
})
