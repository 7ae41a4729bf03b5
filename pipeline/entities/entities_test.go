package entities_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep/pipeline"
	"github.com/sitrep/sitrep/pipeline/internal/stagetest"
)

func ents(t *testing.T, text string, labels ...string) []string {
	t.Helper()
	d := stagetest.Upstream(t, "Title\n\n"+text)
	for _, err := range pipeline.Check(d) {
		t.Error(err)
	}
	keep := map[string]bool{}
	for _, l := range labels {
		keep[l] = true
	}
	var out []string
	for _, e := range d.Entities {
		if len(labels) > 0 && !keep[e.Label] {
			continue
		}
		v := e.Text + "/" + e.Label
		if e.Value != "" && e.Value != e.Text {
			v += "=" + e.Value
		}
		if e.Type != "" {
			v += "(" + e.Type + ")"
		}
		out = append(out, v)
	}
	return out
}

func TestIndicators(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string
	}{
		{"defanged URL, domain, IP, e-mail", "Beacons go to hxxp://bad-cdn[.]com/gate.php, evil(.)ru and 185.220.101[.]4; mail ops[at]evil[.]ru.",
			[]string{"hxxp://bad-cdn[.]com/gate.php/INDICATOR=http://bad-cdn.com/gate.php(url)", "evil(.)ru/INDICATOR=evil.ru(domain)",
				"185.220.101[.]4/INDICATOR=185.220.101.4(ipv4)", "ops[at]evil[.]ru/INDICATOR=ops@evil.ru(email)"}},
		{"hashes", "MD5 5d41402abc4b2a76b9719d11017b6828 and SHA256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.",
			[]string{"5d41402abc4b2a76b9719d11017b6828/INDICATOR(md5)", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08/INDICATOR(sha256)"}},
		{"CVE and ATT&CK ids", "They exploit CVE-2021-44228 and use T1059.001 and T1566.", []string{"CVE-2021-44228/VULNERABILITY", "T1059.001/TECHNIQUE", "T1566/TECHNIQUE"}},
		{"outside threat reporting, an id ATT&CK does not list is no technique", "Forces cut the T1302 highway; the actor used T1059.", []string{"T1059/TECHNIQUE"}},
		{"in threat reporting, it is a retired one", "The ransomware used T1043 and T1059.", []string{"T1043/TECHNIQUE", "T1059/TECHNIQUE"}},
		{"a sub-technique's bare name is a generic noun, a technique only beside its ATT&CK id", "The Derusbi ransomware loader is a small DLL that connects to IP addresses. | T1555 | Credentials From Web Browsers |\n| T1574.001 | DLL |",
			[]string{"T1555/TECHNIQUE", "Credentials From Web Browsers/TECHNIQUE", "T1574.001/TECHNIQUE", "DLL/TECHNIQUE"}},
		{"file names are not domains", "It drops update.exe, loader.dll, invoice.pdf and run.ps1.", nil},
		{"version numbers are not IPs", "Built with version 10.0.19041.1 and v1.2.3.4 of the SDK.", nil},
		{"one IP, one entity", "Traffic to http://203.0.113.7/a and 203.0.113.7 again.",
			[]string{"http://203.0.113.7/a/INDICATOR(url)", "203.0.113.7/INDICATOR(ipv4)"}},
		{"IPv6", "Seen at 2001:db8::1 and 12:30:45.", []string{"2001:db8::1/INDICATOR(ipv6)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ents(t, tt.give, "INDICATOR", "VULNERABILITY", "TECHNIQUE")); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.give, diff)
			}
		})
	}
}

// entityCase is a text and the entities of some labels it must give.
type entityCase struct {
	name string
	give string
	want []string
}

// runEntityCases checks each case's entities of the given labels.
func runEntityCases(t *testing.T, tests []entityCase, labels ...string) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ents(t, tt.give, labels...)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.give, diff)
			}
		})
	}
}

func TestGazetteerAndGuards(t *testing.T) {
	tests := []entityCase{
		{"a vendor's product is no group or person", "The DreamBus botnet deployed modules that target Apache Fink and Hadoop servers.",
			[]string{"DreamBus/MALWARE"}},
		{"in threat reporting an ATT&CK malware is no organisation", "From March to early July, NanoCore was distributed primarily through phishing emails with malicious ISO attachments. In mid-July, the actor pivoted from distributing NanoCore to AsyncRAT, another commodity RAT. Like NanoCore, AsyncRAT malware beacons to its C2 and drops a payload.",
			[]string{"NanoCore/MALWARE", "NanoCore/MALWARE", "AsyncRAT/MALWARE", "NanoCore/MALWARE", "AsyncRAT/MALWARE"}},
		{"a name the lists write in lower case is a title's word between capitalised words",
			"According to the analysis, this malware file was originally named ‘Israel Homeland Defense Directory 2015 Secured.exe’ and, once executed, the decoy document was presented. The phishing payload drops the Homeland ransomware.",
			[]string{"Israel/GPE", "Homeland/MALWARE"}},
		{"English is a people and a language; a file's name names nothing", "The note, translated into English, came as Syria_English.docx, English.rtf and LANG_RUSSIAN resources from English hackers.",
			[]string{"English/NORP", "English/NORP"}},
		{"a malware class alone names no family; an operating system and a word an ampersand is inside name no one",
			"A Look At the Recent Tinba Trojan Variant. The Tinba malware talks to its C&Cs from infected Mac OS X machines. A look at Locky ransomware.",
			[]string{"Tinba/MALWARE", "Tinba/MALWARE", "Locky/MALWARE"}},
		{"the model's person is the threat the document names with the same word elsewhere",
			"The group deployed Bunny malware. Bunny uses a simple XOR hash. Bunny then loads the payload.",
			[]string{"Bunny/MALWARE", "Bunny/MALWARE", "Bunny/MALWARE"}},
		{"a group's alias the lists write after \"the\" needs it; a place's does not",
			"The Declaration on the Promotion among Youth of the Ideals of Peace was adopted. The Youth claimed the attack. Hague officials agreed.",
			[]string{"Youth/GROUP", "Hague/GPE"}},
		{"armed groups and places", "ISKP attacked the Taliban and the Haqqani Network in Kabul.",
			[]string{"ISKP/GROUP", "Taliban/GROUP", "Haqqani Network/GROUP", "Kabul/GPE"}},
		{"possessive name inside the span", "The Islamic State’s Khurasan Province claimed it.", []string{"Islamic State’s Khurasan Province/GROUP"}},
		{"hyphenated compounds split", "ISKP-Taliban rivalry and Russian-occupied Kherson.", []string{"ISKP/GROUP", "Taliban/GROUP", "Russian/NORP", "Kherson/GPE"}},
		{"a listed malware named by an English word in lower case needs a threat noun", "The Locky ransomware payload drops files when the user tries to play a video; the Play ransomware gang and the play ransomware differ.",
			[]string{"Locky/MALWARE", "Play ransomware/MALWARE", "play/MALWARE"}},
		{"a product after MS is no person", "The Derusbi malware collects files:\n*.pst - MS Outlook database files\n*.doc – MS Word documents\n*.xls – MS Excel spreadsheets",
			[]string{"Derusbi/MALWARE"}},
		{"a detection name's generic word is no tool", "Kaspersky products detect the malware from the Cloud Atlas toolset with the following verdicts:\nTrojan-Spy.Win32.Agent.ctda\nTrojan-Spy.Win32.Agent.cteq\nTrojan-Spy.Win32.Agent.ctgm\nTrojan.Win32.Agent.idso",
			[]string{"Cloud Atlas/GROUP"}},
		{"RSA is a vendor or a cipher and MITM a technique, no country or organisation in threat reporting", "RSA Emerging Threat Profile: Shell_Crew\n\nThe Derusbi malware injects an RSA-encrypted payload. A reasonable assumption is that the MITM is carried out on the network, so the MITM attack is conducted from within China.",
			[]string{"Derusbi/MALWARE", "China/GPE"}},
		{"a variable of quoted code is no malware or tool", "The Derusbi server variant routes each packet. The payload of each PCC_CMD destined packet contains the following header:\nstruct PCCCMDPacketHeader\n{\nDWORD dwPacketSize;\nDWORD field_4; // purpose unknown\nDWORD dwCommandType;\nDWORD dwLastError;\n};",
			[]string{"Derusbi/MALWARE"}},
		{"common words are not names", "Analysts will meet at noon; the base will reopen; AI is everywhere; reading is fun.", nil},
		{"acronyms need their case", "The Taliban ai and iskp are not matched.", []string{"Taliban/GROUP"}},
		{"outside threat reporting a lower-case word is no sector", "Russian milbloggers claimed that Ukrainian military officials and air defense forces lied.",
			[]string{"Russian/NORP", "Ukrainian/NORP"}},
		{"a demonym that is also a country's alias is the nationality", "Thai and Togolese officials met in Thailand and Djibouti.",
			[]string{"Thai/NORP", "Togolese/NORP", "Thailand/GPE", "Djibouti/GPE"}},
		{"a town in capitals inside a sentence is an acronym; a dateline is the town", "LONDON/BOSTON (Reuters) - Installing Microsoft's Experience Mitigation Toolkit (EMET) stops it.",
			[]string{"LONDON/GPE", "BOSTON/GPE"}},
		{"cyber threat names", "TA505 delivered FlawedGrace and Cobalt Strike; Mimikatz and PsExec followed.",
			[]string{"TA505/GROUP", "FlawedGrace/MALWARE", "Cobalt Strike/MALWARE", "Mimikatz/TOOL", "PsExec/TOOL"}},
		{"outside threat reporting, a listed malware name needs a threat noun", "The Saturn rocket flew as H1N1 spread and Taurus missiles struck.", nil},
		{"one distinctive threat name makes a text threat reporting", "TA505 used Saturn.", []string{"TA505/GROUP", "Saturn/MALWARE"}},
		{"sectors need a sector noun", "It hit the finance and healthcare sectors. The west bank of the river held.",
			[]string{"finance/SECTOR", "healthcare sectors/SECTOR"}},
		{"religious and ethnic groups", "Shia and Sunni Muslims; Salafists and Afghans.", []string{"Shia/NORP", "Sunni Muslims/NORP", "Salafists/NORP", "Afghans/NORP"}},
		{"rivers and regions", "Forces crossed the Dnipro River into Central Asia.", []string{"Dnipro River/LOC", "Central Asia/LOC"}},
		{"headline capitals are not names", "Reading the Signals of Insurgent Escalation", nil},
		{"threat aliases that are words, platforms or products", "Attackers sold access, including: One actor in January. They disabled Windows Defender on Android phones. The Trojan spread.", nil},
		{"places named like words or letters", "To attack, No one went. Plan D failed. They met in Kabul.", []string{"Kabul/GPE"}},
		{"sector names take their head noun", "It targeted financial services and the energy sector.", []string{"financial services/SECTOR", "energy sector/SECTOR"}},
		{"outside threat reporting a capitalised sector inside a sentence is part of a name", "Apple Corps argued that the iTunes Music Store was a breach of the 1991 settlement. Russian Naval Infantry and Chechen forces are participating in the fighting.",
			[]string{"Chechen/NORP"}},
		{"no names inside paths, URLs or hyphenated names", `It set HKLM\Software\Policies\SpyNet and fetched https://example.org/blog/Emotet/x.png from FINK-TELECOM-SERVICES; Donetsk/Luhansk held.`,
			[]string{"Donetsk/GPE", "Luhansk/GPE"}},
		{"a sector word modifying a noun names no sector", "A supply chain attack hit supply chains in the telecommunications industry.",
			[]string{"supply chains/SECTOR", "telecommunications/SECTOR"}},
		{"no names inside encoded data", "The image was data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg+Lazarus+Emotet/Kabul== here, and [TA505](https://example.org/ta505) was cited.",
			[]string{"TA505/GROUP"}},
		{"no names inside a citation", "Vladimir Putin spoke with Nikol Pashinyan.[1]\n\n[1] https://www.primeminister.am/en/press-release/item/2022/09/13/Nikol-Pashinyan-Vladimir-Putin-Telephone-Conversation/",
			[]string{"Vladimir Putin/PERSON", "Nikol Pashinyan/PERSON"}},
		{"unlisted names typed by a malware class noun", "Researchers saw the Vexorbot malware and the MineBridge RAT. The malware, ATM malware, a Rebol loader and FK_Undead rootkit are not names.",
			[]string{"Vexorbot/MALWARE", "MineBridge RAT/MALWARE"}},
		{"a remote access trojan's name carries its class; a month is no tool", "The actor moved from InnfiRAT to Gh0stRAT and X6RAT; a DEMOCRAT and FK_UndeadRAT are not names.\n\n4. “August visit of the delegation”\nThe most recent email was sent on July 20.",
			[]string{"InnfiRAT/MALWARE", "Gh0stRAT/MALWARE", "X6RAT/MALWARE"}},
		{"sectors of the project's own list", "Attacks on supply chains and the logistics industry hit telecommunications firms.",
			[]string{"supply chains/SECTOR", "logistics/SECTOR", "telecommunications/SECTOR"}},
		{"a listed tool's executable is the tool", "The ransomware operators ran ipconfig.exe and psexec.exe, not C:\\Windows\\ping.exe or whoami.exe.",
			[]string{"ipconfig.exe/TOOL", "psexec.exe/TOOL"}},
		{"a sector noun ends a list of capitalised sectors", "Proofpoint observed nearly 150 customers globally, with a focus on Shipping and Logistics, Manufacturing, Industry, and Energy sectors.",
			[]string{"Shipping/SECTOR", "Logistics/SECTOR", "Manufacturing/SECTOR", "Energy sectors/SECTOR"}},
		{"a sector noun introduces a list of sectors", "It targets sectors such as defense, energy, telecommunications and shipping, and entities including the Department of Health.",
			[]string{"defense/SECTOR", "energy/SECTOR", "telecommunications/SECTOR", "shipping/SECTOR"}},
		{"a kunya and the names after it are a person, unless listed or after a place preposition; a group's alias that goes on with a nisba is no listed whole",
			"Iraqi forces killed Abu Haidar near Mosul. Umm Sayyaf was held. Abu Haidar met them. Forces reached Abu Kamal and Abu Dhabi; aid came in Abu Shok refugee camp. Abu Jandal was involved in the use of suicide vehicles.",
			[]string{"Iraqi/NORP", "Abu Haidar/PERSON", "Mosul/GPE", "Umm Sayyaf/PERSON", "Abu Haidar/PERSON", "Abu Kamal/GPE", "Abu Dhabi/GPE", "Abu Shok/GPE", "Abu Jandal/PERSON"}},
		{"a model name holding a word never seen inside one is two names", "Putin said so. Erdogan met Abadi in Ankara.",
			[]string{"Putin/PERSON", "Erdogan/PERSON", "Abadi/PERSON", "Ankara/GPE"}},
		{"a model span around two leaders is a coordination", "Erdogan and Netanyahu spoke.",
			[]string{"Erdogan/PERSON", "Netanyahu/PERSON"}},
		{"given names the census lacks (models/gen): a town of that name before a surname is the person", "Head of the MVD Vladimir Kolokoltsev stated it. Indonesian President Susilo Bambang Yudhoyono spoke.",
			[]string{"Vladimir Kolokoltsev/PERSON", "Indonesian/NORP", "Susilo Bambang Yudhoyono/PERSON"}},
		{"a soft sign is no possessive; the model's organisation is the city the document names more often", "Russian forces shelled Mariupol. Mariupol residents fled Mariupol on Monday. Aircraft destroyed Mariupol’s Drama Theater.",
			[]string{"Russian/NORP", "Mariupol/GPE", "Mariupol/GPE", "Mariupol/GPE", "Mariupol/GPE"}},
		{"a vendor's name is no GeoNames alias of a town", "The malware fetched a file from Google Docs.",
			nil},
		{"two capital letters are nobody's name", "Senate - percent of vote by party - NA; seats by party - NA.",
			nil},
		{"a timestamp's weekday is no person or place", "Compile time Mon Jun 18 16:28:11 2012 and Tue Jun 19 12:41:21 2007 UTC.",
			nil},
		{"a plain word's plural opening a sentence is nobody", "Airlines choose the seating layout. Medicines worth KSh17.3 million arrived.",
			nil},
		{"the model's one-word organisation is a place the document names more often", "Russian forces struck Kharkiv. Residents left Kharkiv on Monday. Russian-backed Kharkiv occupation government head Vitaly Ganchev spoke.",
			[]string{"Russian/NORP", "Kharkiv/GPE", "Kharkiv/GPE", "Russian/NORP", "Kharkiv/GPE", "Vitaly Ganchev/PERSON"}},
		{"the model's person ending in an acronym, its sector of an uncommon word", "A Russian Combat Reserve BARS-13 affiliated Telegram channel claimed that BARS-13 units repelled an attempted advance. Authorities brought cases against two Bashkiria residents. King Leopold III ruled.",
			[]string{"Russian/NORP", "Leopold III/PERSON"}},
		{"a common word no list knows is no place", "Both sides must respect the Cessation of Hostilities in Syria.",
			[]string{"Syria/GPE"}},
		{"islands alone name no place; after a name they end one", "The Faroe Islands, the Kuril Islands and the Islands were named.",
			[]string{"Faroe Islands/GPE", "Kuril Islands/LOC"}},
		{"languages, platforms and server software are no threats", "The DreamBus malware uses a C2 server. There are two primary versions of the DreamBus Redis module. The DreamBus Hadoop YARN module first checks the host. SaltStack is a Python-based open source IT automation framework.",
			[]string{"DreamBus/MALWARE"}},
		{"a piece of a word a PDF's lost ligature cut names nothing", "The backdoor uses a C2 server. The attackers deployed speci\uFFFDc modules and the DLL \uFFFDle was obfuscated by the malware. Network traf\uFFFDc interception.",
			nil},
		{"a form of address is no name", "Thanks to the reform process instituted by His Majesty, the country changed. Her late Majesty transcended differences.",
			nil},
		{"a listed place after Great is part of a longer name", "With regard to the Great Lakes region, we welcome it. Great Britain agreed.",
			[]string{"Great Britain/GPE"}},
		{"a disease is no person, place or malware", "Marburg virus and the H1N1 strain spread in Uganda. Ebola killed 11,000 people in West Africa. Officials in Marburg met.",
			[]string{"Uganda/GPE", "West Africa/LOC", "Marburg/GPE"}},
		{"a leader's surname alone is no one in a noun phrase an article opens", "The plan was initiated by the Kings of Saudi Arabia and Morocco. In 2017, the Trump administration began.",
			[]string{"Saudi Arabia/GPE", "Morocco/GPE", "Trump/PERSON"}},
		{"peoples no country list names are nationalities", "A Tibetan organization, Salvadorians and the Phoenicians of Kampuchean lore.",
			[]string{"Tibetan/NORP", "Salvadorians/NORP", "Phoenicians/NORP", "Kampuchean/NORP"}},
		{"a saint's name goes on after San; a river is no person", "Coming upon the encampment on the banks of San Jacinto River on April 21, they waited.",
			[]string{"San Jacinto River/LOC"}},
	}
	runEntityCases(t, tests, "GROUP", "GPE", "LOC", "NORP", "MALWARE", "TOOL", "SECTOR", "PERSON")
}

