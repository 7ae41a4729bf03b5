#!/usr/bin/env bash
# Rebuilds the encrypted test PDFs from plain.pdf (pdftest.Report, written by
# `go test ./corpus -run TestEncryptedPDFs -update`) with qpdf, the reference
# implementation of PDF encryption (Debian: qpdf). Each variant is a way
# analysts receive reports: opens in any viewer, no password asked.
set -euo pipefail
cd "$(dirname "$0")"
q() { qpdf --allow-weak-crypto --static-id "$@" 2>/dev/null || [ $? -eq 3 ]; } # 3: succeeded with warnings
q --encrypt "" owner 40 -- plain.pdf rc4-40.pdf
q --encrypt "" owner 128 --use-aes=n -- plain.pdf rc4-128.pdf
q --encrypt "" owner 128 --use-aes=y -- plain.pdf aes-128.pdf
q --encrypt "" owner 128 --use-aes=y --cleartext-metadata -- plain.pdf aes-128-cleartext-metadata.pdf
q --encrypt "" owner 256 --force-R5 -- plain.pdf aes-256-r5.pdf
q --encrypt "" owner 256 -- plain.pdf aes-256-r6.pdf
q --encrypt secret owner 256 -- plain.pdf aes-256-password.pdf
q --encrypt secret owner 128 --use-aes=y -- plain.pdf aes-128-password.pdf
ls -l ./*.pdf
