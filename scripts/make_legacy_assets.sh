#!/usr/bin/env bash
# Regenerate the committed legacy assets of the demo trove:
#   src/casegraph/demo/assets/sample.doc  (Word 97-2003, from a DOCX we generate)
#   src/casegraph/demo/assets/sample.ppt  (PowerPoint 97-2003, from a PPTX we generate)
#   src/casegraph/demo/assets/sample.msg  (Outlook message, from casegraph.demo.msg)
# No Python library writes .doc or .ppt, so LibreOffice converts them:
#   apt-get install -y libreoffice-writer-nogui libreoffice-impress-nogui
# Run from anywhere; uses the repository's .venv if there is one.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python="python3"
assets="$root/src/casegraph/demo/assets"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "soffice (LibreOffice) is not installed" >&2; exit 1; }

PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}" "$python" -m casegraph.demo.legacy "$work/src" "$assets"

# A private profile so a running LibreOffice or a missing home does not get in the way.
profile="file://$work/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to doc --outdir "$work/out" "$work/src/sample.docx" >/dev/null
soffice -env:UserInstallation="$profile" --headless --convert-to ppt --outdir "$work/out" "$work/src/sample.pptx" >/dev/null

cp "$work/out/sample.doc" "$assets/sample.doc"
# LibreOffice keeps slide text only in the drawings; copy it into the outline list
# too (as PowerPoint does) so that catppt and similar readers find it.
PYTHONPATH="$root/src${PYTHONPATH:+:$PYTHONPATH}" "$python" -m casegraph.demo.pptfix "$work/out/sample.ppt" "$assets/sample.ppt"

if command -v antiword >/dev/null; then antiword "$assets/sample.doc" | tr -s ' \n' '  ' | grep -q "northern checkpoint at dawn" || { echo "sample.doc: text check failed" >&2; exit 1; }; fi
if command -v catppt >/dev/null; then catppt "$assets/sample.ppt" | tr -s ' \n' '  ' | grep -q "northern checkpoint at dawn" || { echo "sample.ppt: text check failed" >&2; exit 1; }; fi
ls -l "$assets"/sample.doc "$assets"/sample.ppt "$assets"/sample.msg