func TestLinking(t *testing.T) {
	d := stagetest.Upstream(t, "Title\n\nISKP struck Kabul. Later ISKP struck again.")
	var got []string
	for _, e := range d.Entities {
		got = append(got, fmt.Sprintf("%s|%s|%s|%s", e.Text, e.ID, e.Name, e.Source))
	}
	want := []string{"ISKP|ca-listed:37|Islamic State Khorasan Province|gazetteer", "Kabul|geonames:1138958|Kabul|gazetteer",
		"ISKP|ca-listed:37|Islamic State Khorasan Province|gazetteer"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("linked entities (-want +got):\n%s", diff)
	}
	// A head of state or government by surname alone is that leader; in
	// a regime's name the rule leaves the word to the model, unlinked. One
	// leader listed for two countries (France's Macron, Andorra's co-prince)
	// is one leader; "Zelensky" is the Factbook's "Zelenskyy". "Trump" is a
	// census surname that the unlabeled corpora use for the leader.
	d = stagetest.Upstream(t, "Title\n\nPutin said so. Erdogan met Abadi in Ankara. Assad's regime fell. Macron and Zelensky spoke. He said Trump would win.")
	got = got[:0]
	for _, e := range d.Entities {
		if e.ID != "" && e.Label == pipeline.LabelPerson {
			got = append(got, e.Text+"|"+e.ID)
		}
	}
	want = []string{"Putin|factbook:leader:rs:vladimir-vladimirovich-putin", "Erdogan|factbook:leader:tu:recep-tayyip-erdogan",
		"Abadi|factbook:leader:iz:haydar-al-abadi", "Macron|factbook:leader:fr:emmanuel-macron", "Zelensky|factbook:leader:up:volodymyr-zelenskyy",
		"Trump|factbook:leader:us:donald-j-trump"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("leaders by surname (-want +got):\n%s", diff)
	}
}

