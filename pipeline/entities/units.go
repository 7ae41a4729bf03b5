package entities

import (
	"regexp"

	"github.com/sitrep/sitrep/models"
	"github.com/sitrep/sitrep/pipeline"
)

// Military units and staffs are ORG (ENTITY_GUIDELINES.md). A nationality
// before a named unit is split off as NORP ("Russian" + "3rd Motorized Rifle
// Division", "Ukrainian" + "Southern Operational Command"); one that is part
// of an institution's name stays inside ("Ukrainian General Staff",
// "Russian Armed Forces").

// pluralUnitHeads end coordinated units, which share a plural head ("the 6th
// and 20th Combined Arms Armies" gives "20th Combined Arms Armies", as
// "Donetsk and Luhansk Oblasts" gives "Luhansk Oblasts", ENTITY_GUIDELINES),
// and name units only after a number: not "the Arab Armies" ("Brigades" ends
// armed groups' names too, "Ezzedine al-Qassam Brigades", and is no such head).
var pluralUnitHeads = set("armies divisions regiments battalions fleets flotillas detachments squadrons")

// unitHeads end a named unit; the nationality before it is not part of it.
var unitHeads = func() map[string]bool {
	m := set("army corps division brigade brigades regiment battalion fleet flotilla district command detachment squadron group")
	for w := range pluralUnitHeads {
		m[w] = true
	}
	return m
}()

// commandWords come before "Command" in the names of military commands.
var commandWords = set("cyber central strategic space special operations combatant northern southern eastern western " +
	"joint operational unified africa european pacific indo-pacific transportation air naval navy army military")

// staffHeads end an institution of the armed forces; a nationality before
// it belongs to the name ("Russian Air Force", "Combined Joint Task Force",
// "Joint Operational Headquarters").
var staffHeads = map[string]bool{"staff": true, "forces": true, "force": true, "guard": true, "headquarters": true}

var ordinal = regexp.MustCompile(`^\d+(st|nd|rd|th)$`)

// unitAcronyms abbreviate a unit's kind, and head its name after a number:
// "the 58th CAA", "the 3rd AC" (ISW's Combined Arms Army, Army Corps,
// motorized rifle brigade and division, Guards Tank Army).
var unitAcronyms = set("CAA GTA AC MRB MRD MRR SGMRB SGMRD")

// unitAcronym reports whether word h is a unit's acronym after an ordinal.
func unitAcronym(text string, ws []word, h int) bool {
	return h > 0 && unitAcronyms[text[ws[h].start:ws[h].end]] && spaced(text, ws, h-1, h) &&
		ordinal.MatchString(text[ws[h-1].start:ws[h-1].end])
}

