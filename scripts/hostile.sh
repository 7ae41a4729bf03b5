#!/usr/bin/env bash
# Hostile corpus: generates binary files, a 200 MB file, invalid UTF-8, empty
# files, 100,000-deep nested HTML, a single 50 MB line, RTL and zero-width
# characters, 10,000 tiny files, a symlink loop, an unreadable file, blank
# scanned PDFs (a 200-inch page, 300 pages) and a PDF that needs a password, runs
# `sitrep annotate` over it, and checks that the run completes, every file is
# in the manifest with the status it should have, and peak memory stays
# under 1 GB; then the deep HTML, the 50 MB line and the giant page alone, printing the
# time and peak RSS of each. Usage: scripts/hostile.sh [WORK_DIR]   (SITREP=bin/sitrep)
set -euo pipefail
bin=${SITREP:-bin/sitrep}
work=${1:-/tmp/sitrep-hostile}
c="$work/corpus"
rm -rf "$work" && mkdir -p "$c/tiny"
python3 - "$c" <<'PY'
import os, sys
c = sys.argv[1]
def w(name, data):
    with open(os.path.join(c, name), "wb") as f:
        f.write(data)
w("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
w("program.exe", b"MZ\x90\x00" + b"\x00" * 4096)
w("invalid-utf8.txt", b"Title\n\nISKP will likely strike \xff\xfe Kabul \xc3\x28 again.\n")
w("latin1.txt", "Caf\xe9 talks: Russia will \x93likely\x94 stall.\n".encode("latin-1"))
w("empty.txt", b"")
w("spaces.txt", b"   \n\n\t\n")
w("deep.html", b"<html><body><p>Deep report about Kherson.</p>" + b"<div>" * 100000 + b"deep" + b"</div>" * 100000 + b"</body></html>")
w("rtl-zero-width.txt", "Title\n\nISKP\u200b will\u200d likely \u202eevil\u202c strike \u2067Kabul\u2069 \ufeffsoon.\n".encode())
with open(os.path.join(c, "one-line-50mb.txt"), "wb") as f:
    chunk = b"Russian forces will likely attack Kherson and Bakhmut again today " * 1000
    for _ in range(50_000_000 // len(chunk)):
        f.write(chunk)
with open(os.path.join(c, "huge-200mb.txt"), "wb") as f:
    block = b"x" * (1 << 20)
    for _ in range(200):
        f.write(block)
for i in range(10000):
    w(os.path.join("tiny", "t%05d.txt" % i), b"ISKP may strike Kabul. Report %d.\n" % i)
def pdf(pages, box):
    # Image-only pages (a 1x1 grey image stretched over the page): what OCR is asked to read.
    objs = ["<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"]
    content = "q %d 0 0 %d 0 0 cm /Im1 Do Q\n" % (box, box)
    objs.append("<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
    pages_id = len(objs) + pages + 1
    kids = []
    for _ in range(pages):
        objs.append("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents 2 0 R /Resources << /XObject << /Im1 1 0 R >> >> >>" % (pages_id, box, box))
        kids.append("%d 0 R" % len(objs))
    objs.append("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids), pages))
    objs.append("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out, offs = "%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out.encode("latin-1")))
        out += "%d 0 obj\n%s\nendobj\n" % (i + 1, o)
    x = len(out.encode("latin-1"))
    out += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + "".join("%010d 00000 n \n" % o for o in offs)
    out += "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, len(objs), x)
    return out.encode("latin-1")
w("giant-page.pdf", pdf(1, 14400))       # a 200-inch page: 3.6 GB at 300 dpi unless the render is bounded
w("scan-300-pages.pdf", pdf(300, 612))   # more pages than --timeout lets OCR read
PY
cp corpus/testdata/encrypted/aes-256-password.pdf "$c/password.pdf"
ln -s loop-b.txt "$c/loop-a.txt"
ln -s loop-a.txt "$c/loop-b.txt"
ln -s "$c" "$c/self-dir"
printf 'secret\n' > "$c/unreadable.txt" && chmod 000 "$c/unreadable.txt"
files=$(find "$c" -mindepth 1 \( -type f -o -type l \) | wc -l)
echo "hostile: $files files generated"
set +e
start=$(date +%s.%N)
"$bin" annotate -q --max-tokens 300000 --timeout 30s "$c" -o "$work/out"
code=$?
secs=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
set -e
echo "hostile: annotate exited $code in ${secs}s"
python3 - "$work/out/manifest.json" "$files" "$c/unreadable.txt" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1]))
files = {f["id"]: f for f in m["files"]}
want = {
    "binary.txt": ("skipped", "binary"), "program.exe": ("skipped", "unsupported format"),
    "invalid-utf8.txt": ("ok", ""), "latin1.txt": ("ok", ""), "empty.txt": ("ok", ""), "spaces.txt": ("ok", ""),
    "deep.html": ("ok", ""), "rtl-zero-width.txt": ("ok", ""), "one-line-50mb.txt": ("ok", ""),
    "huge-200mb.txt": ("skipped", "--max-bytes"), "loop-a.txt": ("error", "symlink"), "loop-b.txt": ("error", "symlink"),
    "self-dir": ("skipped", "symlink to a directory"),
    "giant-page.pdf": ("skipped", "scanned"), "scan-300-pages.pdf": ("skipped", "scanned"),
    "password.pdf": ("skipped", "needs a password"),
}
# Root reads files whatever their mode; anyone else gets a permission error.
want["unreadable.txt"] = ("ok", "") if os.access(sys.argv[3], os.R_OK) else ("error", "permission")
bad = []
for fid, (status, reason) in want.items():
    f = files.get(fid)
    if f is None or f["status"] != status or reason not in f.get("reason", ""):
        bad.append("%s: %s, want %s %r" % (fid, f and (f["status"], f.get("reason")), status, reason))
