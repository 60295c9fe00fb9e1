#!/usr/bin/env python3
"""Writes the files `scripts/bench` uploads to measure reading: the hostile files of issue 21
(each made to cost a trusting reader far more than its size) and the largest files Homeward
accepts. Usage: bench-files.py DIR"""

import os
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx(path, sheet_data, shared_strings):
    """One sheet ("RCIs") with the given body and shared strings: the smallest package."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="RCIs" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{sheet_data}</worksheet>',
        "xl/sharedStrings.xml": shared_strings,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def strings(declared, extra=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{declared}" '
        f'uniqueCount="{declared}"><si><t>Name (English)</t></si><si><t>Province</t></si>{extra}</sst>'
    )


def sheet(rows, after=""):
    head = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    return f"<sheetData>{head}{rows}</sheetData>{after}"


def column(n):
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def main(out):
    os.makedirs(out, exist_ok=True)
    at = lambda name: os.path.join(out, name)
    # Declares a quadrillion shared strings and holds two.
    xlsx(at("declared.xlsx"), sheet(""), strings("1000000000000000"))
    # A shared formula whose index is a quadrillion, used by a second cell.
    si = "1000000000000000"
    xlsx(
        at("formula.xlsx"),
        sheet(
            f'<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="{si}">B1</f><v>1</v></c></row>'
            f'<row r="3"><c r="A3"><f t="shared" si="{si}"/><v>1</v></c></row>'
        ),
        strings("2"),
    )
    # One formula of a megabyte shared by 1,149 cells.
    long = "B1+" * 350_000 + "B1"
    cells = [f'<row r="2"><c r="A2"><f t="shared" ref="A2:A1150" si="0">{long}</f><v>1</v></c></row>']
    cells += [f'<row r="{r}"><c r="A{r}"><f t="shared" si="0"/><v>1</v></c></row>' for r in range(3, 1151)]
    xlsx(at("slow.xlsx"), sheet("".join(cells)), strings("2"))
    # A million merged ranges.
    merged = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(2, 1_000_002))
    xlsx(at("merged.xlsx"), sheet("", f'<mergeCells count="1000000">{merged}</mergeCells>'), strings("2"))
    # Unpacks to just under the 50 MB limit: the most XML a file may make a reader parse.
    xlsx(at("unpacked.xlsx"), sheet('<row r="2"></row>' + " " * 49_000_000), strings("2"))
    # The most cells a valid file holds: 10,000 rows of 64 columns, every cell text, the text
    # as large as a workbook's may be (8 MiB).
    unique = [f"v{i:06d}" for i in range(10_000)]
    rows = []
    for r in range(2, 10_001):
        row = "".join(
            f'<c r="{column(c)}{r}" t="s"><v>{2 + (r * 64 + c) % 10_000}</v></c>' for c in range(64)
        )
        rows.append(f'<row r="{r}">{row}</row>')
    texts = "".join(f"<si><t>{s}</t></si>" for s in unique)
    xlsx(at("full.xlsx"), sheet("".join(rows)), strings(str(len(unique) + 2), texts))
    # One CSV line of five million commas.
    with open(at("commas.csv"), "w") as f:
        f.write("Name (English)" + "," * 5_000_000 + "\n")
    # As large as an upload may be, a problem in every row.
    with open(at("largest.csv"), "w", newline="") as f:
        f.write("Name (English),Province,Transition start,MoSVY registration number,Lead adviser,Notes\r\n")
        for row in range(1, 10_001):
            f.write(f"Home {row},Nowhere {row},01/02/2026,{row:0>200},Nobody {row},{'x' * 250}\r\n")


if __name__ == "__main__":
    main(sys.argv[1])