func TestAliasesAndPersons(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string
	}{
		{"titles are not part of the name; surnames link back", "Rahmani was killed. Mawlawi Hamdullah Rahmani led the unit. General Valery Gerasimov spoke.",
			[]string{"Rahmani/PERSON", "Hamdullah Rahmani/PERSON", "Valery Gerasimov/PERSON"}},
		{"a document that writes surnames in capitals: the names, with an initial, a nickname or a hyphened part; no acronym after a people",
			"President Denis SASSOU-Nguesso (since 25 October 1997); Ambassador Barbara A. LEAF (since 30 December 2014); Ambassador Robert F. GODEC; Pascal Tsaty MABIALA\n\nArmenian Revolutionary Federation [Hakob TER-KHACHATURYAN]; Patriota [Ovasco RESENDE]; Adlah \"Foncie\" DONASTORG; Syrian SDF forces and Russian MOD officials met.\n\nLabor Party of Brazil or PTdoB [Luis Henrique de Oliveira RESENDE]; Charge d'Affaires James \"Jimmy\" STORY (since July 2018)",
			[]string{"Denis SASSOU-Nguesso/PERSON", "Barbara A. LEAF/PERSON", "Robert F. GODEC/PERSON", "Pascal Tsaty MABIALA/PERSON", "Hakob TER-KHACHATURYAN/PERSON", "Ovasco RESENDE/PERSON", "Adlah \"Foncie\" DONASTORG/PERSON",
				"Luis Henrique de Oliveira RESENDE/PERSON", "James \"Jimmy\" STORY/PERSON"}},
		{"OFAC's weak and short aliases name no sanctioned person; a kunya's nisba with a capital article; a town named like a given name before a person's name",
			"After Zarqawi's death, Ghadiya took orders from his successor, Abu Ayyub Al-Masri, either directly or through a deputy. Results: Said Abdullahi Deni 21%, Hassan Ali Khayre 19.2%. Pan-Malaysian Islamic Party or PAS [Abdul Hadi Awang]",
			[]string{"Zarqawi/PERSON", "Ghadiya/PERSON", "Abu Ayyub Al-Masri/PERSON", "Hassan Ali Khayre/PERSON", "Abdul Hadi Awang/PERSON"}},
		{"a piece of a list's alias split inside parentheses names no group", "A Persian ruler subject to the Ghaznavids, Muhammad declared his independence. King Salman elevated MUHAMMAD BIN SALMAN to Crown Prince.",
			[]string{"Muhammad/PERSON", "Salman/PERSON", "MUHAMMAD BIN SALMAN/PERSON"}},
		{"a headline's verb ends a person's name, a name word that is one too does not",
			"Courts decide cases.\n\nNeil Gorsuch Is an Originalist: What's That?\n\nJohn Roberts Was Right About That\n\nIn the second round Mohamed Said Fazul won 32.7% of the vote.",
			[]string{"Neil Gorsuch/PERSON", "John Roberts/PERSON", "Mohamed Said Fazul/PERSON"}},
		{"an occupation opening a sentence is no part of the name; a given name is", "Economist John Smith said the rate would rise. Milblogger Igor Girkin claimed gains. Psychologist Sigmund Freud wrote books. Rose Mary Smith came.",
			[]string{"John Smith/PERSON", "Igor Girkin/PERSON", "Sigmund Freud/PERSON", "Rose Mary Smith/PERSON"}},
		{"a party's leader in square brackets, whatever the first name; a particle inside the name",
			"Ecological Party of Uzbekistan [Boriy ALIKHANOV]\n\nLiberal Democratic Party of Uzbekistan or LDPU [Aktam HAITOV]\n\nDemocratic Progressive Party or DPP [Mohamad Hamim Bin ALIYA]",
			[]string{"Boriy ALIKHANOV/PERSON", "Aktam HAITOV/PERSON", "Mohamad Hamim Bin ALIYA/PERSON"}},
		{"a sentence's first function word is no part of a leader's name", "Putin spoke. But Putin is also adding punishments. And Zelensky said so.",
			[]string{"Putin/PERSON", "Putin/PERSON", "Zelensky/PERSON"}},
		{"a plural title stays out of a list of office holders; a listed town after bint is a father's name",
			"Prime Minister Anatole Collinet Makosso (since 12 May 2021); Deputy Prime Ministers Jose Makila, Leonard She Okitundu, Henri Mova Sankanyi (since February 2018); Deputy Premiers Arkadiy Vladimirovich Dvorkovich (since 21 May 2012), Olga Yuryevna Golodets (since 21 May 2012)\n\nAmbassador Princess Reema bint Bandar Al Saud (since 8 July 2019)",
			[]string{"Anatole Collinet Makosso/PERSON", "Jose Makila/PERSON", "Leonard She Okitundu/PERSON", "Henri Mova Sankanyi/PERSON",
				"Arkadiy Vladimirovich Dvorkovich/PERSON", "Olga Yuryevna Golodets/PERSON", "Reema bint Bandar Al Saud/PERSON"}},
		{"an acronym defined in parentheses", "The Southern Defense Cell of the Taliban (SDCT) moved; SDCT later left.", nil},
		{"a title before an organisation is not a person", "The General Staff reported losses.", nil},
		{"a modifier alone is no title", "A Foreign Office spokesman said: The Foreign Secretary met Russian Foreign Minister Sergey Lavrov.",
			[]string{"Sergey Lavrov/PERSON"}},
		{"a title alone names nobody", "The Foreign, Home and Defence Secretaries also attended.", nil},
		{"ranks, nicknames, initials; title words are no names", `Brig. Gen. Richard "Tex" Coe will speak. Secretary Kerry and Defense Secretary Ash Carter met Navy Senior Chief Petty Officer Scott C. Dayton.`,
			[]string{`Richard "Tex" Coe/PERSON`, "Kerry/PERSON", "Ash Carter/PERSON", "Scott C. Dayton/PERSON"}},
		{"regnal numbers end a name", "Pope John Paul II visited Petty Officer Charles H. Keating IV and King Charles VI.",
			[]string{"John Paul II/PERSON", "Charles H. Keating IV/PERSON", "Charles VI/PERSON"}},
		{"a hyphenated given name's lower-case syllable is part of it", "Secretary-General Ban Ki-moon met North Korean leader Kim Jong-un's envoy.",
			[]string{"Ban Ki-moon/PERSON", "Kim Jong-un/PERSON"}},
		{"a company named General is no person", "General Electric and General Dynamics won contracts, General Gerasimov said. We at General Dynamics Fidelis Cybersecurity Solutions looked.",
			[]string{"Gerasimov/PERSON"}},
		{"a lone word the training data writes in lower case is no person", "SADC member States agreed. All action by States or individuals must stop.", nil},
		{"hyphenated surnames; a weekday after a name", "Prime Minister Henry Campbell-Bannerman met Foreign Minister Jose Miguel Insulza Monday.",
			[]string{"Henry Campbell-Bannerman/PERSON", "Jose Miguel Insulza/PERSON"}},
		{"a town and a word is no person when the name goes on", "The film won at the Venice Film Festival. Yang Weizhong Deputy Director spoke.",
			[]string{"Yang Weizhong/PERSON"}},
		{"a name set off by commas after a role is the person's", "Ukrainian Luhansk Oblast Head, Serhiy Haidai, stated that partisans set fire to equipment. Haidai noted it. Wagner Group financier, Yevgeny Prigozhin, said so. The head, Kyiv Oblast, is large.",
			[]string{"Serhiy Haidai/PERSON", "Haidai/PERSON", "Yevgeny Prigozhin/PERSON"}},
		{"a person's noun and \"named\", or a hacker, introduce a person", "A person named Chen Xingpeng set up the sites using the postal code. The relationship of suspected hacker Chen Xingpeng with the army is unclear.",
			[]string{"Chen Xingpeng/PERSON", "Chen Xingpeng/PERSON"}},
		{"a name broken across a hard-wrapped line is one name", "From the start, Google openly asserted its view that the attack originated in China, and Hillary\nClinton, after being briefed by Google on these allegations, issued a statement that pointedly said so.",
			[]string{"Hillary\nClinton/PERSON"}},
		{"a chargé d'affaires is a title, however the apostrophe and accent are written", "Ambassador (vacant); Chargé d'Affaires Anis Hajri (since 1 August 2025). Charge d'Affaires David Brown (since 14 September 2019); the US Chargé d’Affaires Louis Mazel met officials.",
			[]string{"Anis Hajri/PERSON", "David Brown/PERSON", "Louis Mazel/PERSON"}},
		{"advisers, aides and spokespersons are titles", "Mariupol Mayor Advisor Petro Andryushchenko said so. Aide Ivan Petrov and Spokesperson Maria Zakharova agreed.",
			[]string{"Petro Andryushchenko/PERSON", "Ivan Petrov/PERSON", "Maria Zakharova/PERSON"}},
		{"a surname a title introduced names its person alone later", "Chief of the General Staff Gerasimov spoke. The talks with Gerasimov failed; Gerasimov left.",
			[]string{"Gerasimov/PERSON", "Gerasimov/PERSON", "Gerasimov/PERSON"}},
		{"a titled common word or given name names no one alone; a titled surname inside a longer name is not it", "Secretary Rice spoke. Rice prices rose. Queen Maria left; Maria Lopez stayed. President Yudhoyono spoke. Susilo Bambang Yudhoyono left.",
			[]string{"Rice/PERSON", "Maria/PERSON", "Maria Lopez/PERSON", "Yudhoyono/PERSON", "Susilo Bambang Yudhoyono/PERSON"}},
		{"a party in parentheses after a person is no acronym of theirs; initials are", "Prime Minister Joseph Muscat (PL) was appointed. PL won 39 seats. Recep Tayyip Erdogan (RTE) spoke; RTE left.",
			[]string{"Joseph Muscat/PERSON", "Recep Tayyip Erdogan/PERSON", "RTE/PERSON", "RTE/PERSON"}},
		{"a spaced dash ends a person's name", "Team 2: Bryan Hull - Analyst, Eduardo Tellechea - Associate.",
			[]string{"Bryan Hull/PERSON", "Eduardo Tellechea/PERSON"}},
		{"deputies, heads and mayors", "Chechen State Duma Deputy Adam Delimkhanov coordinated the attack. Melitopol Mayor Ivan Fedorov said so. Luhansk Oblast Head Serhiy Haidai agreed.",
			[]string{"Adam Delimkhanov/PERSON", "Ivan Fedorov/PERSON", "Serhiy Haidai/PERSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ents(t, tt.give, "PERSON")); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.give, diff)
			}
		})
	}
	// A listed organisation on the words of an institution the rules find
	// keeps its id; so does one around it.
	for _, tt := range []struct{ text, want string }{
		{"The North Atlantic Treaty Organization met.", "North Atlantic Treaty Organization|sitrep:org:north-atlantic-treaty-organization"},
		{"Monitors of the Organization for Security and Co-operation in Europe arrived.",
			"Organization for Security and Co-operation in Europe|sitrep:org:organization-for-security-and-co-operation-in-europe"},
	} {
		var got []string
		for _, e := range stagetest.Upstream(t, "Title\n\n"+tt.text).Entities {
			got = append(got, e.Text+"|"+e.ID)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
	// An acronym defined after a name, linked or found by the rules, is
	// the same entity wherever it recurs.
	for _, tt := range []struct{ text, want string }{
		{"The Haqqani Network (HN) expanded. HN fighters moved.",
			"Haqqani Network|GROUP|gazetteer|Haqqani Network HN|GROUP|alias|Haqqani Network HN|GROUP|alias|Haqqani Network"},
		{"Knox Thames will travel. Special Advisor Thames will speak.",
			"Knox Thames|PERSON|model| Thames|PERSON|alias|Knox Thames"},
		{"The Philippine Overseas Employment Administration (POEA) warned. POEA staff left.",
			"Philippine Overseas Employment Administration|ORG|rule| POEA|ORG|alias|Philippine Overseas Employment Administration POEA|ORG|alias|Philippine Overseas Employment Administration"},
	} {
		var got []string
		for _, e := range stagetest.Upstream(t, "Title\n\n"+tt.text).Entities {
			got = append(got, e.Text+"|"+e.Label+"|"+e.Source+"|"+e.Name)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

func TestOrganisationShapes(t *testing.T) {
	tests := []struct {
		name string
		give string
		want []string
	}{
		{"institutions by their head noun", "The Department of Health and the US Department of Commerce met the Federal Bureau of Prisons.",
			[]string{"Department of Health", "US Department of Commerce", "Federal Bureau of Prisons"}},
		{"hyphenated words inside a name", "The Association of South-East Asian Ports, the Non-Aligned Movement and the Zaporizhia Oblast Military-Civilian Administration met the Ministry of State Security-Affiliated Cyber Threat Actor Activity.",
			[]string{"Association of South-East Asian Ports", "Non-Aligned Movement", "Zaporizhia Oblast Military-Civilian Administration", "Ministry of State Security"}},
		{"two ofs, an and, no trailing acronym", "The Ministry of State Security of China and the Cybersecurity and Infrastructure Security Agency warned the Bureau of Customs CPRS team.",
			[]string{"Ministry of State Security of China", "Cybersecurity and Infrastructure Security Agency", "Bureau of Customs"}},
		{"a product is no office", "Attachments were Microsoft Office files.", nil},
		{"a role after \"and\" ends the tail", "The Socialist Unity Party of Germany and Chairman of the Council spoke; the Ministry of Home Affairs Official wrote.",
			[]string{"Socialist Unity Party of Germany", "Ministry of Home Affairs"}},
		{"a publication named before what it says, or after its kind", "Zycie Warszawy daily said so; Liberte newspaper reported it; German magazine Die Welt cited it. The weekly Sunday meeting was held.",
			[]string{"Zycie Warszawy", "Liberte", "Die Welt"}},
		{"a service's commission", "The Judicial Service Commission and the Civil Service Commission met the Federal Security Service Director.",
			[]string{"Judicial Service Commission", "Civil Service Commission"}},
		{"union, coalition, front, league, voice govern a name with what follows of or for",
			"The Coalition for Change, the Union of Concerned Scientists, the Front for the Liberation of Mozambique and the Voice of Tibet and Radio Free Afghanistan spoke. The Congress of People's Deputies, the Union of Soviet Socialist Republics, the Islamic Army of Iraq, the 20th Combined Arms Army of the Western Military District, a coalition of groups and BAILEY IN FRONT OF FORMER CHAMPIONS did not.",
			[]string{"Coalition for Change", "Union of Concerned Scientists", "Front for the Liberation of Mozambique", "Voice of Tibet", "Radio Free Afghanistan", "20th Combined Arms Army", "Western Military District"}},
		{"a common word opening a sentence opens an institution's name where it opens a listed name", "New York University professor Adam Przeworski agreed. New Mexico State University won. Public Health England replied.",
			[]string{"New York University", "New Mexico State University"}},
		{"an office-holder's office", "The Kharkiv Oblast Prosecutor’s Office opened a case. Ukrainian President’s Office Head Andriy Yermak spoke. The Russian Prosecutor General's Office agreed. Apple’s Office apps and Microsoft’s Office suite sold.",
			[]string{"Kharkiv Oblast Prosecutor’s Office", "Ukrainian President’s Office", "Russian Prosecutor General's Office"}},
		{"a committee's subject after \"on\", \"the\" after the first \"of\" or \"for\"; a place or a day after \"on\", a name after \"of the\" and a holder end the body",
			"The Committee on the Peaceful Uses of Outer Space and the Office for the Coordination of Humanitarian Affairs met the Council on Foreign Relations. The Security Council on Syria met the Commission on Tuesday. The Ministry for the Environment, the Ministry of the Interior, the Office of the Prosecutor General, the Ministry of Health of the People's Republic of China and the Regional Intervention Center of the Rhône-Alpes spoke. The Belarusian Ministry of Defense Leonid Kasinsky stated so.",
			[]string{"Committee on the Peaceful Uses of Outer Space", "Office for the Coordination of Humanitarian Affairs", "Council on Foreign Relations",
				"Security Council", "Ministry for the Environment", "Ministry of the Interior", "Office of the Prosecutor General", "Ministry of Health", "Regional Intervention Center", "Belarusian Ministry of Defense"}},
		{"a head noun inside the subject, not after \"and\" opening a second body of the name's kind, after an acronym, or the name's own head",
			"The Presidential Council for Civil Society and Human Rights met the Ministry of Internal Administration. Court of Appeal and Supreme Court judges and the Maritime Administration of the US Department of Transportation agreed; the Privy Council for Legislative Council review. The Council of the EU decides.",
			[]string{"Presidential Council for Civil Society and Human Rights", "Ministry of Internal Administration", "Court of Appeal", "Supreme Court", "Maritime Administration", "US Department of Transportation", "Privy Council", "Legislative Council", "Council of the EU"}},
		{"a head after another head or before \"of\" and no place opens another body", "regards, Sheridan Titman Department of Finance College of Business Administration University of Texas Austin, Texas 78712",
			[]string{"Sheridan Titman Department of Finance", "College of Business Administration", "University of Texas Austin"}},
		{"a body's name in its own language after \"or\" is the body, not a person", "Supreme Court or Cour Suprême (subdivided into 7 chambers); Constitutional Council (consists of 9 members)\n\nbicameral Supreme Assembly or Oliy Majlis consists of: Senate (100 seats)",
			[]string{"Supreme Court", "Cour Suprême", "Constitutional Council", "Supreme Assembly", "Oliy Majlis"}},
		{"an acronym after the name takes back the words it stands for", "Free Democratic Movement or FDM [Marc A. R. BEAN]\n\nProgressive Labor Party or PLP [E. David BURT]\n\nThe European Medical Corps (EMC) was set up.",
			[]string{"Free Democratic Movement", "Progressive Labor Party", "European Medical Corps", "EMC"}},
		{"a dotted country abbreviation and \"for\" inside the name", "The U.S. Treasury Department, the U.S. Agency for International Development, the Centers for Disease Control and Prevention and the Office for Civil Rights voted for Ukraine.",
			[]string{"U.S. Treasury Department", "U.S. Agency for International Development", "Centers for Disease Control and Prevention", "Office for Civil Rights"}},
		{"an apposition names a company everywhere", "On July 2, Kaseya, an IT management software firm, disclosed an attack. Kaseya said customers were hit.",
			[]string{"Kaseya", "Kaseya"}},
		{"an apposition without an organisation noun", "Later, Smith, a well-known figure, spoke.", nil},
		{"a spokesman, a possessive's executives and shares show a company", "An Aeroflot spokesman said so. Later, Aeroflot cut flights. Boatmen's shareholders met; shares of Petofi fell. Procter & Gamble spokeswoman Jane Doe and Putin's shares and a Ukrainian spokesman spoke. Ford Motor Company and Ford's stock.",
			[]string{"Aeroflot", "Aeroflot", "Boatmen", "Petofi", "Procter & Gamble", "Ford Motor Company", "Ford"}},
		{"a kind noun right before a name makes it an organisation, not a river bank, a person or a listed threat", "UK spy agency GCHQ certified it, said the daily Sueddeutsche Zeitung. Russian Telegram channel Rybar and the propaganda outlet RT Margarita Simonyan runs claimed gains in right-bank Kherson Oblast. The manufacturer Georg Reichenbach bought it. A drone operator Ivan was killed. Each company Emotet infects pays.",
			[]string{"GCHQ", "Sueddeutsche Zeitung", "Rybar"}},
		{"the examples of a kind of organisation are organisations", "Leaders of companies such as Spotify, Tesla, Uber and Snapchat met. Uber left. Firms like Harley-Davidson and General Electric and countries such as Kenya and Peru stayed.",
			[]string{"Spotify", "Tesla", "Uber", "Snapchat", "Uber", "Harley-Davidson", "General Electric"}},
		{"a country in apposition is described, not named an organisation", "Venezuela, a founder of the Organization of Petroleum Exporting Countries, spoke. Venezuela has oil.", nil},
		{"an apposition after a longer name names no word of it alone", "We need an effective United Nations, a richly diverse organization. Professor Hugh Pennington, a bacteriologist at Aberdeen University, spoke.",
			[]string{"Aberdeen University"}},
		{"a threat dubbed by a vendor is that threat everywhere", "It ran a loader, dubbed by Proofpoint as MirrorBlast. MirrorBlast then fetched a downloader named Zorbex.",
			[]string{"MirrorBlast/MALWARE", "MirrorBlast/MALWARE", "Zorbex/MALWARE"}},
		{"a naming verb without a threat noun", "The town, named Elmwood, grew.", nil},
		{"in threat reporting a malware's command is no military command", "The Bandook malware sends a Get Processes Command and a Kill Process Command over the command and control channel (T1041, Exfiltration Over Command and Control Channel); US Cyber Command warned.",
			[]string{"Cyber Command"}},
		{"registered company names with Co., Ltd.", "Domains of Beijing Sages Education Consultant Co.,Ltd and Haining shengdun Network Information Technology Co., Ltd. paid Xinyan Tech Co. Limited, not the Co. itself.",
			[]string{"Beijing Sages Education Consultant Co.,Ltd", "Haining shengdun Network Information Technology Co., Ltd.", "Xinyan Tech Co. Limited"}},
		{"a designator needs a name before it", "It was paid by the Co., Ltd. of the group, and by co. ltd.", nil},
		{"a company ends at its designator, with its full stop", "Lynn Reaser of Barnett Banks Inc. said Kia Motor Corp of South Korea and Black and Decker Corp. fell.",
			[]string{"Barnett Banks Inc.", "Kia Motor Corp", "Black and Decker Corp."}},
		{"a foreign or British designator ends a company, written as registered; a state's code after a place and a common word in capitals are none",
			"Siemens AG, Pirelli SpA and European Aeronautic Defence & Space NV paid Telefonica S.A., Fiat S.p.A. and Barclays PLC. Nokia Oyj met Las Vegas NV officials and a managed IT AG host. Spa visits fell. Admiral N.V. Smith left.",
			[]string{"Siemens AG", "Pirelli SpA", "European Aeronautic Defence & Space NV", "Telefonica S.A.", "Fiat S.p.A.", "Barclays PLC", "Nokia Oyj"}},
		{"a name no layer marked in a list of organisations is one, not a platform", "Operatives used Facebook, Twitter, and Instagram. The kit checks Facebook, Twitter, and Java.",
			[]string{"Instagram"}},
		{"a company's name without its designator is the company", "Johnson Controls Inc said so. Johnson Controls shares rose. Pirelli SpA agreed; Pirelli said so. Michigan Corp. fell in Michigan.",
			[]string{"Johnson Controls Inc", "Johnson Controls", "Pirelli SpA", "Pirelli", "Michigan Corp."}},
		{"a nationality's government in threat reporting, not a country's", "The ransomware and malware campaign hit the UK government, Chinese government networks and the Iranian governments.",
			[]string{"Chinese government", "Iranian governments"}},
		{"a sector on the word gives way", "Phishing malware with a backdoor payload hit Turkish government entities.", []string{"Turkish government"}},
		{"outside threat reporting the nationality stands alone", "The Russian government said on Tuesday that the army advanced.", nil},
		{"churches", "The Russian Orthodox Church, the Church of England and the Catholic Church met; the church bells rang at Church Street.",
			[]string{"Russian Orthodox Church", "Church of England", "Catholic Church"}},
		{"two companies, and one begun before \"of\"", "KeyCorp and Banc One Corp. merged. Shares of Bank of America Corp. fell. Evil Corp deploys Dridex malware.",
			[]string{"Banc One Corp."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range stagetest.Upstream(t, "Title\n\n"+tt.give).Entities {
				if e.Source != "rule" && e.Source != "alias" {
					continue
				}
				switch e.Label {
				case "ORG":
					got = append(got, e.Text)
				case "MALWARE", "GROUP", "TOOL":
					got = append(got, e.Text+"/"+e.Label)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.give, diff)
			}
		})
	}
}

func TestDates(t *testing.T) {
	give := "On November 2, 2021 and March 12 they met; in the past six months, the past 24 hours, the same day, " +
		"a few weeks ago, this year and in September. May we? Version 2.2021.3 and 2019. In January of 2020, on the " +
		"27th of February of 2020 and\n**Sept. 6, 2019:** police came."
	// Values come from the timex stage; with no report date, "this year" has
	// none and a year-less date keeps its year unknown.
	want := []string{"November 2, 2021/DATE=2021-11-02", "March 12/DATE=XXXX-03-12", "the past six months/DATE=P6M",
		"the past 24 hours/DATE=PT24H", "the same day/DATE=2021-11-02", "a few weeks ago/DATE=PAST_REF", "this year/DATE",
		"September/DATE=XXXX-09", "2019/DATE", "January of 2020/DATE=2020-01", "27th of February of 2020/DATE=2020-02-27",
		"Sept. 6, 2019/DATE=2019-09-06"}
	if diff := cmp.Diff(want, ents(t, give, "DATE")); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
	// A number after a product or an identifier is its release or its value.
	give = "Windows Server 2008 R2, Office 2016 and Exchange 2019 hosts; port 2048, RSA 2048 keys, Command 2048 and error code 2003 in 2019. Resolution 1973 (2011) and Flight 1549 in 2019."
	if diff := cmp.Diff([]string{"2019/DATE", "2011/DATE", "2019/DATE"}, ents(t, give, "DATE")); diff != "" {
		t.Errorf("releases and identifiers (-want +got):\n%s", diff)
	}
	// A month alone after a capitalised word that does not lead it names
	// something ("Red October"), unless a lower-case noun follows.
	if diff := cmp.Diff([]string{"September/DATE=XXXX-09"}, ents(t, "It resembles campaigns such as Red October, and Black September. The Chicago Purchasing Managers September index rose.", "DATE")); diff != "" {
		t.Errorf("named months (-want +got):\n%s", diff)
	}
	// A month alone after a word that leads months.
	give = "Throughout March and April, QuoINT observed four sightings. Between March and May, attacks rose; they fell till June. Posts were made between July 21st, 2016 and September 30, 2016."
	want = []string{"March/DATE=XXXX-03", "April/DATE=XXXX-04", "March/DATE=XXXX-03", "May/DATE=XXXX-05", "June/DATE=XXXX-06",
		"July 21st, 2016/DATE=2016-07-21", "September 30, 2016/DATE=2016-09-30"}
	if diff := cmp.Diff(want, ents(t, give, "DATE")); diff != "" {
		t.Errorf("months after a lead (-want +got):\n%s", diff)
	}
	// The modal "May" before a pronoun is no month.
	give = "76. May I also take this opportunity to thank you. 29. May I also extend our gratitude."
	if diff := cmp.Diff([]string(nil), ents(t, give, "DATE")); diff != "" {
		t.Errorf("modal May (-want +got):\n%s", diff)
	}
	// A named day is a date, not a town ("Unity") or a company ("Navy
	// Day"); a person's name is no day's.
	give = "Prigozhin spoke on Russia’s Unity Day, on Navy Day and on Independence Day. On Thanksgiving Day Doris Day sang."
	want = []string{"Russia/GPE", "Unity Day/DATE", "Navy Day/DATE", "Independence Day/DATE", "Thanksgiving Day/DATE", "Doris Day/PERSON"}
	if diff := cmp.Diff(want, ents(t, give, "DATE", "GPE", "ORG", "PERSON")); diff != "" {
		t.Errorf("named days (-want +got):\n%s", diff)
	}
	// Seasons, modifiers and anchored periods (entities.isw-dev.md).
	give = "In late May, early 2023 and mid-August, the autumn session, last winter, autumn 2022 and fall 2021; " +
		"some weeks ago, two days ago and a few weeks ago, not for several days, the Arab Spring or the fall of Kherson."
	want = []string{"late May", "early 2023", "mid-August", "autumn", "last winter", "autumn 2022", "fall 2021",
		"some weeks ago", "two days ago", "a few weeks ago"}
	var got []string
	for _, e := range ents(t, give, "DATE") {
		got = append(got, strings.SplitN(e, "/", 2)[0])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("seasons and modifiers (-want +got):\n%s", diff)
	}
	// Weekdays outside threat reporting, not inside a name.
	give = "Last Thursday, officials met. The WHO said on Thursday that cases rose. Black Monday was worse. On Friday it rained. " +
		"Tuesday Weld acted. Protesters were injured in Saturday's protests, and talks resume next Friday."
	want = []string{"Last Thursday", "Thursday", "Friday", "Saturday", "next Friday"}
	got = nil
	for _, e := range ents(t, give, "DATE") {
		got = append(got, strings.SplitN(e, "/", 2)[0])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("weekdays (-want +got):\n%s", diff)
	}
}

// TestGeopoliticalNames covers the conventions of geopolitical reporting
// (ENTITY_GUIDELINES.md): demonyms stay NORP whatever the model says,
// descriptions ("Russian forces") are no names, administrative heads join
// their GPE, listed institutions are ORG, and bylines give persons.
func TestGeopoliticalNames(t *testing.T) {
	tests := []entityCase{
		{"demonyms before descriptions", "Russian forces and Ukrainian troops fought near Kyiv.",
			[]string{"Russian/NORP", "Ukrainian/NORP", "Kyiv/GPE"}},
		{"no name inside a URL, whole or cut short", "[5] https://www.understandingwar.org/sites/default/files/Russian%20General%2....\n\n[6] https://understandingwar.org/sites/default/files/Russian%20General%20Off...\n\nRussian forces advanced.",
			[]string{"Russian/NORP"}},
		{"religions by name are NORP; a name that holds one keeps its own", "Conversion to Christianity helped. The spread of Islam continued. Islam Karimov ruled Uzbekistan. Ansar al-Islam attacked.",
			[]string{"Christianity/NORP", "Islam/NORP", "Islam Karimov/PERSON", "Uzbekistan/GPE", "Ansar al-Islam/GROUP"}},
		{"central banks and legislatures", "The Fed raised rates; the Bundestag and the Knesset debated. The People’s Bank of China cut rates. Draw for the 1997 Fed Cup championships. I secured a Fed Tax ID.",
			[]string{"Fed/ORG", "Bundestag/ORG", "Knesset/ORG", "People’s Bank of China/ORG"}},
		{"a lower-case noun splits the model's name", "Russian milblogger Military Informant stated that Russian VDV has not adopted the changes.",
			[]string{"Russian/NORP", "Military Informant/ORG", "Russian/NORP"}},
		{"a feature word the lists hold as a place ends a landform's name; no people's name ends as a town's; a listed armed group is no person",
			"Russian air defenses activated off the coast of northern Crimea in Karkinitsky Bay. Al-Shabaab attacked in the Bay region of Somalia. Russian forces evacuated 53 wounded servicemen to Novoazovsk approximately 60 kilometers away.",
			[]string{"Russian/NORP", "Crimea/GPE", "Karkinitsky Bay/LOC", "Al-Shabaab/GROUP", "Bay region/GPE", "Somalia/GPE", "Russian/NORP", "Novoazovsk/GPE"}},
		{"a leader's surname after a preposition of place is the leader", `Lukashenko stressed that "nobody but us is ruling Belarus," and that Belarus is ready to build relations with Russia. It is unclear whether Putin will be successful in extracting his desired concessions from Lukashenko.`,
			[]string{"Lukashenko/PERSON", "Belarus/GPE", "Belarus/GPE", "Russia/GPE", "Putin/PERSON", "Lukashenko/PERSON"}},
		{"a heading of a people and a plain plural is no place, nor one run across a spaced en dash",
			"Key inflections:\n\n- Ukrainian Counteroffensives – Southern and Eastern Ukraine\n\nUkrainian Counteroffensives (Ukrainian efforts to liberate Russian-occupied territories)\n\nUkrainian forces advanced.",
			[]string{"Ukrainian/NORP", "Ukraine/GPE", "Ukrainian/NORP", "Ukrainian/NORP", "Russian/NORP", "Ukrainian/NORP"}},
		{"a plural landform noun takes the names listed before it", "Ukrainian forces struck bridges over the Siverskyi Donets and Oskil rivers and the Dnipro and Inhulets rivers.",
			[]string{"Ukrainian/NORP", "Siverskyi Donets/LOC", "Oskil/LOC", "Dnipro/LOC", "Inhulets/LOC"}},
		{"a listed place's state is the place; a town named after a facility head is the town", "Chad sent troops to Nigeria’s Borno State to fight. Saint Peter Port is the capital.",
			[]string{"Chad/GPE", "Nigeria/GPE", "Borno State/GPE", "Saint Peter Port/GPE"}},
		{"\"Camp\" and \"Fort\" open a base's name, unless a town's", "Troops left Camp Bastion for Camp Taji. The Camp David accords held. Forts such as Fort Laramie in Wyoming aided settlers; soldiers left Fort Hood for Fort Worth. Hancock is one of four fabric stores in Fort Smith.",
			[]string{"Camp Bastion/FAC", "Camp Taji/FAC", "Camp David/FAC", "Fort Laramie/FAC", "Wyoming/GPE", "Fort Hood/FAC", "Fort Worth/GPE", "Fort Smith/GPE"}},
		{"a surname the apostrophe cut", "Late Night with Conan O’Brien aired. Later, O’Brien said so. Senator Beto O'Rourke met Massimo D'Alema.",
			[]string{"Conan O’Brien/PERSON", "O’Brien/PERSON", "Beto O'Rourke/PERSON", "Massimo D'Alema/PERSON"}},
		{"a listed place before a capitalised canal names the canal", "Ships crossed the Suez Canal and the Panama Canal to Panama.",
			[]string{"Suez Canal/LOC", "Panama Canal/LOC", "Panama/GPE"}},
		{"an office of two words after a title; the model's area in a list of towns; a named park; a Molotov cocktail",
			"DNR Deputy Information Minister Daniiil Bezsonov reposted it. Russian forces fired on Tsyrkuny, Derhachi, Staryi Saltiv, and Kozacha Lopan and entered the Sviati Hory park. Assailants threw a Molotov cocktail.",
			[]string{"DNR/GPE", "Daniiil Bezsonov/PERSON", "Russian/NORP", "Tsyrkuny/GPE", "Derhachi/GPE", "Staryi Saltiv/GPE", "Kozacha Lopan/GPE", "Sviati Hory/LOC"}},
		{"news media cited as sources are organisations, alone, not inside longer names", "Source: Thomson Reuters graphic. As DeGrippo told Dark Reading, BleepingComputer reported it. The Times reported that officials agreed, as did Vedomosti and Radio Free Europe/Radio Liberty. Michael Bloomberg spoke. The clerk kept the Register of Deeds. The network used Wired Equivalent Privacy.",
			[]string{"Thomson Reuters/ORG", "Dark Reading/ORG", "BleepingComputer/ORG", "Times/ORG", "Vedomosti/ORG", "Radio Free Europe/Radio Liberty/ORG", "Michael Bloomberg/PERSON"}},
		{"a GeoNames town of the report's country that a war verb or noun takes is a place", "ISW continues to assess that the capture of Soledar will not enable Russian forces to control Ukrainian lines into Bakhmut. Russian forces likely captured Soledar after committing significant resources.",
			[]string{"ISW/ORG", "Soledar/GPE", "Russian/NORP", "Ukrainian/NORP", "Bakhmut/GPE", "Russian/NORP", "Soledar/GPE"}},
		{"in a report about the war a chain of names joined by hyphens before a line, area or direction is a chain of towns", "Ukrainian forces are preparing to attack Russian positions along the Lyman-Peryshi-Synkivka line. Russian forces struck the Toshkivka-Ustynivka area and the Kozacha Lopan-Zolochiv direction, and shelled the T0513 Bakhmut-Siversk highway.",
			[]string{"Ukrainian/NORP", "Russian/NORP", "Lyman/GPE", "Peryshi/GPE", "Synkivka/GPE", "Russian/NORP", "Toshkivka/GPE", "Ustynivka/GPE", "Kozacha Lopan/GPE", "Zolochiv/GPE", "Bakhmut/GPE", "Siversk/GPE"}},
		{"in a report about the war a lone unlisted name a bearing from a town follows is a town", "The Russian Ministry of Defense claimed that Russian forces captured Mayorsk, southeast of Bakhmut. Russian forces attacked Ukrainian positions in Bakhmut and shelled Siversk.",
			[]string{"Russian Ministry of Defense/ORG", "Russian/NORP", "Mayorsk/GPE", "Bakhmut/GPE", "Russian/NORP", "Ukrainian/NORP", "Bakhmut/GPE", "Siversk/GPE"}},
		{"an ordinal before a unit's acronym is the unit", "Russian forces are forming the 3rd Army Corps (AC), but it is unclear who will staff the 3rd AC. Elements of the Russian 58th CAA attacked.",
			[]string{"Russian/NORP", "3rd Army Corps/ORG", "AC/ORG", "3rd AC/ORG", "Russian/NORP", "58th CAA/ORG"}},
		{"an acronym the model calls a person among lower-case words or other acronyms is a body, unless listed as a name or among capitals",
			"Italy is a member of the IMF, IMO, Interpol, IOC, IOM, IPU and ISO. King Abdallah II designated his son HUSSEIN as the Crown Prince.\n\nMR KIRBY: Thanks, everybody.",
			[]string{"Italy/GPE", "IMF/ORG", "IMO/ORG", "Interpol/ORG", "Abdallah II/PERSON", "HUSSEIN/PERSON", "KIRBY/PERSON"}},
		{"a listed place before a newspaper's head names the newspaper, not inside a longer name", "Patrick Reilly, \"Three Schools Put on Lockdown,\" New York Post, September 4, 2021. The Bangkok Post reported it. The order came from the Guangdong Post and Telecommunications Administration.",
			[]string{"Patrick Reilly/PERSON", "New York Post/ORG", "Bangkok Post/ORG", "Guangdong Post and Telecommunications Administration/ORG"}},
		{"a listed place before a lower-case area's noun is that area, no body", "Ukraine’s General Staff reported that over 650 prisoners from the correctional colonies of the Stavropol region agreed to fight.",
			[]string{"Ukraine/GPE", "General Staff/ORG", "Stavropol/GPE"}},
		{"a reservoir is water, a LOC; its dam a facility", "Russian forces targeted a dam over the Pechenihy Reservoir. The Kakhovka Reservoir drained after the Kakhovka Dam was destroyed.",
			[]string{"Russian/NORP", "Pechenihy Reservoir/LOC", "Kakhovka Reservoir/LOC", "Kakhovka Dam/FAC"}},
		{"no one's name ends in a body's head; the model's body of islands is a place", "Remnants of the outgoing legislature created a rival, Islamist-led government, the General National Congress. The Mohawk and Hudson Railroad was the first to begin service. The islands were part of the British colony of the Leeward Islands (1872-1960).",
			[]string{"Islamist/NORP", "General National Congress/ORG", "Hudson Railroad/ORG", "British/NORP", "Leeward Islands/GPE"}},
		{"a spring after a people or the name of a place is an event; Silver Spring a town", "The events of the Arab Spring changed the region. The Prague Spring ended in 1968. She lives in Silver Spring, Maryland.",
			[]string{"Silver Spring/GPE", "Maryland/GPE"}},
		{"forums and commands by their acronyms", "Leaders met at the G7 summit and on the margins of the UNGA meeting; USCENTCOM and CJTF-OIR reported strikes.",
			[]string{"G7/ORG", "UNGA/ORG", "USCENTCOM/ORG", "CJTF-OIR/ORG"}},
		{"a state company and a sanctions office by name alone", "Russian authorities intend to restaff the plant with employees, likely mostly from Rosenergoatom. OFAC designated the exchange.",
			[]string{"Russian/NORP", "Rosenergoatom/ORG", "OFAC/ORG"}},
		{"\"Company\" heads a company's name after another capitalised word", "Tea produced by the British East India Company was exempted. The Dutch East India Company traded. Ford Motor Company built cars. The Company left. A venture to be called the Wuxi Tong Ling Company Ltd will operate. The Wagner Group Private Military Company recruits.",
			[]string{"British East India Company/ORG", "Dutch East India Company/ORG", "Ford Motor Company/ORG", "Wuxi Tong Ling Company Ltd/ORG", "Wagner Group/GROUP"}},
		{"regional bodies by their acronyms; an example of a kind of body runs on over \"of\"", "We are an active member of regional and subregional organizations such as the African Union and the League of Arab States, as well as the Great Lakes, Sahel and Sahara regional groupings, and IGAD. CARICOM, Mercosur and the OAU met; the Union of Soviet Socialist Republics collapsed.",
			[]string{"African Union/ORG", "League of Arab States/ORG", "Sahel/LOC", "Sahara/LOC", "IGAD/ORG", "CARICOM/ORG", "Mercosur/ORG", "OAU/ORG", "Union of Soviet Socialist Republics/GPE"}},
		{"no name ends in a comma", "Google, Amazon and Microsoft agreed.",
			[]string{"Google/ORG", "Amazon/ORG", "Microsoft/ORG"}},
		{"initials after a title open the person's name", "The regime of President F. W. de Klerk stalled. Gen. J. R. Allen met the Reverend W.V. Awdry.",
			[]string{"F. W. de Klerk/PERSON", "J. R. Allen/PERSON", "W.V. Awdry/PERSON"}},
		{"plurals of demonyms in -ot, -ino, -er", "Greek Cypriots met Filipinos and New Zealanders.",
			[]string{"Greek/NORP", "Cypriots/NORP", "Filipinos/NORP", "New Zealanders/NORP"}},
		{"spellings of demonyms the country lists lack", "Ecuadorian, Argentinian and Nepali delegates met Belarussian and Kyrgyzstani ones; two Argentinians spoke.",
			[]string{"Ecuadorian/NORP", "Argentinian/NORP", "Nepali/NORP", "Belarussian/NORP", "Kyrgyzstani/NORP", "Argentinians/NORP"}},
		{"\"New\" before a country or a province names another place, unlinked", "Champlain explored the coast of New England and promoted New France. Settlers reached New Guinea. Papua New Guinea voted.",
			[]string{"New England/LOC", "New France/LOC", "New Guinea/LOC", "Papua New Guinea/GPE"}},
		{"mosques, gates, hospitals are facilities; a head before a capitalised word is inside a longer name", "The Ishtar Gate has stood since 575 B.C. The Brandbergen Mosque is in Stockholm. Cases rose at Stoke Mandeville Hospital. We walked in Golden Gate Park.",
			[]string{"Ishtar Gate/FAC", "Brandbergen Mosque/FAC", "Stockholm/GPE", "Stoke Mandeville Hospital/FAC", "Golden Gate Park/LOC"}},
		{"a name before a lower-case landform noun is a place, the noun outside; not a nationality or a common word", "The Hamrin mountains extend to the Tigris river, not to a Russian river or the Red river.",
			[]string{"Hamrin/LOC", "Tigris/LOC", "Russian/NORP"}},
		{"a heading's run across an em dash is no name; a quoted name keeps its dash", "Subordinate Main Effort—Donetsk and Luhansk Oblasts (Russian objective: Capture the entirety of Donetsk and Luhansk Oblasts)\n\nRussian forces attacked.",
			[]string{"Donetsk/GPE", "Luhansk Oblasts/GPE", "Russian/NORP", "Donetsk/GPE", "Luhansk Oblasts/GPE", "Russian/NORP"}},
		{"a town placed in an oblast's area", "Russian forces shelled Kherson, Mykolaiv and Zaporizhia. The Ukrainian General Staff reported that Russian forces attempted an assault in the Bilohirka, Kherson Oblast, area, but withdrew.",
			[]string{"Russian/NORP", "Kherson/GPE", "Mykolaiv/GPE", "Zaporizhia/GPE", "Ukrainian General Staff/ORG", "Russian/NORP", "Bilohirka/GPE", "Kherson Oblast/GPE"}},
		{"a state's style is part of its name; the Islamic State of Iraq is a group", "The People's Republic of Bulgaria and the Federal Republic of Yugoslavia abstained, with the Socialist Republic of Viet Nam. The Islamic State of Iraq claimed it.",
			[]string{"People's Republic of Bulgaria/GPE", "Federal Republic of Yugoslavia/GPE", "Socialist Republic of Viet Nam/GPE", "Islamic State of Iraq/GROUP"}},
		{"a place, then its office-holder; a team named by its city stays whole", "Ukrainian advisor to the Mayor of Mariupol Petro Andryushchenko reported that Russian officials transformed the city. Steve Finley hit a two-run single in a four-run third as the San Diego Padres blanked the Expos 6-0 for their sixth straight win.",
			[]string{"Ukrainian/NORP", "Mariupol/GPE", "Petro Andryushchenko/PERSON", "Russian/NORP", "Steve Finley/PERSON", "San Diego Padres/ORG"}},
		{"the poles are places, Poles a nationality; a secretariat is a body; a national park is land", "Expeditions reached the South Pole and the North Pole. Poles voted. A permanent Antarctic Treaty Secretariat was established. Fighting went on in the Sviati Hory National Nature Park.",
			[]string{"South Pole/LOC", "North Pole/LOC", "Poles/NORP", "Antarctic Treaty Secretariat/ORG", "Sviati Hory National Nature Park/LOC"}},
		{"a town named like a word or a person: a document's or war's abstract noun, a party to a case, a president's surname", "The United States prides itself on the Declaration of Independence. Schools were segregated until the Court ordered desegregation in Brown v. Board of Education (1954). In Texas v. Johnson the Court agreed. The Lincoln administration closed newspapers. The Mayor of Independence spoke.",
			[]string{"United States/GPE", "Court/ORG", "Brown/PERSON", "Board of Education/ORG", "Texas/GPE", "Johnson/PERSON", "Court/ORG", "Lincoln/PERSON", "Independence/GPE"}},
		{"a listed given name no one claimed before the model's one-word person is its first name; a river at a heading's end", "Emails were sent from Shannon Wilson with the subject line. Subordinate main effort along the west bank of the Dnipro\n\nRussian forces attacked.",
			[]string{"Shannon Wilson/PERSON", "Dnipro/LOC", "Russian/NORP"}},
		{"surnames in capitals, as the Factbook writes them, where a document writes two or more; a title or an acronym is no surname", "Ambassador Robert F. GODEC arrived.\n\nUnion for Social Development or UPADS [Pascal Tsaty MABIALA]\n\nAction Movement for Renewal or MAR [Roland BOUITI-VIAUDO]\n\nApple CEO Steve Jobs spoke after the July FOMC meeting.",
			[]string{"Robert F. GODEC/PERSON", "Union for Social Development/ORG", "UPADS/ORG", "Pascal Tsaty MABIALA/PERSON", "Movement for Renewal/ORG", "Roland BOUITI-VIAUDO/PERSON", "Apple CEO/ORG"}},
		{"a front, alliance or league is no person", "MINUSMA, NAM, OAS, OIF (observer), OPANAL, OPCW, Pacific Alliance (observer), PCA, Petrocaribe, SICA (associated member), UN, UNCTAD",
			[]string{"MINUSMA/ORG", "OAS/ORG", "OPCW/ORG", "Pacific Alliance/ORG", "UN/ORG"}},
		{"a nationality before a unit the rules claimed stays when the model ran the two together; a compass word ends an airfield's name", "The Russian Air Force Command reported gains. Carter flew to visit U.S. service members at Qayyarah Airfield West in northern Iraq.",
			[]string{"Russian/NORP", "Air Force Command/ORG", "Carter/PERSON", "U.S./GPE", "Qayyarah Airfield West/FAC", "Iraq/GPE"}},
		{"an army without a number keeps its nationality in its name; a numbered one is a unit after a nationality", "He belonged to the supporters of the Syrian Electronic Army. Elements of the Russian 58th Combined Arms Army attacked.",
			[]string{"Syrian Electronic Army/ORG", "Russian/NORP", "58th Combined Arms Army/ORG"}},
		{"the model's one-word person is the place the document names by that word elsewhere, where no name list holds it; an area named a city is the city", "Russian troops attempted to advance from Pasika to Dolyna. A Russian reconnaissance group operated near Ukrainian positions in Pasika. Reports of an attempt to advance southwest of Pasika toward Dolyna confirm ISW's assessment that Pasika remains in Russian-controlled territory. Ukrainian positions around Siversk City held.",
			[]string{"Russian/NORP", "Pasika/GPE", "Dolyna/GPE", "Russian/NORP", "Ukrainian/NORP", "Pasika/GPE", "Pasika/GPE", "Dolyna/GPE", "ISW/ORG", "Pasika/GPE", "Russian/NORP", "Ukrainian/NORP", "Siversk City/GPE"}},
		{"a headline's verb of saying is no part of the person's name before it", "Shamoon Virus Most Destructive Ever To Hit A Business, Leon Panetta Warns (2012), retrieved from the web.",
			[]string{"Leon Panetta/PERSON"}},
		{"a nationality and American(s) after it are one people, and so are Native Americans", "Throughout the late nineteenth century, women, African Americans, Native Americans, and many other groups fought for the right to vote. The Fifteenth Amendment gave the vote to African American men.",
			[]string{"African Americans/NORP", "Native Americans/NORP", "African American/NORP"}},
		{"Native Americans alone are one people too", "Native Americans across the Americas relied on the plant as a source of food.",
			[]string{"Native Americans/NORP", "Americas/LOC"}},
		{"an institution's head before a facility's is part of the facility's name", "He went to the Queen Elizabeth University Hospital in Glasgow. Al Assad University Hospital in Damascus is one of the largest teaching hospitals.",
			[]string{"Queen Elizabeth University Hospital/FAC", "Glasgow/GPE", "Al Assad University Hospital/FAC", "Damascus/GPE"}},
		{"a listed province the model calls an organisation is the province throughout which something happens", "The operation was important in that it was the first large scale deployment of the New Iraqi Army. This offensive was part of the larger Operation Sayeed (Hunter), designed to prevent al Qaeda in Iraq from operating in the Euphrates River Valley and throughout Al Anbar and to establish a permanent Iraqi Army presence in the Al Qa’im region.",
			[]string{"New Iraqi Army/ORG", "al Qaeda in Iraq/GROUP", "Euphrates River Valley/LOC", "Al Anbar/GPE", "Iraqi Army/ORG", "Al Qa’im/GPE"}},
		{"a gloss in another language in parentheses names nothing new", "The Hamrin Mountains (Arabic: جبل حمرين Jabāl Hamrīn, Kurdish: Çiyayê Hemrîn or Çiyayên Hemrîn) are a small mountain ridge in Iraq. The Yazidi Book of Revelation (Kitêba Cilwe in Kurdish; also transliterated as Kitab Al Jilwah) is one of two books.",
			[]string{"Hamrin Mountains/LOC", "Arabic/NORP", "Kurdish/NORP", "Iraq/GPE", "Yazidi/NORP", "Kurdish/NORP"}},
		{"a front-line village of a settlement's shape or opened by a settlement's adjective is a GPE, not an area", "The Ukrainian General Staff stated that Russian forces are preparing for an offensive south of Sulyivka. Russian forces launched airstrikes on Bohorodychne and shelled Dibrovne. Russian forces mined a highway in Velyka Komyshuvakha.",
			[]string{"Ukrainian General Staff/ORG", "Russian/NORP", "Sulyivka/GPE", "Russian/NORP", "Bohorodychne/GPE", "Dibrovne/GPE", "Russian/NORP", "Velyka Komyshuvakha/GPE"}},
		{"a listed place the model's name cut in two stands, with the nationality before it", "Former BBC Moscow Journalist and current freelancer Leonid Ragozin shared footage on December 17 of Russian St. Petersburg riot police patrolling the center of Mariupol, Donetsk Oblast to maintain order.",
			[]string{"BBC/ORG", "Moscow/GPE", "Leonid Ragozin/PERSON", "Russian/NORP", "St. Petersburg/GPE", "Mariupol/GPE", "Donetsk Oblast/GPE"}},
		{"a name no layer marked in a list of places is a place; a compass adjective before a country is no area", "Russian forces occupy a ring of positions north and west of Kyiv running through Poliske, Kukhari, Borodyanka, Andriyivka, Motyzhyn, Horenychi, Bucha, and Demydiv.\n\nSupporting Effort #2—Kyiv and Northeastern Ukraine: (Russian objective: Withdraw combat power)",
			[]string{"Russian/NORP", "Kyiv/GPE", "Poliske/GPE", "Kukhari/GPE", "Borodyanka/GPE", "Andriyivka/GPE", "Motyzhyn/GPE", "Horenychi/GPE", "Bucha/GPE", "Demydiv/GPE", "Kyiv/GPE", "Ukraine/GPE", "Russian/NORP"}},
		{"a nationality and Republic after it are a republic", "Assistant Secretary Alexei Pavlov amplified statements made by Chechen Republic Head Ramzan Kadyrov on October 25. The Chuvash Republic agreed; the Republic of Adygea did not.",
			[]string{"Alexei Pavlov/PERSON", "Chechen Republic/GPE", "Ramzan Kadyrov/PERSON", "Chuvash Republic/GPE", "Republic of Adygea/GPE"}},
		{"an apposition describes what its head noun says, before any preposition", "Lewis W. Teperman, a doctor at New York University, said the results were good. Teperman added more.",
			[]string{"Lewis W. Teperman/PERSON", "New York University/ORG", "Teperman/PERSON"}},
		{"the Philippines' adjective is a nationality", "Philippine authorities sent samples to the Philippine island of Bohol.",
			[]string{"Philippine/NORP", "Philippine/NORP", "Bohol/GPE"}},
		{"a militia is an armed force, no place, and keeps \"People's\" before it", "The People's Militias of the Russian proxy Donetsk and Luhansk People's Republics mobilized. A Russian milblogger claimed that the 5th Brigade of the Donetsk People's Republic (DNR) Peoples Militia made marginal advances within Marinka.",
			[]string{"People's Militias/ORG", "Russian/NORP", "Donetsk/GPE", "Luhansk People's Republics/GPE", "Russian/NORP", "5th Brigade/ORG", "Donetsk People's Republic/GPE", "DNR/GPE", "Peoples Militia/ORG", "Marinka/GPE"}},
		{"the plural of a people the document names is that people; a national park's name runs back over the words before its kind",
			"Concentrated in a patchwork of oasis towns and city-states among larger kingdoms, the Sogdians traded frequently with the Chinese. Sogdian merchants and traders helped spread Buddhism.\n\nYellowstone National Park (n); Grand Canyon National Park (n)",
			[]string{"Sogdians/NORP", "Chinese/NORP", "Sogdian/NORP", "Buddhism/NORP", "Yellowstone National Park/LOC", "Grand Canyon National Park/LOC"}},
		{"goals, strategies and doctrines are programmes, no body", "Resources must be channelled into meeting the Millennium Development Goals. The transition to the Sustainable Development Goals followed.",
			nil},
		{"a communique and a book are documents, no person or area", "The parties agreed on a political transition in accordance with the Geneva Communique of 2012. The original text of the Yazidi Black Book is kept in the village.",
			[]string{"Yazidi/NORP"}},
		{"a town the rules found is found again where the model passed it over", "Russian forces failed to advance to Raihorodok, approximately 12 km southwest of Lyman, on June 8. A drive on Raihorodok will support Russian efforts to reach Slovyansk.",
			[]string{"Russian/NORP", "Raihorodok/GPE", "Lyman/GPE", "Raihorodok/GPE", "Russian/NORP", "Slovyansk/GPE"}},
		{"an unlisted place told something is a source", "Two US officials anonymously confirmed to Politico on August 1 that no traces of US-provided weapons were found. Ukrainian forces struck a depot in Kherson. One official said the attack was not conducted by Kyiv. Russian forces shelled Kyiv.",
			[]string{"US/GPE", "Politico/ORG", "US/GPE", "Ukrainian/NORP", "Kherson/GPE", "Kyiv/GPE", "Russian/NORP", "Kyiv/GPE"}},
		{"bodies, states and documents", "The final vote count in the Senate was 52-35. The treaty was rejected in the U.S. Senate after a vote.\n\nLeaders at the Pacific Islands Forum reaffirmed the Millennium Declaration. Volunteers joined a battalion in the Republic of Bashkortostan.",
			[]string{"Senate/ORG", "U.S. Senate/ORG", "Pacific Islands Forum/ORG", "Republic of Bashkortostan/GPE"}},
		{"broadcasters, towns aimed at, ship classes, facilities without the article", "Radio Free Europe / Radio Liberty reported that Russian authorities mobilized men. Russian operations against Odesa are unlikely to commence soon. The Black Sea Fleet has three Grigorovich-class frigates. The Vuhledar Power Plant lies on the northern edge of the town.",
			[]string{"Radio Free Europe / Radio Liberty/ORG", "Russian/NORP", "Russian/NORP", "Odesa/GPE", "Black Sea Fleet/ORG", "Vuhledar Power Plant/FAC"}},
		{"an organisation an advance aims at in a war report is a town", "Russian troops remain west of the Dnipro River and are advancing on Mikolayiv, but the main axes of advance have shifted to Kharkiv, Izyum and Donetsk.",
			[]string{"Russian/NORP", "Dnipro River/LOC", "Mikolayiv/GPE", "Kharkiv/GPE", "Izyum/GPE", "Donetsk/GPE"}},
		{"a person after an office's object", "The disease is no longer present. Egypt's Minister of Health Hatem Mostafa El-Gabaly said Wednesday that the outbreak ended.",
			[]string{"Egypt/GPE", "Hatem Mostafa/PERSON"}},
		{"an area the model names where a strike aims in a war report is a town", "Russian forces conducted artillery strikes on Dovhenke and Dolyna, both southeast of Izyum, and shelled Kharkiv and Slovyansk.",
			[]string{"Russian/NORP", "Dovhenke/GPE", "Dolyna/GPE", "Izyum/GPE", "Kharkiv/GPE", "Slovyansk/GPE"}},
		{"a company by its kind noun or what it owns, wherever it stands alone", "United States airframer Boeing has announced that development of a replacement was pushed back. Boeing say airlines demand performance. The deal between Boeing and Aeroflot was revived. Aeroflot's current fleet was built during the Soviet era. Aeroflot say the deal does not affect plans.",
			[]string{"United States/GPE", "Boeing/ORG", "Boeing/ORG", "Boeing/ORG", "Aeroflot/ORG", "Aeroflot/ORG", "Soviet/NORP", "Aeroflot/ORG"}},
		{"a name list's person owns a fleet, no company", "The blockage of Villeneuve's fleet resulted in giving up the invasion.",
			[]string{"Villeneuve/PERSON"}},
		{"a full stop ends a sentence, not a name", "A romantic walk around the Opera House , City Hall , Symphony Auditorium ... all very beautiful .",
			[]string{"Opera House/ORG", "City Hall/LOC", "Symphony Auditorium/LOC"}},
		{"a place naming a document is no place", "The Inter-African Mission to Monitor the Implementation of the Bangui Agreements (MISAB) was deployed.",
			[]string{"African/NORP"}},
		{"a company's head makes it an organisation", "Maxar Technologies satellite imagery showed the bank of the Dnipro River on February 27-28.",
			[]string{"Maxar Technologies/ORG", "Dnipro River/LOC"}},
		{"seas, rivers and landforms are LOC, their nationality NORP", "The ships crossed the Adriatic Sea. Russian forces blew the bridge over the Seversky Donetsk River.",
			[]string{"Adriatic Sea/LOC", "Russian/NORP", "Seversky Donetsk River/LOC"}},
		{"a town before its residents, defenders or front is the town", "Russian forces deported 6,000 Mariupol residents and moved guns to the Mariupol front line.",
			[]string{"Russian/NORP", "Mariupol/GPE", "Mariupol/GPE"}},
		{"a town under attack is no person", "Russian forces continued to prioritize attacks against Lyman rather than Slovyansk on May 24. Russian forces heavily bombarded Lyman on May 23.",
			[]string{"Russian/NORP", "Lyman/GPE", "Slovyansk/GPE", "Russian/NORP", "Lyman/GPE"}},
		{"weapon systems are no names", "Russian forces struck Nikopol with 40 Grad rockets from a BM-21 Grad, used Orlan-10 drones and a Buk air defense missile system, and shelled Mykolaiv with Pion heavy artillery. Ukrainian troops destroyed a Russian Pantsir-1 anti-aircraft missile system.",
			[]string{"Russian/NORP", "Nikopol/GPE", "Mykolaiv/GPE", "Ukrainian/NORP", "Russian/NORP"}},
		{"a town to be captured is no organisation", "Russian forces will likely capture Mariupol or force the city to capitulate.",
			[]string{"Russian/NORP", "Mariupol/GPE"}},
		{"administrative heads join the GPE", "Fighting continued in Kharkiv Oblast and in Donetsk City.",
			[]string{"Kharkiv Oblast/GPE", "Donetsk City/GPE"}},
		{"institutions and media of the lexicon", "The Kremlin denied a report by Reuters, the Moscow Times and the Ukrainian General Staff.",
			[]string{"Kremlin/ORG", "Reuters/ORG", "Moscow Times/ORG", "Ukrainian General Staff/ORG"}},
		{"a byline of given names and surnames", "Russian Offensive Campaign Assessment, March 12\n\nMason Clark and George Barros\n\nRussian forces advanced.",
			[]string{"Russian/NORP", "Mason Clark/PERSON", "George Barros/PERSON", "Russian/NORP"}},
		{"a list of persons names persons", "Russian Offensive Campaign Assessment\n\nKarolina Hird, George Barros, Katherine Lawlor, and Kateryna Stepanenko\n\nForces hit Kyiv, Kharkiv, and Odesa.",
			[]string{"Russian/NORP", "Karolina Hird/PERSON", "George Barros/PERSON", "Katherine Lawlor/PERSON", "Kateryna Stepanenko/PERSON", "Kyiv/GPE", "Kharkiv/GPE", "Odesa/GPE"}},
		{"hex literals and plural acronyms are no names", "The loop used 0x41 and x0x0 on many CPUs and IPs.", nil},
		{"facilities: a name or road code before a facility noun", "Shelling hit the Azot plant and the P07 highway near the Antonivsky Road Bridge. Azot burned.",
			[]string{"Azot plant/FAC", "P07 highway/FAC", "Antonivsky Road Bridge/FAC", "Azot/FAC"}},
		{"facilities: a route named by towns, a nationality, a lower-case base", "Forces cut the Bakhmut-Slovyansk highway near a Russian airbase and their Main base.",
			[]string{"Bakhmut/GPE", "Slovyansk/GPE", "Russian/NORP"}},
		{"named units split off their nationality, institutions keep it", "The Russian 3rd Army Corps and the Ukrainian General Staff met the Russian Armed Forces and the Southern Military District.",
			[]string{"Russian/NORP", "3rd Army Corps/ORG", "Ukrainian General Staff/ORG", "Russian Armed Forces/ORG", "Southern Military District/ORG"}},
		{"coordinated units share a plural head, which needs a number; a headquarters keeps its words", "Elements of the 6th and 20th Combined Arms Armies and the 64th and 155th Separate Motorized Rifle Brigades fought. The Arab Armies retreated. The commander of Ukraine's Joint Operational Headquarters spoke.",
			[]string{"20th Combined Arms Armies/ORG", "155th Separate Motorized Rifle Brigades/ORG", "Arab/NORP", "Ukraine/GPE", "Joint Operational Headquarters/ORG"}},
		{"a settlement named by an adjective and a word is one place",
			"Russian and Ukrainian forces continued battles to the southwest of Izyum in Kurulka and Velyka Komyshuvakha. Russian forces shelled Mali Prokhody and Stara Zburivka and dropped phosphorous munitions on Ruska Lozova.",
			[]string{"Russian/NORP", "Ukrainian/NORP", "Izyum/GPE", "Kurulka/GPE", "Velyka Komyshuvakha/GPE", "Russian/NORP", "Mali Prokhody/GPE", "Stara Zburivka/GPE", "Ruska Lozova/GPE"}},
		{"a one-word plural heading after a nationality; a compass word before a country", "- Ukrainian Counteroffensives—Eastern Ukraine\n\nUkrainian Counteroffensives (Ukrainian efforts to liberate territories)\n\nA counteroffensive began in Eastern Ukraine and the Lysychansk-Siversk area.",
			[]string{"Ukrainian/NORP", "Ukraine/GPE", "Ukrainian/NORP", "Ukrainian/NORP", "Ukraine/GPE", "Lysychansk/GPE", "Siversk/GPE"}},
		{"a town's name after an article, ending its phrase, is its river", "Forces held the west bank of the Dnipro. They advanced toward Dnipro and the Kherson direction, and in the Kupyansk, Kharkiv Oblast, direction.",
			[]string{"Dnipro/LOC", "Dnipro/GPE", "Kherson/GPE", "Kupyansk/GPE", "Kharkiv Oblast/GPE"}},
		{"the second of two people's republics", "The Donetsk and Luhansk People’s Republics were recognized.",
			[]string{"Donetsk/GPE", "Luhansk People’s Republics/GPE"}},
		{"a state's acronym splits off a named unit, not an institution", "The DNR 1st Army Corps, the LNR 2nd Army Corps and the US Army met.",
			[]string{"DNR/GPE", "1st Army Corps/ORG", "LNR/GPE", "2nd Army Corps/ORG", "US Army/ORG"}},
		{"a defined state acronym splits off a named unit too", "The Donetsk People’s Republic (DNR) moved men into the DNR 100th Separate Motorized Rifle Brigade.",
			[]string{"Donetsk People’s Republic/GPE", "DNR/GPE", "DNR/GPE", "100th Separate Motorized Rifle Brigade/ORG"}},
		{"nouns of nationality are the country's demonym", "That is one vaccine for each Dane. Serbs, Croats and Bosniaks met; Scots and Tigrayan forces too.",
			[]string{"Dane/NORP", "Serbs/NORP", "Croats/NORP", "Bosniaks/NORP", "Scots/NORP", "Tigrayan/NORP"}},
		{"regional and ethnic demonyms; state companies", "Dagestani and Buryat soldiers near the Crimean border; Energoatom and Rosatom said so.",
			[]string{"Dagestani/NORP", "Buryat/NORP", "Crimean/NORP", "Energoatom/ORG", "Rosatom/ORG"}},
		{"a country or nationality inside an institution's name", "The UK MoD and the US National Security Council said that Russian Telegram channels lied.",
			[]string{"UK MoD/ORG", "US National Security Council/ORG", "Russian/NORP", "Telegram/ORG"}},
		{"days and feasts are no places", "The car bomb attacks in Diyala Province on Monday violated the peace of Ramadan.",
			[]string{"Diyala Province/GPE"}},
		{"an office before its holder's title", "Ukrainian Presidential Office Deputy Head Kyrylo Tymoshenko said that Melitopol Mayor Ivan Fedorov left.",
			[]string{"Ukrainian/NORP", "Kyrylo Tymoshenko/PERSON", "Melitopol/GPE", "Ivan Fedorov/PERSON"}},
		{"a road code names its road; the towns before it stay places", "Russian forces cut the Bakhmut-Lysychansk T1302 highway.",
			[]string{"Russian/NORP", "Bakhmut/GPE", "Lysychansk/GPE", "T1302 highway/FAC"}},
		{"a landform word ends a name, and is none alone", "Ukrainian forces struck Snake Island. The Island is calm.",
			[]string{"Ukrainian/NORP", "Snake Island/LOC"}},
		{"a line of effort and a direction's axis are no names", "Russian Subordinate Main Effort—Capture the entirety of Donetsk Oblast. Supporting Effort 2—Southern Axis; the Izyum axis.",
			[]string{"Russian/NORP", "Donetsk Oblast/GPE", "Izyum/GPE"}},
		{"a navy's prefix, not an army's", "SAS Captain John Smith met the crew of HMS Ocean.", []string{"John Smith/PERSON"}},
		{"an area's name before a lower-case administrative noun", "Officials of the Somme department said floods hit the Adhamiyah district of Baghdad.",
			[]string{"Somme/GPE", "Adhamiyah/GPE", "Baghdad/GPE"}},
		{"ships are no names", "HMS Ocean and USS Mahan joined FS Charles de Gaulle. Ukraine sank the cruiser Moskva near Odesa.",
			[]string{"Ukraine/GPE", "Odesa/GPE"}},
		{"religious and ethnic groups; a region of the lexicon", "Roman Catholics, Protestants, Uyghurs and Rohingya fled Nagorno-Karabakh.",
			[]string{"Roman Catholics/NORP", "Protestants/NORP", "Uyghurs/NORP", "Rohingya/NORP", "Nagorno-Karabakh/LOC"}},
		{"a lower-case word is no group outside threat reporting", "Both sides waged a tit-for-tat struggle near Kyiv.", []string{"Kyiv/GPE"}},
		{"former states are GPE", "The Soviet Union and the USSR backed East Germany and Yugoslavia.",
			[]string{"Soviet Union/GPE", "USSR/GPE", "East Germany/GPE", "Yugoslavia/GPE"}},
		{"an acronym takes the longest name before it, not a place inside", "The Organization of African Unity (OAU) met in Addis Ababa. The OAU said so.",
			[]string{"Organization of African Unity/ORG", "OAU/ORG", "Addis Ababa/GPE", "OAU/ORG"}},
		{"a lone place is no definition of another initial's acronym", "The United Nations Operation in Somalia (UNOSOM) was to manage peace-keeping. UNOSOM is the last chance.",
			[]string{"United Nations/ORG", "Somalia/GPE"}},
		{"listed countries and republics stay GPE", "Russia is calling up conscripts from the DNR and LNR.",
			[]string{"Russia/GPE", "DNR/GPE", "LNR/GPE"}},
		{"a rank is no unit", "Chief of the General Staff of the Russian Armed Forces Army General Valery Gerasimov and Russian Defense Minister Army General Sergei Shoigu met.",
			[]string{"General Staff/ORG", "Russian Armed Forces/ORG", "Valery Gerasimov/PERSON", "Russian/NORP", "Sergei Shoigu/PERSON"}},
		{"a plural acronym is a description", "Russian BTGs moved along Russian GLOCs.", []string{"Russian/NORP", "Russian/NORP"}},
		{"an area's abbreviation after a town", "The man from Paterson, N.J., was held in Macon, Ga., and in Innisfail, Qld, said John Smith, MD.",
			[]string{"Paterson/GPE", "N.J./GPE", "Macon/GPE", "Ga./GPE", "Innisfail/GPE", "Qld/GPE", "John Smith/PERSON"}},
		{"a compass noun begins a longer name; an adjective stays out of one", "Cases rose in the West Midlands, North Eastern Province and Eastern Kharkiv Oblast among North American visitors. The West Nile virus reached the West.",
			[]string{"West Midlands/LOC", "North Eastern Province/GPE", "Kharkiv Oblast/GPE", "North American/NORP", "West/LOC"}},
		{"a place abbreviation takes the name after it", "People are flooding the St. Nicolas hospital in St. Marc. He will appear for crowds in St. Peter's Square.",
			[]string{"St. Nicolas/LOC", "St. Marc/LOC", "St. Peter's Square/LOC"}},
		{"a town the lists lack after a preposition, in a country the report names", "Storms hit Queensland. The state declared an emergency in Innisfail, and a statement from Chambers said so. Near Cairns, roads closed.",
			[]string{"Queensland/GPE", "Innisfail/GPE", "Cairns/GPE"}},
		{"a compound direction is no listed province", "Horse flu was found in North-Western Sydney and in North Western Province.",
			[]string{"Sydney/GPE", "North Western Province/GPE"}},
		{"places named after a titled person", "Ducks were found in Queen Anne's County and on King George Island, near Prince Edward Island. King Charles spoke.",
			[]string{"Queen Anne's County/GPE", "King George Island/LOC", "Prince Edward Island/GPE", "Charles/PERSON"}},
		{"events are no names", "Tiger Woods won the Milwaukee Open and the BellSouth Classic before the Atlanta Games.",
			[]string{"Tiger Woods/PERSON"}},
		{"a town named like a person before its state", "Janet Evans of Marion, Ohio was told so. Evans, Texas's senator, was not.",
			[]string{"Janet Evans/PERSON", "Marion/GPE", "Ohio/GPE", "Evans/PERSON", "Texas/GPE"}},
		{"such a town's other mentions, as a name alone", "Storms hit Queensland. Roads closed in Innisfail. Innisfail residents fled; the Innisfail Shire met; Innisfail-based crews left.",
			[]string{"Queensland/GPE", "Innisfail/GPE", "Innisfail/GPE"}},
		{"in threat and outbreak reporting too, but no language after a verb of writing code", "Samples of the infected malware were sent to laboratories in Weybridge, England. The loader of the Greek firm is written in Delphi.",
			[]string{"Weybridge/GPE", "England/GPE", "Greek/NORP"}},
		{"an area noun and \"of\" before the town", "Birds died in the area of Esperance in Western Australia.",
			[]string{"Esperance/GPE", "Western Australia/GPE"}},
		{"a preposition opening the sentence", "Aircraft struck targets in Syria. Near Ayn Isa, one strike destroyed a repeater station.",
			[]string{"Syria/GPE", "Ayn Isa/GPE"}},
		{"a lower-case role noun introduces a person", "Wagner Group financier Yevgeny Prigozhin and milblogger Yuri Kotyenok met director Jaime Perez-Guerra; an official Russian Information Agency report followed.",
			[]string{"Wagner Group/GROUP", "Yevgeny Prigozhin/PERSON", "Yuri Kotyenok/PERSON", "Jaime Perez-Guerra/PERSON", "Russian Information Agency/ORG"}},
		{"the end of an institution's name introduces a person", "Leader of the Russian Communist Party Gennady Zyuganov spoke. So did Health Department Epidemiologist Patsy Tassler.",
			[]string{"Russian Communist Party/ORG", "Gennady Zyuganov/PERSON", "Health Department/ORG", "Patsy Tassler/PERSON"}},
		{"a generic listed name after capitals, a place opening a longer quoted name", "Envoy to the Far Eastern Federal District Yury Trutnev said the ”Kuzma Minin” Volunteer Tank Battalion and the “Luhansk partisan” project left Brazil's Federal District.",
			[]string{"Far Eastern Federal District/GPE", "Yury Trutnev/PERSON", "Volunteer Tank Battalion/ORG", "Luhansk/GPE", "Brazil/GPE", "Federal District/GPE"}},
		{"a task force or air force is an institution", "The Combined Joint Task Force and the Russian Air Force met the Air Force Reserve Command.",
			[]string{"Combined Joint Task Force/ORG", "Russian Air Force/ORG", "Air Force Reserve Command/ORG"}},
		{"a listed technique is no unit (techniques are left out of this table)", "The threat actor APT29 used Brute Force (T1110) and Cobalt Strike malware.",
			[]string{"APT29/GROUP", "Cobalt Strike/MALWARE"}},
		{"a listed web shell named after a country is no place", "The threat actor used the China Chopper webshell against the exploited Exchange server.",
			[]string{"China Chopper/MALWARE"}},
		{"names joined by a spaced ampersand", "Shares of Procter & Gamble and Johnson & Johnson rose. The Ministry of Information Technology & Telecommunication spoke.",
			[]string{"Procter & Gamble/ORG", "Johnson & Johnson/ORG", "Ministry of Information Technology & Telecommunication/ORG"}},
		{"places joined by a spaced ampersand stay apart", "Talks between Russia & Ukraine stalled.",
			[]string{"Russia/GPE", "Ukraine/GPE"}},
		{"a country before a company word is no given name", "The attackers hit China Petroleum Pipeline Engineering. Jordan Peterson spoke.",
			[]string{"China/GPE", "Jordan Peterson/PERSON"}},
		{"a unit defines its acronym; a capitalised role inside a name introduces a person", "Forces fought with elements of the Central Military District (CMD). CMD units moved, said Wagner Group Financier Yevgeny Prigozhin.",
			[]string{"Central Military District/ORG", "CMD/ORG", "CMD/ORG", "Wagner Group/GROUP", "Yevgeny Prigozhin/PERSON"}},
		{"the model's person that is a town of a named country, with no listed name in it", "Russian forces continued routine shelling along the line of contact west of Hulyaipole, Zaporizhia Oblast, against Nikopol and Marhanets, Dnipropetrovsk Oblast, and against Ochakiv, Mykolaiv Oblast on December 5 and 6.",
			[]string{"Russian/NORP", "Hulyaipole/GPE", "Zaporizhia Oblast/GPE", "Nikopol/GPE", "Marhanets/GPE", "Dnipropetrovsk Oblast/GPE", "Ochakiv/GPE", "Mykolaiv Oblast/GPE"}},
		{"a job between a title and a given name stays out of the name", "Chief Veterinarian John Clifford met Prime Minister Haider Al Abadi.",
			[]string{"John Clifford/PERSON", "Haider Al Abadi/PERSON"}},
		{"a day is no surname", "Stock prices dropped in Europe and Asia Monday.", []string{"Europe/LOC", "Asia/LOC"}},
		{"a listed place is no sector", "UNICEF says that Africa accounts for 75 percent of polio cases.", []string{"UNICEF/ORG", "Africa/LOC"}},
		{"an abbreviation that names its area alone, not inside a longer name", "NSW Health said the outbreak across NSW was over.",
			[]string{"NSW Health/ORG", "NSW/GPE"}},
		{"people are not near or in, nor in a list of places", "Russian forces targeted areas near Nova Dmytrivka and Dibrovne (both within 28km of Izyum).",
			[]string{"Russian/NORP", "Nova Dmytrivka/GPE", "Dibrovne/GPE", "Izyum/GPE"}},
		{"a compass word alone: no listed area; as a noun, a region", "Russian forces attacked in Eastern Ukraine and the West sent aid to Western Cape.",
			[]string{"Russian/NORP", "Ukraine/GPE", "West/LOC", "Western Cape/GPE"}},
		{"a dynasty's name closes a name built of bin", "Ambassador Abdulla bin Rashed Al Khalifa arrived. Crown Prince Hamdan bin Mohammed Al Maktoum said so. Al Jazeera reported it.",
			[]string{"Abdulla bin Rashed Al Khalifa/PERSON", "Hamdan bin Mohammed Al Maktoum/PERSON", "Al Jazeera/ORG"}},
		{"a command named for its direction after it", "Ukrainian Operational Command South Spokesperson Natalya Humenyuk spoke. Ukrainian Operational Command “South” emphasized it.",
			[]string{"Ukrainian/NORP", "Operational Command South/ORG", "Natalya Humenyuk/PERSON", "Ukrainian/NORP", "Operational Command “South”/ORG"}},
		{"a name a country and its people share is the country after \"the\"; a people's own spelling is not; the Holy See is the state", "The Vatican reports that the Pope recovered. The Thai government agreed. The Holy See believes so.",
			[]string{"Vatican/GPE", "Thai/NORP", "Holy See/GPE"}},
		{"a part word cut short before \"and\" is a region", "Tribes in Mexico and Central and South America and in North and South Korea traded.",
			[]string{"Mexico/GPE", "Central/LOC", "South America/LOC", "North/LOC", "South Korea/GPE"}},
		{"\"Western\" is the West's people, not before a place", "Western media reported attacks in Western Luhansk Oblast, Western Crimea and Western Ukraine as Western countries sent aid.",
			[]string{"Western/NORP", "Luhansk Oblast/GPE", "Crimea/GPE", "Ukraine/GPE", "Western/NORP"}},
		{"a name's edges: no lower-case words, no apostrophe; a surname after a full name", "Lukashenko blamed Ukraine and NATO for provocations. Luhansk Oblast Head Serhiy Haidai said so. Haidai’s statement reflects confusion.",
			[]string{"Lukashenko/PERSON", "Ukraine/GPE", "NATO/ORG", "Luhansk Oblast/GPE", "Serhiy Haidai/PERSON", "Haidai/PERSON"}},
		{"directions and documents are no names", "Russian forces attacked northeast of Bakhmut. Lukashenko violated the Geneva Conventions.",
			[]string{"Russian/NORP", "Bakhmut/GPE", "Lukashenko/PERSON"}},
		{"a compass point in a unit's name is no nationality", "The 20th Combined Arms Army of the Western Military District moved; Western officials objected.",
			[]string{"20th Combined Arms Army/ORG", "Western Military District/ORG", "Western/NORP"}},
		{"a line of effort is a heading, not an organisation", "Russian Main Effort—Eastern Ukraine (comprised of one subordinate and one supporting effort);\n- Russian Subordinate Main Effort—Capture the entirety of Donetsk Oblast\n- Russian Mobilization and Force Generation Efforts\n\nRussian forces fought in Kherson City.",
			[]string{"Russian/NORP", "Ukraine/GPE", "Russian/NORP", "Donetsk Oblast/GPE", "Russian/NORP", "Russian/NORP", "Kherson City/GPE"}},
		{"a district of a place is no unit", "Russian forces fought in the Kherson district.",
			[]string{"Russian/NORP", "Kherson/GPE"}},
		{"a lexicon institution outranks the model inside it", "The Russian MoD claimed that the DNR and LNR advanced; Western officials denied it.",
			[]string{"Russian MoD/ORG", "DNR/GPE", "LNR/GPE", "Western/NORP"}},
		{"institution acronyms of the lexicon", "Officials of NATO, the UN and the EU met.",
			[]string{"NATO/ORG", "UN/ORG", "EU/ORG"}},
		{"country abbreviations the lists lacked", "U.S. forces and UK officials met in Britain.",
			[]string{"U.S./GPE", "UK/GPE", "Britain/GPE"}},
		{"a title keeps its name from the model", "At least 25 people were killed, including Mawlawi Hamdullah Rahmani, commander of the Badri Brigade.",
			[]string{"Hamdullah Rahmani/PERSON", "Badri Brigade/GROUP"}},
		{"languages of the Factbook are NORP, not places", "Leaflets in Arabic, Pashto and Dari were found.",
			[]string{"Arabic/NORP", "Pashto/NORP", "Dari/NORP"}},
		{"Factbook parties, forces and leaders", "Vladimir Putin met the Awami League and the Afghan Border Police.",
			[]string{"Vladimir Putin/PERSON", "Awami League/ORG", "Afghan Border Police/ORG"}},
		{"a spelling of Daesh and the Coalition", "Coalition forces struck Da’esh near Raqqa, the Global Coalition said.",
			[]string{"Coalition/ORG", "Da’esh/GROUP", "Raqqa/GPE", "Global Coalition/ORG"}},
		{"a surname without its article is the person", "President Bashar al-Assad spoke. Later Assad denied it, as Abu Bakr al-Baghdadi had; Baghdadi was dead.",
			[]string{"Bashar al-Assad/PERSON", "Assad/PERSON", "Abu Bakr al-Baghdadi/PERSON", "Baghdadi/PERSON"}},
		{"a given name and a surname after an unknown title; the surname recurs", "Pentagon Press Secretary Peter Cook said strikes continued. Cook added that Col. David C. Lyons led the unit.",
			[]string{"Pentagon/ORG", "Peter Cook/PERSON", "Cook/PERSON", "David C. Lyons/PERSON"}},
		{"an affiliation and a title before a person stay out of the span", "Kremlin Press Secretary Dmitry Peskov and Severodonetsk Mayor Oleksandr Stryuk spoke; occupation official Vladimir Rogov agreed.",
			[]string{"Kremlin/ORG", "Dmitry Peskov/PERSON", "Severodonetsk/GPE", "Oleksandr Stryuk/PERSON", "Vladimir Rogov/PERSON"}},
		{"a listed given name and an unlisted surname of Slavic shape, after titles and offices the model does not know; not a village's adjective",
			"He wrote letters to Chairman of the Russian State Duma Vyacheslav Volodin, and Chairman of the Russian Communist Party Gennadiy Zyuganov. Volodin subsequently stated that deceased servicemen must receive equal rights. A former officer, Andrey Troshev, petitioned Putin. Zelensky appointed Eduard Koskalov the new Commander. Fighting went on in Nova Kakhova.",
			[]string{"Russian State Duma/ORG", "Vyacheslav Volodin/PERSON", "Russian Communist Party/ORG", "Gennadiy Zyuganov/PERSON", "Volodin/PERSON", "Andrey Troshev/PERSON", "Putin/PERSON", "Zelensky/PERSON", "Eduard Koskalov/PERSON", "Nova Kakhova/GPE"}},
		{"names no layer marked that a bearing follows or that have a Ukrainian settlement's shape, in a report about the war; not an English word",
			"The Russian MoD claimed that Russian forces also repelled Ukrainian assaults northwest of Kreminna in the directions of Makiivka (22km west of Kreminna), Ploshchanka (17km west of Kreminna), and Chervonopopivka (6km northwest of Kreminna). Russian forces repelled five Ukrainian attacks on Mylove, Sukhanove, Bruskynske, and Ishchenka in northern Kherson Oblast. Remove the mines, officials said.",
			[]string{"Russian MoD/ORG", "Russian/NORP", "Ukrainian/NORP", "Kreminna/GPE", "Makiivka/GPE", "Kreminna/GPE", "Ploshchanka/GPE", "Kreminna/GPE", "Chervonopopivka/GPE", "Kreminna/GPE",
				"Russian/NORP", "Ukrainian/NORP", "Mylove/GPE", "Sukhanove/GPE", "Bruskynske/GPE", "Ishchenka/GPE", "Kherson Oblast/GPE"}},
		{"a village's adjective and the listed village after it are one place", "Russian forces are fighting in Ustynivka and Myrna Dolyna.",
			[]string{"Russian/NORP", "Ustynivka/GPE", "Myrna Dolyna/GPE"}},
		{"no one's name ends in States, and a region's is no surname", "The State of Qatar firmly believes that ensuring the security of the Gulf area is the task of the States of the area. It reflected the will of six Gulf States. We call on all peace loving States to exercise all forms of pressure.",
			[]string{"State of Qatar/GPE", "Gulf/LOC", "Gulf/LOC"}},
		{"an armed group's short name after its full name is the group, not a neighbour of other capitalised words", "The Wagner Group recruited prisoners. Wagner has recruited 50,000 of them, and Wagner forces lost many. The group opened the Wagner Center in St. Petersburg.",
			[]string{"Wagner Group/GROUP", "Wagner/GROUP", "Wagner/GROUP", "Wagner Center/ORG", "St. Petersburg/GPE"}},
		{"a unit's head after Guard decides; a river's name no layer marked; a town after via", "The component is comprised of elements of the 1st Guard Tank Army. Forces will face challenges crossing the Siverskyi Donets River to advance from Lyman towards Slovyansk via Raihorodok.",
			[]string{"1st Guard Tank Army/ORG", "Siverskyi Donets River/LOC", "Lyman/GPE", "Slovyansk/GPE", "Raihorodok/GPE"}},
		{"a hyphenated surname alone is the person", "Iranian Foreign Minister Hossein Amir-Abdollahian confirmed that Iran sent Russia combat drones. Amir-Abdollahian stated on November 5 that Iran “gave a limited number of drones to Russia months before” the war in Ukraine. Amir-Abdollahian also claimed that if Ukrainian officials could prove that the Russian military has used Iranian-made drones in Ukraine then Iranian officials would “not be indifferent” to the concern.",
			[]string{"Iranian/NORP", "Hossein Amir-Abdollahian/PERSON", "Iran/GPE", "Russia/GPE", "Amir-Abdollahian/PERSON", "Iran/GPE", "Russia/GPE", "Ukraine/GPE",
				"Amir-Abdollahian/PERSON", "Ukrainian/NORP", "Russian/NORP", "Iranian/NORP", "Ukraine/GPE", "Iranian/NORP"}},
		{"a body named for a day is no date", "Rwanda backs the March 23 Movement and the April 6 Youth Movement.",
			[]string{"Rwanda/GPE", "March 23 Movement/ORG", "April 6 Youth Movement/ORG"}},
		{"an epithet is part of a ruler's name; a rebellion is an event, no organisation", "Putin asked the teacher about the causes of the Pugachev Rebellion that challenged Catherine the Great in the mid-1770s.",
			[]string{"Putin/PERSON", "Catherine the Great/PERSON"}},
		{"in a report about the war a lone unlisted name joined to a town or placed by a bearing is a town; not a sentence's first word",
			"Russian forces cut Ukrainian logistics routes from Bakhmut and Siversk to isolate Lysychansk. They seized Voevodivka, north of Severdonetsk. However, Kyiv held.",
			[]string{"Russian/NORP", "Ukrainian/NORP", "Bakhmut/GPE", "Siversk/GPE", "Lysychansk/GPE", "Voevodivka/GPE", "Severdonetsk/GPE", "Kyiv/GPE"}},
		{"an outlet's name after its kind noun, without its article", "Russian opposition outlet The Insider reported that Wagner recruits prisoners.",
			[]string{"Russian/NORP", "Insider/ORG"}},
		{"more East Slavic surname endings; a gubernia is a region", "Luhansk People’s Republic (LNR) Ambassador to Russia Leonid Miroshnik claimed that Ukrainian forces struck the center. The Kremlin seeks to annex them under the template of the pre-1917 “Tavriia Gubernia.”",
			[]string{"Luhansk People’s Republic/GPE", "LNR/GPE", "Russia/GPE", "Leonid Miroshnik/PERSON", "Ukrainian/NORP", "Kremlin/ORG", "Tavriia Gubernia/GPE"}},
		{"a listed city's name after a title is a person's when no job word of two letters stands first", "True to the ideals of President Ho Chi Minh, the Vietnamese people pledge support.",
			[]string{"Ho Chi Minh/PERSON", "Vietnamese/NORP"}},
		{"names of places and institutions that start with a given name", "Troops left Sierra Leone for Virginia Beach. He studied at George Washington University.",
			[]string{"Sierra Leone/GPE", "Virginia Beach/GPE", "George Washington University/ORG"}},
		{"name particles stay in the span, a hyphen ends no name", "The envoy met Osama bin Laden and Haider al-Abadi in Kabul. Abadi left.",
			[]string{"Osama bin Laden/PERSON", "Haider al-Abadi/PERSON", "Kabul/GPE", "Abadi/PERSON"}},
		{"names after a settlement noun are GPEs", "Russian forces shelled the villages of Dolyna, Bohorodychne and Krasnopillia and the town of Velyka Novosilka.",
			[]string{"Russian/NORP", "Dolyna/GPE", "Bohorodychne/GPE", "Krasnopillia/GPE", "Velyka Novosilka/GPE"}},
		{"names a plural settlement noun introduces with including or such as are GPEs", "Russian forces struck settlements to the east of Slovyansk, including Tetyanivka, Donetske, and Starodubivka. Several cities, including three in Kharkiv Oblast, lost power.",
			[]string{"Russian/NORP", "Slovyansk/GPE", "Tetyanivka/GPE", "Donetske/GPE", "Starodubivka/GPE", "Kharkiv Oblast/GPE"}},
		{"a bearing, a verb of taking ground or a Ukrainian settlement's shape makes a village of the model's person or area",
			"Russian forces attacked Dovhenke, 20 kilometers south of Izyum. Russian proxies claimed to capture Pishchevik and Pavlopol, 25km northeast of Mariupol. Fighting continued near Hryhorivka and Verkhnokamyanske in Ukraine.",
			[]string{"Russian/NORP", "Dovhenke/GPE", "Izyum/GPE", "Russian/NORP", "Pishchevik/GPE", "Pavlopol/GPE", "Mariupol/GPE", "Hryhorivka/GPE", "Verkhnokamyanske/GPE", "Ukraine/GPE"}},
		{"the settlement's shape counts only where the document names places there", "Women's javelin: 1. Tanja Damaske (Germany) 66.60 metres.",
			[]string{"Tanja Damaske/PERSON", "Germany/GPE"}},
		{"a listed town is no person by a given name alone", "Protests spread from Atlanta to Savannah.",
			[]string{"Atlanta/GPE", "Savannah/GPE"}},
		{"a listed country is no person, unless the document names the person", "Neighbouring Israel has a blockade on Gaza; Kenya's first case followed. Michael Jordan scored and Jordan said so.",
			[]string{"Israel/GPE", "Gaza/GPE", "Kenya/GPE", "Michael Jordan/PERSON", "Jordan/PERSON"}},
		{"a listed direction or landform word is part of a longer place", "Floods hit Eastern Creek near Sydney and the Swat Valley in Pakistan. Officials on Waiheke Island responded.",
			[]string{"Eastern Creek/GPE", "Sydney/GPE", "Swat Valley/LOC", "Pakistan/GPE", "Waiheke Island/LOC"}},
		{"armed groups and forces the lists lack", "The Syrian Democratic Forces (SDF), the YPG and the Wagner Group fought; the Iraqi Security Forces and the Peshmerga held Mosul.",
			[]string{"Syrian Democratic Forces/GROUP", "SDF/GROUP", "YPG/GROUP", "Wagner Group/GROUP", "Iraqi Security Forces/ORG", "Peshmerga/ORG", "Mosul/GPE"}},
		{"a lower-case compass word is a direction, not part of the name", "Fighting in south Sudan and in South Sudan spread to southeast Asia and Southeast Asia.",
			[]string{"Sudan/GPE", "South Sudan/GPE", "Asia/LOC", "Southeast Asia/LOC"}},
		{"institutions by their head noun, the nationality inside", "The Ukrainian Resistance Center and the Russian Federal Security Service reported that the Russian Federation and the Novosibirsk Oblast Legislative Assembly backed the World Monuments Fund (WMF). The WMF agreed.",
			[]string{"Ukrainian Resistance Center/ORG", "Russian Federal Security Service/ORG", "Russian Federation/GPE", "Novosibirsk Oblast Legislative Assembly/ORG",
				"World Monuments Fund/ORG", "WMF/ORG", "WMF/ORG"}},
		{"a kunya opens a name, not a town", "ISIL fighter Abu Jandal al-Kuwaiti was killed in Abu Kamal.",
			[]string{"ISIL/GROUP", "Abu Jandal al-Kuwaiti/PERSON", "Abu Kamal/GPE"}},
		{"a title, a nationality and a title: the person is after the last", "Deputy Ukrainian Prime Minister Irina Vereshchuk said that Russia has not responded.",
			[]string{"Ukrainian/NORP", "Irina Vereshchuk/PERSON", "Russia/GPE"}},
		{"a unit's name ends before a title or a person's given name; General of the Army is a title",
			"Ukrainian Eastern Group of Forces Spokesperson Serhiy Cherevaty stated that Russian forces attacked. He met General of the Army Sergey Surovikin in Moscow.",
			[]string{"Ukrainian/NORP", "Eastern Group of Forces/ORG", "Serhiy Cherevaty/PERSON", "Russian/NORP", "Sergey Surovikin/PERSON", "Moscow/GPE"}},
		{"satellite imagery providers of map credits are organisations", "Source: Maxar Technologies. Map data: Esri, Maxar, Earthstar Geographics, and the GIS User Community.",
			[]string{"Maxar Technologies/ORG", "Esri/ORG", "Maxar/ORG", "Earthstar Geographics/ORG", "GIS User Community/ORG"}},
		{"Ukrainian settlements named by a colour and a noun; designations and New Year are no names",
			"Russian forces used Tu-22M bombers and Il-76 planes on New Year’s Eve. Ukrainian troops regrouped near Hola Prystan (10km southwest of Kherson City) and attacked Bila Hora. Ukrainian Counteroffensives—Eastern Ukraine continued.",
			[]string{"Russian/NORP", "Ukrainian/NORP", "Hola Prystan/GPE", "Kherson City/GPE", "Bila Hora/GPE", "Ukrainian/NORP", "Ukraine/GPE"}},
		{"what a force moves towards, written as names, are towns, a listed town inside one giving way; they echo",
			"Russian forces conducted failed offensive operations near Bakhmut, toward Mayorsk, Mykolayivka Druha, Zaitseve, Vesela Dolyna, and Mykhailo-Kotsyubynske. Ukrainian troops held Zaitseve.",
			[]string{"Russian/NORP", "Bakhmut/GPE", "Mayorsk/GPE", "Mykolayivka Druha/GPE", "Zaitseve/GPE", "Vesela Dolyna/GPE", "Mykhailo-Kotsyubynske/GPE", "Ukrainian/NORP", "Zaitseve/GPE"}},
		{"a town a title names is a person's name; a people noun makes the names it introduces or ends peoples, not places",
			"Queen Elizabeth favored England’s advance. In tribes such as the Iroquois, Lenape, Muscogee, and Cherokee, women had power. Rustlers from the Pokot tribe attacked the Samburu tribe.",
			[]string{"Elizabeth/PERSON", "England/GPE", "Iroquois/NORP", "Lenape/NORP", "Muscogee/NORP", "Cherokee/NORP", "Pokot/NORP", "Samburu/NORP"}},
		{"a clause after a settlement noun opens no list of towns", "Europeans retreated into walled cities, fearing marauding pillagers including Vikings and Magyars.",
			[]string{"Europeans/NORP"}},
		{"a listed place inside a landform's name is the landform",
			"Boats crossed Lake Chad and the Gulf of Aden near Mount Kenya and the Bay of Bengal. Smugglers cross the Amu Darya into Tajikistan. Fighters hid in the Tora Bora mountains and the Lake Chad Basin.",
			[]string{"Lake Chad/LOC", "Gulf of Aden/LOC", "Mount Kenya/LOC", "Bay of Bengal/LOC", "Amu Darya/LOC", "Tajikistan/GPE", "Tora Bora/LOC", "Lake Chad Basin/LOC"}},
		{"a settlement noun in apposition makes a town; the model's area of a town the document names as a town is the town",
			"Wagner Group fighters took control of Mykhailivka Druha, a small settlement along the T0513 highway. Ukrainian forces entered the village of Kozacha Lopan in Kharkiv Oblast. Kozacha Lopan lies 10km from the Russian border. Tim Whitley, a city official in Malakoff, said so.",
			[]string{"Wagner Group/GROUP", "Mykhailivka Druha/GPE", "T0513 highway/FAC", "Ukrainian/NORP", "Kozacha Lopan/GPE", "Kharkiv Oblast/GPE", "Kozacha Lopan/GPE", "Russian/NORP", "Tim Whitley/PERSON", "Malakoff/GPE"}},
		{"a plan and a notion are no places; a compass word and a listed place make a place; a Mount ends a landform's name",
			"The pandemic fanned racism, antisemitism and Islamophobia. Israel should respect the sanctity of the Temple Mount, with East Jerusalem as the capital of Palestine, under the Arab Peace Initiative.",
			[]string{"Israel/GPE", "Temple Mount/LOC", "East Jerusalem/GPE", "Palestine/GPE", "Arab/NORP"}},
		{"a town before a verb only a person's deed is a person's name; a capital stands for its government",
			"The Allies rebuilt industry. Stalin perceived these efforts as a threat. In 1807, when Napoléon instituted his Continental System aimed at Britain, Portugal could not comply. Moscow decided to strike. Russia and Ukraine fought. Kiev decided to strike.",
			[]string{"Allies/ORG", "Stalin/PERSON", "Napoléon/PERSON", "Britain/GPE", "Portugal/GPE", "Moscow/GPE", "Russia/GPE", "Ukraine/GPE", "Kiev/GPE"}},
		{"a plural title of an office introduces its holders",
			"Deputy Prime Ministers Saif bin Zayid and Mansur bin Zayid met Foreign Ministers Lavrov and Wang Yi.",
			[]string{"Saif bin Zayid/PERSON", "Mansur bin Zayid/PERSON", "Lavrov/PERSON", "Wang Yi/PERSON"}},
		{"a town and the person after it that the model read as one name are two",
			"Russian forces shelled Kharkiv. Russian-appointed Head of Mariupol Konstantin Ivanchenko signed a cooperation agreement.",
			[]string{"Russian/NORP", "Kharkiv/GPE", "Russian/NORP", "Mariupol/GPE", "Konstantin Ivanchenko/PERSON"}},
		{"in a report about the war, the model's area placed as ISW places its towns is a town",
			"Russian forces shelled Kharkiv, Kyiv and Odesa. Ukrainian forces struck Russian positions in Mykolaiv City and Apostolove in Dnipropetrovsk Oblast and airstrikes near Potomkyne and Prechystivka. Russian forces did not attack west of Hulyaipole on September 22.",
			[]string{"Russian/NORP", "Kharkiv/GPE", "Kyiv/GPE", "Odesa/GPE", "Ukrainian/NORP", "Russian/NORP", "Mykolaiv City/GPE", "Apostolove/GPE",
				"Dnipropetrovsk Oblast/GPE", "Potomkyne/GPE", "Prechystivka/GPE", "Russian/NORP", "Hulyaipole/GPE"}},
		{"a title of a place's office names the person after the place",
			"Russian forces attacked Kyiv. Governor of St. Petersburg Alexander Belov met Governor of Kharkiv Oblast Oleh Synehubov. Head of the Chechen Republic Ramzan Kadyrov spoke. The Commander of the Black Sea Fleet Admiral Osipov resigned.",
			[]string{"Russian/NORP", "Kyiv/GPE", "St. Petersburg/GPE", "Alexander Belov/PERSON", "Kharkiv Oblast/GPE", "Oleh Synehubov/PERSON",
				"Chechen Republic/GPE", "Ramzan Kadyrov/PERSON", "Black Sea Fleet/ORG", "Osipov/PERSON"}},
		{"a landform word after a capitalised word ends a LOC's name unless the name goes on",
			"As a Small Island Developing State, Jamaica is exposed. At the recent Pacific Island Forum meeting, leaders met.",
			[]string{"Jamaica/GPE"}},
		{"a word the context makes a company that opens a listed group of the document is the group; an office's place with its acronym",
			"The Russian MoD failed to acknowledge the Wagner Group in Soledar. Private military companies such as Wagner are illegal in Russia. Head of the Luhansk People’s Republic (LNR) Leonid Pasechnik stated that Ukrainian forces withdrew.",
			[]string{"Russian MoD/ORG", "Wagner Group/GROUP", "Soledar/GPE", "Wagner/GROUP", "Russia/GPE", "Luhansk People’s Republic/GPE", "LNR/GPE",
				"Leonid Pasechnik/PERSON", "Ukrainian/NORP"}},
		{"a named storm is no person; a hurricane centre is an organisation", "The destruction visited upon Jamaica by Hurricane Gilbert was severe. Countries are recovering from Tropical Storm Kirk and Storm Daniel. The US National Hurricane Center said so.",
			[]string{"Jamaica/GPE", "US National Hurricane Center/ORG"}},
		{"a surname that is a plain word is no one after a capitalised word that is no title or given name", "Senator Bill Young voted against it. The Committee asked Member Young Turks to leave.",
			[]string{"Bill Young/PERSON", "Turks/NORP"}},
		{"and after a listed name joins two bodies, not two words of one", "They fuel the accurate narrative of Kremlin and Russian Ministry of Defense incompetence. The White House and Department of State were hit. The Food and Drug Administration and the Securities and Exchange Commission agreed.",
			[]string{"Kremlin/ORG", "Russian Ministry of Defense/ORG", "White House/ORG", "Department of State/ORG", "Food and Drug Administration/ORG", "Securities and Exchange Commission/ORG"}},
		{"a nationality and a title are no body", "Partisans are active.[87] Ukrainian Advisor to the Kherson Oblast Military Administration Serhiy Khlan said that partisans struck. An aide to Steven Chu, the US Energy Secretary, fell ill.",
			[]string{"Ukrainian/NORP", "Kherson Oblast Military Administration/ORG", "Serhiy Khlan/PERSON", "Steven Chu/PERSON", "US/GPE"}},
		{"a company named after its founder is no person", "It was published by Thomas Y. Crowell Company in New York.",
			[]string{"Thomas Y. Crowell Company/ORG", "New York/GPE"}},
		{"particles do not count towards a titled name's four words; counter- joins an institution's tail", "President Zine El Abidine Ben Ali called for it. We welcomed the Office of Counter-Terrorism.",
			[]string{"Zine El Abidine Ben Ali/PERSON", "Office of Counter-Terrorism/ORG"}},
		{"the names after aka are the family's", "The group deploys a remote access trojan (RAT) on compromised machines, among them:\n\nHikit (aka Matrix RAT aka Gaolmay)\n\nPlugX (aka Destroy RAT aka Thoper aka Sogu)",
			[]string{"Hikit/MALWARE", "Matrix RAT/MALWARE", "Gaolmay/MALWARE", "PlugX/MALWARE", "Destroy RAT/MALWARE", "Thoper/MALWARE", "Sogu/MALWARE"}},
		{"an acronym that keeps a function word's small letter; a listed one stays the lists'",
			"BP drilled in the Gulf of Mexico (GoM). The GoM offered a bonus. The United Kingdom Ministry of Defense (MoD) reported losses. The Russian MoD claimed gains.",
			[]string{"Gulf of Mexico/LOC", "GoM/LOC", "GoM/LOC", "United Kingdom Ministry of Defense/ORG", "MoD/ORG", "Russian MoD/ORG"}},
	}
	runEntityCases(t, tests, "PERSON", "ORG", "GROUP", "GPE", "LOC", "NORP", "FAC", "MALWARE", "TOOL")
}

// TestPlacesNotPersons: the model read one mention of a village it had
// found three times as a place as a person (an ISW window, seed 9091207).
func TestPlacesNotPersons(t *testing.T) {
	text := "Russian forces conducted a series of limited ground attacks northwest of Slovyansk on July 28. The Ukrainian General Staff reported that Russian troops conducted an unsuccessful reconnaissance-in-force attempt near Brazhkivka, about 25 km northwest of Slovyansk in contested territory.[4] Russian troops also reportedly attempted to advance from the Dovhenke area to Mazanivka, about 20 km northwest of Slovyansk, and from Pasika to Dolyna, about 20 km northwest of Slovyansk.[5] On July 27, the Ukrainian General Staff indicated that a Russian reconnaissance group operated near Ukrainian positions in Pasika, seemingly suggesting a limited Ukrainian counterattack in the area.[6] However, reports of a Russian attempt to advance southwest of Pasika toward Dolyna confirm ISW’s control of terrain assessment that Pasika remains in Russian-controlled territory."
	var got []string
	for _, e := range ents(t, text, pipeline.LabelGPE, pipeline.LabelPerson) {
		if strings.HasPrefix(e, "Pasika/") {
			got = append(got, e)
		}
	}
	want := []string{"Pasika/GPE", "Pasika/GPE", "Pasika/GPE", "Pasika/GPE"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestTechnicalAcronyms: the model's technical acronym is no organisation
// (GeoVirus 076, where it had made "GMT" an ORG twice).
func TestTechnicalAcronyms(t *testing.T) {
	text := "A Midland, Michigan, USA newspaper office was shut down briefly due a suspicious letter with white powder. When the envelope was opened at the Midland Daily News offices around 17:00 GMT Tuesday, the presence of powder aroused alarm the envelope might contain the deadly disease anthrax. The news office, along with restaurants and businesses near the downtown newspaper were quarantined as a safety precaution shortly after authorities were alerted. On-site tests found no evidence of anthrax, and the letter has been sent to Lansing for additional tests. Around 20:30 GMT, the office was reopened and all quarantines were lifted. A mail-sorting machine is being tested, and has been removed from the local post office for further tests. The envelope did contain a return address, according to local news station WNEM-TV 5. The editor's office was closed Tuesday night, and sealed off as a crime scene."
	for _, e := range ents(t, text, pipeline.LabelOrg) {
		if e == "GMT/ORG" {
			t.Errorf("GMT is an organisation in %q", text)
		}
	}
}

func TestCompanyWordsAreNoThreats(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"a one-word threat alias opening a company's name is the company's word",
			"The ransomware's domains have a sponsoring registrar (Alibaba Cloud Computing). The Cleaver group used them.",
			[]string{"Alibaba Cloud Computing/ORG", "Cleaver/GROUP"}},
	}, pipeline.LabelOrg, pipeline.LabelGroup, pipeline.LabelMalware, pipeline.LabelTool)
}

func TestURLWordsAndExtensionsAreNoNames(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"a URL's query words and a file extension name nothing",
			"The ransomware redirects to click2[.]systemaffiliate[.]com/filter/?keyword=backhoes+for+sale+Granite+Counter+Tops and hotel+prices+Air+Duct+Cleaning. Microsoft fixed the .LNK and .PIF issues that the malware used.",
			nil},
	}, pipeline.LabelOrg, pipeline.LabelGroup, pipeline.LabelMalware, pipeline.LabelTool)
}