tiny = sum(1 for k, f in files.items() if k.startswith("tiny/") and f["status"] == "ok")
if tiny != 10000:
    bad.append("tiny files ok: %d, want 10000" % tiny)
if len(files) != int(sys.argv[2]):
    bad.append("manifest lists %d files, %s were generated" % (len(files), sys.argv[2]))
rss = m["timings"]["peak_rss_bytes"]
if rss >= 1 << 30:
    bad.append("peak RSS %d MB >= 1 GB" % (rss >> 20))
print("hostile: %d files in the manifest (%s), peak RSS %d MB" % (len(files),
      ", ".join("%s %d" % (k, v) for k, v in sorted(m["totals"].items()) if k in ("ok", "skipped", "errors")), rss >> 20))
for b in bad:
    print("hostile: WRONG", b)
sys.exit(1 if bad else 0)
PY
"$bin" validate "$work/out" | tail -n 1
# The heaviest single inputs alone: each must be read (ok), in bounded time
# and under the README's bound of 1 GB peak RSS for any one input.
cases_ok=0
# The blank 200-inch scanned page goes to OCR (when tesseract is there),
# which must render it bounded and find no text: skipped.
for f in deep.html one-line-50mb.txt giant-page.pdf; do
  rm -rf "$work/case-out"
  "$bin" annotate -q "$c/$f" -o "$work/case-out" || true
  python3 - "$work/case-out/manifest.json" "$f" <<'PY' || cases_ok=1
import json, sys
m = json.load(open(sys.argv[1]))
f = m["files"][0]
rss = m["timings"]["peak_rss_bytes"] >> 20
print("hostile: %s alone: %s%s in %.1fs, peak RSS %d MB" % (sys.argv[2], f["status"], " (" + f["reason"] + ")" if f.get("reason") else "", m["timings"]["total_seconds"], rss))
want = "skipped" if sys.argv[2].endswith(".pdf") else "ok"
sys.exit(0 if f["status"] == want and rss < 1024 else 1)
PY
done
# Exit 4 is the documented "finished, some inputs failed" (the symlink loop).
[ "$code" -eq 4 ] && [ "$cases_ok" -eq 0 ]
