#!/usr/bin/env python3
"""Writes the hand-made reproducers of this folder. Run from the crate root:
python3 fuzz/regressions/make.py"""
import importlib.util
import struct

spec = importlib.util.spec_from_file_location("m", "tests/fixtures/hostile/make_encrypted.py")
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)


def rec(t, d):
    return struct.pack("<HH", t, len(d)) + d


# workbook-lbl-cce-past-record.xls: a Lbl (defined name) whose formula length
# cce = 0xFFFF runs past its 16-byte record.
bof = rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x1FE9, 0x07CD, 0x000100C1, 0x0306))
lbl = rec(0x0018, struct.pack("<HBBHHH4s", 0, 0, 1, 0xFFFF, 0, 0, b"\0" * 4) + b"\x00A")
stream = bof + rec(0x0042, struct.pack("<H", 0x04B0)) + lbl + rec(0x000A, b"")
stream += bytes(4096 - len(stream))  # padding: empty records of type 0
with open("fuzz/regressions/workbook-lbl-cce-past-record.xls", "wb") as f:
    f.write(m.cfb(stream))
