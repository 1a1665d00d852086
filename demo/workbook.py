"""Writes the demo's sample workbook: appointments for today and tomorrow
inside working hours (08:00-20:00, every 15 minutes, at least an hour from
now), one row per patient, in the layout a clinic uploads (first sheet,
header row Телефон, ФИО, Дата приёма, Дата рождения, Врач, Кабинет).

  python3 demo/workbook.py OUT.xlsx [COUNT]      (COUNT defaults to 40)

The last digit of each phone picks how the simulated patient behaves (see
demo/patients.xml): 0 1 7 9 confirm, 2 8 cancel, 3 say nothing, 4 busy,
5 no answer, 6 unavailable. Digits cycle so that every behaviour shows.
Run with Debian's python3 (python3-openpyxl).
"""
import datetime
import sys

import openpyxl

kLastDigits = [1, 2, 7, 3, 9, 4, 0, 5, 8, 6]
kSurnames = [
    ("Абрамов", "Абрамова"), ("Белов", "Белова"), ("Виноградов", "Виноградова"),
    ("Громов", "Громова"), ("Давыдов", "Давыдова"), ("Егоров", "Егорова"),
    ("Жуков", "Жукова"), ("Зуев", "Зуева"), ("Исаев", "Исаева"), ("Калинин", "Калинина"),
    ("Лазарев", "Лазарева"), ("Макаров", "Макарова"), ("Никитин", "Никитина"),
    ("Орлов", "Орлова"), ("Павлов", "Павлова"), ("Романов", "Романова"),
    ("Соколов", "Соколова"), ("Тихонов", "Тихонова"), ("Фёдоров", "Фёдорова"),
    ("Широков", "Широкова"),
]
kMen = [("Алексей", "Иванович"), ("Борис", "Петрович"), ("Виктор", "Сергеевич"),
        ("Геннадий", "Олегович"), ("Дмитрий", "Андреевич")]
kWomen = [("Анна", "Викторовна"), ("Елена", "Николаевна"), ("Ирина", "Павловна"),
          ("Марина", "Юрьевна"), ("Ольга", "Алексеевна")]
kDoctors = ["Терапевт Смирнова Н. А.", "Кардиолог Волков П. С.", "Невролог Кузнецова Т. И.",
            "Офтальмолог Попов А. В."]


def slots(now, count):
    """The first COUNT quarter-hour slots in 08:00-20:00 today and the
    following days, each at least an hour after now."""
    earliest = now + datetime.timedelta(hours=1)
    day = now.date()
    out = []
    while len(out) < count:
        for minute in range(8 * 60, 20 * 60, 15):
            at = datetime.datetime.combine(day, datetime.time(minute // 60, minute % 60))
            if at >= earliest and len(out) < count:
                out.append(at)
        day += datetime.timedelta(days=1)
    return out


def write(path, count):
    now = datetime.datetime.now().replace(second=0, microsecond=0)
    # Half the rows on the first day that has room (today unless it is late),
    # the rest on the next, topped up from the next when the first is short.
    ahead = slots(now, count * 2)
    by_day = {}
    for at in ahead:
        by_day.setdefault(at.date(), []).append(at)
    first, second = sorted(by_day)[:2]
    chosen = by_day[first][: count // 2]
    chosen += by_day[second][: count - len(chosen)]

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Записи"
    sheet.append(["Телефон", "ФИО", "Дата приёма", "Дата рождения", "Врач", "Кабинет"])
    for i, at in enumerate(sorted(chosen)):
        surname = kSurnames[i % len(kSurnames)]
        woman = i % 2 == 1
        first, patronymic = (kWomen if woman else kMen)[(i // 2 + i // 20) % 5]
        name = f"{surname[1] if woman else surname[0]} {first} {patronymic}"
        phone = f"916{i:06d}{kLastDigits[i % len(kLastDigits)]}"
        born = datetime.date(1940 + (i * 7) % 60, 1 + i % 12, 1 + (i * 3) % 28)
        sheet.append([phone, name, at.strftime("%d.%m.%Y %H:%M"), born.strftime("%d.%m.%Y"),
                      kDoctors[i % len(kDoctors)], str(100 + i % 9)])
    for column, width in zip("ABCDEF", (14, 34, 18, 14, 28, 9)):
        sheet.column_dimensions[column].width = width
    book.save(path)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 40)
