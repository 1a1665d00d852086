"""Writes or reads the task workbooks of the admin UI's browser test.

  workbook.py write OUT.xlsx ROWS.json   rows from a JSON list of lists, first row the header
  workbook.py read FILE.xlsx             prints the first sheet's rows as JSON (dates as ISO text)

Run with Debian's python3 (python3-openpyxl).
"""
import datetime
import json
import sys

import openpyxl


def write(path, spec_path):
    with open(spec_path, encoding="utf-8") as f:
        rows = json.load(f)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Задания"
    for row in rows:
        sheet.append(row)
    book.save(path)


def cell_text(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read(path):
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    json.dump({"sheet": sheet.title, "rows": rows}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        sys.exit(__doc__)
