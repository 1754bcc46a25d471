"""Writes the code points the embedded fonts must cover: every GBK character,
printable ASCII, CJK and full-width punctuation, and the symbols the yearbook prints."""
import sys

cps = set(range(0x20, 0x7F))
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            s = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in s)
cps.update(range(0x3000, 0x3040))   # CJK symbols and punctuation
cps.update(range(0xFF00, 0xFFF0))   # full-width forms
cps.update(range(0x2010, 0x2070))   # general punctuation (— … ‰ ′ ″ thin space)
cps.update(range(0x2460, 0x24A0))   # circled numbers ① …
cps.update([0x00A0, 0x00B0, 0x00B1, 0x00B7, 0x00D7, 0x00F7, 0x2103, 0x2116, 0x2190, 0x2191, 0x2192, 0x2193, 0x2264, 0x2265, 0x2212, 0x25A0, 0x25CF, 0x25B2])
sys.stdout.write(",".join(f"U+{c:04X}" for c in sorted(cps)))
