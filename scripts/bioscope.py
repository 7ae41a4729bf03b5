#!/usr/bin/env python3
"""Sentence-level speculation detection on BioScope abstracts (development only).

  bioscope.py build ABSTRACTS.jsonl CORPUS_DIR   one .txt per abstract, one sentence per line
  bioscope.py score ABSTRACTS.jsonl OUT_DIR      a sentence is speculative when sitrep puts a hedge or
                                                 likelihood phrase inside it; prints P/R/F1 as JSON
  bioscope.py lint ABSTRACTS.jsonl OUT_DIR       precision of the hedge-without-band lint rule: of the
                                                 sentences it flags, those the gold calls speculative, and
                                                 those whose flagged hedge is a gold speculation cue
"""
import collections, json, os, sys

def load(path):
    docs = collections.OrderedDict()
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        docs.setdefault(str(r["doc_id"]), []).append(r)
    return docs

def layout(sents):
    """text and the byte range of each sentence"""
    parts, ranges, pos = [], [], 0
    for s in sents:
        b = s["text"].encode("utf-8")
        ranges.append((pos, pos + len(b)))
        parts.append(s["text"])
        pos += len(b) + 1
    return "\n".join(parts) + "\n", ranges

def main():
    cmd, src, dst = sys.argv[1:4]
    docs = load(src)
    if cmd == "build":
        os.makedirs(dst, exist_ok=True)
        for d, sents in docs.items():
            text, _ = layout(sents)
            open(os.path.join(dst, "pmid%s.txt" % d), "w", encoding="utf-8").write(text)
        print(json.dumps({"documents": len(docs), "sentences": sum(len(s) for s in docs.values())}))
        return
    preds = {}
    for line in open(os.path.join(dst, "annotations.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        preds[r["id"][len("pmid"):-len(".txt")]] = r
    if cmd == "lint":
        lint(docs, preds)
        return
    tp = fp = fn = tn = 0
    for d, sents in docs.items():
        _, ranges = layout(sents)
        ests = [e for e in preds[d]["estimative"] if e["kind"] in ("hedge", "likelihood")]
        for s, (a, b) in zip(sents, ranges):
            pred = any(a <= e["start"] < b for e in ests)
            gold = bool(s["speculative"])
            tp += pred and gold; fp += pred and not gold; fn += gold and not pred; tn += not pred and not gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(json.dumps({"sentences": tp + fp + fn + tn, "p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}))

def lint(docs, preds):
    flagged = spec = cue = 0
    wrong = collections.Counter()
    for d, sents in docs.items():
        _, ranges = layout(sents)
        rec = preds[d]
        for l in rec["lint"]:
            if l["rule"] != "hedge-without-band":
                continue
            i = next((k for k, (a, b) in enumerate(ranges) if a <= l["start"] < b), None)
            if i is None:
                continue
            flagged += 1
            s, (a, _) = sents[i], ranges[i]
            spec += bool(s["speculative"])
            # Gold cues count characters in the sentence; records count bytes.
            cues = [(a + len(s["text"][:c["start"]].encode()), a + len(s["text"][:c["end"]].encode()))
                    for c in s["cues"] if c["type"] == "speculation"]
            hedges = [e for e in rec["estimative"] if e["kind"] == "hedge" and l["start"] <= e["start"] < l["end"]]
            if any(e["start"] < ce and cs < e["end"] for e in hedges for cs, ce in cues):
                cue += 1
            else:
                wrong[" / ".join(sorted({e["text"].lower() for e in hedges}))] += 1
    print(json.dumps({"flagged": flagged, "precision_sentence": round(spec / flagged, 4) if flagged else 0,
                      "precision_cue": round(cue / flagged, 4) if flagged else 0, "top_not_a_cue": wrong.most_common(12)}))

main()