// TestStateAcronyms: a state's acronym opens as its name does; a place that
// ends a longer name defines no acronym ("CODESA" is no South Africa).
func TestStateAcronyms(t *testing.T) {
	got := ents(t, "The United Arab Emirates (UAE) and the Convention for a Democratic South Africa (CODESA) met. The UAE agreed; CODESA did not.",
		pipeline.LabelGPE)
	if !slices.Contains(got, "UAE/GPE") || slices.Contains(got, "CODESA/GPE") {
		t.Errorf("got %v, want UAE and no CODESA among the GPEs", got)
	}
}

// TestStateCodeInParentheses: a state's code in parentheses after a town is
// the state, linked to it (it had been an alias of the town).
func TestStateCodeInParentheses(t *testing.T) {
	d := stagetest.Upstream(t, "Title\n\nConsulates are in Las Vegas (NV) and Kansas City (MO).")
	var got []string
	for _, e := range d.Entities {
		got = append(got, e.Text+"/"+e.Label+"/"+e.ID)
	}
	want := []string{"Las Vegas/GPE/geonames:5506956", "NV/GPE/geonames:5509151", "Kansas City/GPE/geonames:4393217", "MO/GPE/geonames:4398678"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestGroupLinks: an armed group's name links to the entry it names, not to
// another group's alias ("al-Shabaab" is also Canada's alias of Islamic
// State-Mozambique); OFAC's names in capitals are names.
func TestGroupLinks(t *testing.T) {
	for _, tt := range []struct{ give, text, name string }{
		{"Militants from al-Shabaab attacked a base in Mogadishu.", "al-Shabaab", "AL-SHABAAB"},
		{"Al Shabaab fighters withdrew from Mogadishu.", "Al Shabaab", "Al Shabaab"},
		{"The Islamic State of Iraq was founded in 2006.", "Islamic State of Iraq", "Islamic State"}, // not Canada's split alias of the Khorasan province
	} {
		var got string
		for _, e := range stagetest.Upstream(t, "Title\n\n"+tt.give).Entities {
			if e.Text == tt.text {
				got = e.Label + " " + e.Name
			}
		}
		if want := "GROUP " + tt.name; got != want {
			t.Errorf("%q: %q is %q, want %q", tt.give, tt.text, got, want)
		}
	}
}
