#!/bin/sh
# Seeds the fuzz corpora (fuzz/corpus/<target>/) from the real workbooks of
# ../shared/realdata, the sample data of data/, the test fixtures and the small
# seeds committed under fuzz/seeds/. Run from the crate root: sh fuzz/seed.sh
set -eu
real=../shared/realdata
mkdir -p fuzz/corpus/workbook fuzz/corpus/html fuzz/corpus/decrypt fuzz/corpus/value fuzz/corpus/table
n=0
for f in "$real"/*/*.xls "$real"/*/*.xlsx "$real"/*/*/*.xls data/*.xlsx tests/fixtures/hostile/*.xls tests/fixtures/hostile/*.xlsx; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  cp "$f" "fuzz/corpus/workbook/seed-$n"
  case "$f" in
    *.xls)
      if head -c 8 "$f" | od -An -tx1 | grep -q 'd0 cf 11 e0'; then
        # decrypt target: mode byte 0 (the whole file as is), then the file.
        { printf '\000'; cat "$f"; } > "fuzz/corpus/decrypt/seed-$n"
      else
        cp "$f" "fuzz/corpus/html/seed-$n"
      fi ;;
  esac
done
cp fuzz/seeds/html/* fuzz/corpus/html/
cp fuzz/seeds/value/* fuzz/corpus/value/
echo "seeded from $n files"
