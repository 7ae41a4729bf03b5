// Package numbered owns the words after which a four-digit number names a
// thing rather than a year: a product's release ("Windows Server 2008",
// "Office 2016", "Visual Studio 2019") or an identifier ("port 2048",
// "Command 2048", "RSA 2048", "error code 2003"). The entity stage's DATE
// and the timex stage's year both ask it, so the two layers agree.
package numbered

// releases name products whose releases are numbered by year; they count
// only capitalised ("Windows 2000", not "windows 2000 people opened").
var releases = map[string]bool{
	"windows": true, "server": true, "office": true, "exchange": true, "studio": true, "sharepoint": true,
	"outlook": true, "excel": true, "word": true, "powerpoint": true,
}

// identifiers take a number as a name in any case ("port 2048", "Event ID",
// "resolution 1973", "Flight 1549").
var identifiers = map[string]bool{
	"port": true, "ports": true, "command": true, "subcommand": true, "sub-command": true, "opcode": true,
	"cmd": true, "code": true, "error": true, "event": true, "id": true, "build": true, "version": true,
	"ver": true, "rsa": true, "dsa": true, "key": true, "mode": true, "pid": true, "tcp": true, "udp": true,
	// "resolution 1973 (2011)": the Security Council's resolutions are
	// numbered, and the year they were adopted follows in parentheses.
	"resolution": true, "resolutions": true, "flight": true,
}

// After reports whether a number written right after the word whose lower
// case is lower (capitalised or not) names a release or an identifier.
func After(lower string, capitalised bool) bool {
	return identifiers[lower] || capitalised && releases[lower]
}
