#!/usr/bin/env python3
"""Checks a Word edition against its PDF edition with independent readers.

Usage: scripts/check-docx.py BOOK.docx BOOK.pdf

- python-docx reads the .docx: its headings (Word heading styles), paragraphs
  and tables; each must be found, word for word, in the PDF's text (poppler's
  pdftotext, whitespace removed), and the tables must be as many as the PDF's
  numbered tables.
- LibreOffice (headless) converts the .docx to PDF without error; the headings
  must be in that PDF's text too.

Needs: python3-docx, libreoffice-writer, poppler-utils (Debian packages).
Prints what it compared and exits non-zero on the first difference.
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import docx


def flat(text):
    return re.sub(r"\s+", "", text)


def pdf_text(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def fail(what):
    print("不一致：" + what)
    sys.exit(1)


def main():
    book, pdf = Path(sys.argv[1]), Path(sys.argv[2])
    text = flat(pdf_text(pdf))
    doc = docx.Document(str(book))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    body = [p.text for p in doc.paragraphs if p.style.name in ("Normal", "Table Note", "TableNote", "表注") and p.text]
    for style, h in headings:
        if flat(h) not in text:
            fail(f"标题“{h}”（{style}）不在 PDF 中")
    for p in body:
        if flat(p) not in text:
            fail(f"段落不在 PDF 中：{p[:60]}…")
    cells = 0
    for t in doc.tables:
        for row in t.rows:
            seen = []
            for c in row.cells:
                # A merged cell is listed once per row it spans.
                if seen and c._tc is seen[-1]:
                    continue
                seen.append(c._tc)
                cells += 1
                # A heading set on two lines in the PDF is found in its parts.
                parts = [x for x in re.split(r"(?=（)", flat(c.text)) if x]
                if flat(c.text) not in text and not all(x in text for x in parts):
                    fail(f"表格单元格“{c.text}”不在 PDF 中")
    numbered = set(re.findall(r"表\d+-\d+|附表\d+", text))
    captions = [p.text for p in doc.paragraphs if re.match(r"^(表\d+-\d+|附表\d+)\u3000", p.text)]
    if len(doc.tables) != len(numbered) or len(captions) != len(numbered):
        fail(f"Word 版有 {len(doc.tables)} 个表格、{len(captions)} 个表题，PDF 有 {len(numbered)} 个表号")
    print(f"python-docx：标题 {len(headings)} 个、段落 {len(body)} 段、表格 {len(doc.tables)} 个"
          f"（单元格 {cells} 个）均与 PDF 一致")
    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", out, str(book)],
                           capture_output=True, text=True)
        converted = Path(out) / (book.stem + ".pdf")
        if r.returncode != 0 or not converted.exists():
            fail(f"LibreOffice 转换失败：{r.stderr}")
        lo = flat(pdf_text(converted))
        for _, h in headings:
            if flat(h) not in lo:
                fail(f"LibreOffice 输出中缺少标题“{h}”")
        pages = subprocess.run(["pdfinfo", str(converted)], capture_output=True, text=True).stdout
        n = re.search(r"Pages:\s+(\d+)", pages).group(1)
        print(f"LibreOffice：转换无误（{n} 页），标题齐全")


if __name__ == "__main__":
    main()