// findUnits returns named units and staffs: capitalised words or an
// ordinal, then a unit or staff head, then optionally "of" and capitalised
// words ("Joint Group of Forces", "Armed Forces of Ukraine").
// In threat reporting "Command" names a malware's command ("Get Processes
// Command", "Kill Process Command") far more often than a military one:
// there it needs a command's own word before it ("US Cyber Command").
func (s *Stage) findUnits(text string, sentences [][]word, cti bool) []pipeline.Entity {
	var out []pipeline.Entity
	for _, ws := range sentences {
		for h := 1; h < len(ws); h++ {
			head := ws[h].lower
			// A rank is no unit: "Army" of "Army General Valery Gerasimov".
			if !ws[h].upper || !unitHeads[head] && !staffHeads[head] && !unitAcronym(text, ws, h) || s.titles.titleEnd(text, ws, h) > h {
				continue
			}
			// Compound heads: "Army Corps", "Army Group".
			for h+1 < len(ws) && ws[h+1].upper && (unitHeads[ws[h+1].lower] || staffHeads[ws[h+1].lower]) && ws[h+1].lower != "group" &&
				s.titles.titleEnd(text, ws, h+1) == h+1 {
				h++
			}
			head = ws[h].lower
			// Back over the name: capitalised words, ordinals, "and".
			st := h
			for st > 0 {
				w := ws[st-1]
				t := text[w.start:w.end]
				if w.upper && !determiners[w.lower] && !(st-1 == 0 && s.gaz.common[w.lower] && !s.isDemonym(w)) || ordinal.MatchString(t) {
					st--
					continue
				}
				break
			}
			if st == h {
				continue
			}
			// A nationality first: inside an institution's name, split off
			// before a unit's.
			// ("Western" of "Western Military District" is a compass
			// point there, though "Western officials" are NORP.)
			// So is a state's listed acronym before a name ("DNR" + "1st
			// Army Corps"; "US Army" is one).
			// An army without a number is a force's own name, with its
			// nationality ("Syrian Electronic Army", "Irish Republican Army",
			// "Syrian Arab Army"); a numbered one is a unit ("Russian" + "58th
			// Combined Arms Army").
			if pluralUnitHeads[head] && !numberedUnit(text, ws[st:h]) {
				continue
			}
			if (s.isDemonym(ws[st]) || st+1 < h && s.stateAcronym(text, ws[st])) && (unitHeads[head] || unitAcronym(text, ws, h)) && !partWords[ws[st].lower] &&
				(head != "army" && head != "armies" || numberedUnit(text, ws[st:h])) {
				st++
			}
			if st == h {
				continue // "Russian Army": a nationality and a noun, no name
			}
			switch head {
			case "force":
				if h+1 < len(ws) && ws[h+1].upper {
					continue // "Air Force Reserve Command": the longer name's head decides
				}
			case "guard":
				if h+2 < len(ws) && ws[h+1].upper && spaced(text, ws, h, h+1) && (unitHeads[ws[h+2].lower] && ws[h+2].upper ||
					h+3 < len(ws) && ws[h+2].upper && unitHeads[ws[h+3].lower] && ws[h+3].upper) {
					continue // "1st Guard Tank Army": the unit's head decides
				}
			case "group":
				if h+1 >= len(ws) || ws[h+1].lower != "of" {
					continue // "Wagner Group" is an armed group the lists know; "Joint Group of Forces" a unit
				}
			case "district":
				if ws[h-1].lower != "military" {
					continue // "Kherson District" is a place
				}
			case "command":
				if h+2 < len(ws) && ws[h+1].lower == "and" && ws[h+2].lower == "control" || cti && !commandWords[ws[h-1].lower] {
					continue // "Exfiltration Over Command and Control Channel", "Get Processes Command"
				}
			}
			en := h
			// A command named for its direction after it: "Operational
			// Command South", "Operational Command “South”".
			if head == "command" {
				en = commandDirection(text, ws, h)
			}
			// "of" and capitalised words: "Armed Forces of Ukraine".
			if h+2 < len(ws) && ws[h+1].lower == "of" && ws[h+2].upper && !determiners[ws[h+2].lower] {
				en = h + 2
				// ... up to a title, a role or a person's given name: "Eastern
				// Group of Forces (Spokesperson) Serhiy Cherevaty".
				for en+1 < len(ws) && ws[en+1].upper && !ws[en+1].is(clsRoleNoun) && s.titles.titleEnd(text, ws, en+1) == en+1 &&
					!s.givenBeforeName(ws, en+1) {
					en++
				}
			}
			e := pipeline.Entity{Start: ws[st].start, End: ws[en].end, Label: pipeline.LabelOrg, Source: "rule"}
			e.Text = text[e.Start:e.End]
			out = append(out, e)
			h = en
		}
	}
	return out
}

// numberedUnit reports whether a unit's words hold an ordinal or a number.
func numberedUnit(text string, ws []word) bool {
	for _, w := range ws {
		if t := text[w.start:w.end]; ordinal.MatchString(t) || isNum(t, len(t)) {
			return true
		}
	}
	return false
}

// stateAcronym reports whether w is an acronym the lists hold as a state
// ("DNR", "LNR", "US").
func (s *Stage) stateAcronym(text string, w word) bool {
	if !isAcronym(text[w.start:w.end]) {
		return false
	}
	n, ok := s.gaz.step(root, w.lower)
	if !ok {
		return false
	}
	for _, h := range s.gaz.hitsAt(n) {
		if s.gaz.entries[h.entry].Label == pipeline.LabelGPE {
			return true
		}
	}
	return false
}

// givenBeforeName reports whether word k is a listed given name that is no
// common word, with a capitalised word after it: a person's name starts.
func (s *Stage) givenBeforeName(ws []word, k int) bool {
	return k+1 < len(ws) && ws[k+1].upper && s.gaz.names[ws[k].lower]&models.NameGiven != 0 && !s.gaz.common[ws[k].lower]
}

// commandDirection returns the last word of a command's name whose head is
// word h: the compass noun after it, bare or quoted ("Operational Command
// South", "Operational Command “South”"), or h.
func commandDirection(text string, ws []word, h int) int {
	k := h + 1
	quoted := k < len(ws) && isQuote(text, ws[k]) && spaced(text, ws, h, k)
	if quoted {
		k++
	}
	if k >= len(ws) || !ws[k].upper || !compassNouns[ws[k].lower] || !quoted && !spaced(text, ws, h, k) || quoted && ws[k].start != ws[k-1].end {
		return h
	}
	if quoted {
		if k+1 >= len(ws) || !isQuote(text, ws[k+1]) || ws[k+1].start != ws[k].end {
			return h
		}
		return k + 1
	}
	return k
}
