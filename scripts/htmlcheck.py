#!/usr/bin/env python3
"""Checks of the HTML reader on the ISW pages (issue #6), run by `make eval`.

usage: htmlcheck.py ISW_DIR HTML_OUT TXT_OUT

For each NAME.html in ISW_DIR, with its record in HTML_OUT and the record of NAME.txt in TXT_OUT:
  - every gold takeaway (NAME.takeaways.json) is the text of a bullet block of the html record;
  - none of the page's furniture is in the text: the text of its <nav>, <footer> and <header>
    elements, line by line (lines of 12+ characters that are not the report title);
  - body: share of the .txt record's words found in the html record (bags of lower-cased words);
  - entities: overlap of the two records' (label, text) sets (Jaccard), and of their takeaways.
Exits 1 if a takeaway is missing or furniture is found.
"""
import html as htmllib
import json
import re
import sys
from collections import Counter
from pathlib import Path

WORD = re.compile(r"\w+")


def records(out):
    return {json.loads(l)["id"]: json.loads(l) for l in open(Path(out) / "annotations.jsonl", encoding="utf-8")}


def furniture(src, title):
    lines = set()
    for tag in ("nav", "footer", "header"):
        for m in re.finditer(r"<%s\b.*?</%s>" % (tag, tag), src, re.S | re.I):
            inner = re.sub(r"<(script|style)\b.*?</\1>", " ", m.group(0), flags=re.S | re.I)
            for part in re.split(r"<[^>]+>", inner):
                t = " ".join(htmllib.unescape(part).split())
                if len(t) >= 12 and t not in title:
                    lines.add(t)
    return lines


def main():
    isw, hout, tout = sys.argv[1:4]
    h, t = records(hout), records(tout)
    bad = 0
    jacc, body, tk_same, checked = [], [], 0, 0
    pages = sorted(Path(isw).glob("*.html"))
    for p in pages:
        rec = h[p.name]
        text = rec["text"].encode()
        bullets = {text[b["start"]:b["end"]].decode() for b in rec["blocks"] if b["kind"] == "bullet"}
        gold = json.load(open(p.with_suffix(".takeaways.json"), encoding="utf-8"))
        gold = gold["bullets"] if isinstance(gold, dict) else gold
        norm = lambda s: " ".join(s.split())
        nb = {norm(b) for b in bullets}
        missing = [g for g in gold if norm(g if isinstance(g, str) else g["text"]) not in nb]
        lines = furniture(p.read_text(encoding="utf-8", errors="replace"), rec["title"])
        checked += len(lines)
        furn = [f for f in lines if f in rec["text"]]
        trec = t.get(p.with_suffix(".txt").name) or t["isw/" + p.with_suffix(".txt").name]
        tw, hw = Counter(WORD.findall(trec["text"].lower())), Counter(WORD.findall(rec["text"].lower()))
        body.append(sum(min(c, hw[w]) for w, c in tw.items()) / max(1, sum(tw.values())))
        es = lambda r: {(e["label"], e["text"]) for e in r["entities"]}
        a, b = es(rec), es(trec)
        jacc.append(len(a & b) / max(1, len(a | b)))
        tk_same += [x["text"] for x in rec["takeaways"]] == [x["text"] for x in trec["takeaways"]]
        if missing or furn:
            bad += 1
            print(f"{p.name}: {len(missing)} takeaways not bullets {missing[:2]}; furniture in text {furn[:3]}")
    n = len(pages)
    print(json.dumps({"pages": n, "failing": bad, "furniture_lines_checked": checked, "body_word_recall_min": round(min(body), 3),
                      "body_word_recall_mean": round(sum(body) / n, 3), "entity_jaccard_mean": round(sum(jacc) / n, 3),
                      "entity_jaccard_min": round(min(jacc), 3), "same_takeaways": tk_same}))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
