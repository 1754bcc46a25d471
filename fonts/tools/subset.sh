#!/usr/bin/env bash
# Rebuilds the embedded font subsets from Debian's Noto CJK collections.
# Needs: apt-get install -y fonts-noto-cjk; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
S=/usr/share/fonts/opentype/noto
python3 tools/charset.py > /tmp/yearbook-unicodes.txt
for pair in "NotoSerifCJK-Regular.ttc NotoSerifCJKsc-Regular.otf" \
            "NotoSerifCJK-Bold.ttc NotoSerifCJKsc-Bold.otf" \
            "NotoSansCJK-Regular.ttc NotoSansCJKsc-Regular.otf" \
            "NotoSansCJK-Bold.ttc NotoSansCJKsc-Bold.otf"; do
  set -- $pair
  # Face 2 of each collection is the Simplified Chinese (SC) face.
  pyftsubset "$S/$1" --font-number=2 --unicodes-file=/tmp/yearbook-unicodes.txt \
    --layout-features='kern,vkrn,palt,halt,vert,vrt2,fwid,hwid,pwid,ccmp,liga' \
    --name-IDs='*' --name-languages='*' --notdef-outline --output-file="$2"
done
