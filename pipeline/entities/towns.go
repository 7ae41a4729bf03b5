package entities

import (
	"slices"
	"strings"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Towns named like words or people: a one-word town of the lists whose
// context says it is no place.

// wordTowns reads a town's name as what its context makes it:
//   - an abstract noun after "<Name> of" or "<Name> for" is part of that
//     name, no place: "the Declaration of Independence", "the War of
//     Independence" (Independence, Missouri), where the word is one the
//     model's training text writes in lower case and never in a name;
//   - a party to a court case is a person: "Brown v. Board of Education",
//     "Marbury v. Madison" (a state stays itself: "Texas v. Johnson");
//   - a surname before "administration" or "presidency" is the president:
//     "the Lincoln administration".
func (s *Stage) wordTowns(text string, ents []pipeline.Entity) []pipeline.Entity {
	for i := range ents {
		e := &ents[i]
		if labelClass(e.Label) != "place" || strings.ContainsAny(e.Text, " -") || !isUpperWord(e.Text) ||
			e.Kind == "country" || e.Kind == "admin1" || e.Kind == "territory" || curatedName(e.ID) {
			continue
		}
		lw := strings.ToLower(e.Text)
		before, after := text[:e.Start], text[e.End:]
		if strings.HasPrefix(e.Kind, "PPL") && s.model != nil && s.model.plain[lw] && s.nameBeforeOf(before) {
			e.Label = "" // dropped below
			continue
		}
		if strings.HasPrefix(after, " v. ") || strings.HasSuffix(before, " v. ") ||
			s.gaz.names[lw]&models.NameSurname != 0 && presidencyNouns[leadingLetters(strings.TrimPrefix(after, " "))] && strings.HasPrefix(after, " ") {
			e.Label, e.ID, e.Name, e.Kind = pipeline.LabelPerson, "", "", ""
		}
	}
	return slices.DeleteFunc(ents, func(e pipeline.Entity) bool { return e.Label == "" })
}

// presidencyNouns follow a president's surname: "the Lincoln administration".
var presidencyNouns = set("administration presidency")

// nameBeforeOf reports whether before ends in a capitalised word, no title
// or settlement noun, and "of" or "for": "the Declaration of ", "the War
// for ", not "the Mayor of " or "the City of ".
func (s *Stage) nameBeforeOf(before string) bool {
	var rest string
	switch {
	case strings.HasSuffix(before, " of "):
		rest = before[:len(before)-len(" of ")]
	case strings.HasSuffix(before, " for "):
		rest = before[:len(before)-len(" for ")]
	default:
		return false
	}
	head := trailingLetters(rest)
	lh := strings.ToLower(head)
	return isUpperWord(head) && !s.titleWord(lh) && !settlementNouns[lh] && !adminHeads[lh]
}
