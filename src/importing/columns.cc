#include "importing/columns.h"

#include <array>
#include <utility>

namespace robocall::importing {

namespace {

struct KnownTitle {
  std::string_view folded;
  Field field;
};

// Folded titles (see fold_title).
constexpr std::array kKnownTitles = {
    KnownTitle{"телефон", Field::kPhone},
    KnownTitle{"номер телефона", Field::kPhone},
    KnownTitle{"телефон пациента", Field::kPhone},
    KnownTitle{"мобильный телефон", Field::kPhone},
    KnownTitle{"phone", Field::kPhone},
    KnownTitle{"phone number", Field::kPhone},
    KnownTitle{"фио", Field::kFullName},
    KnownTitle{"ф.и.о.", Field::kFullName},
    KnownTitle{"ф.и.о", Field::kFullName},
    KnownTitle{"фио пациента", Field::kFullName},
    KnownTitle{"имя пациента", Field::kFullName},
    KnownTitle{"пациент", Field::kFullName},
    KnownTitle{"full name", Field::kFullName},
    KnownTitle{"name", Field::kFullName},
    KnownTitle{"patient", Field::kFullName},
    KnownTitle{"patient name", Field::kFullName},
    KnownTitle{"дата приема", Field::kAppointment},
    KnownTitle{"дата и время приема", Field::kAppointment},
    KnownTitle{"дата/время приема", Field::kAppointment},
    KnownTitle{"appointment", Field::kAppointment},
    KnownTitle{"appointment date", Field::kAppointment},
    KnownTitle{"appointment date and time", Field::kAppointment},
    KnownTitle{"appointment datetime", Field::kAppointment},
    KnownTitle{"время приема", Field::kAppointmentTime},
    KnownTitle{"appointment time", Field::kAppointmentTime},
    KnownTitle{"дата рождения", Field::kBirthDate},
    KnownTitle{"birth date", Field::kBirthDate},
    KnownTitle{"date of birth", Field::kBirthDate},
    KnownTitle{"birthdate", Field::kBirthDate},
    KnownTitle{"внешний id", Field::kExternalId},
    KnownTitle{"external id", Field::kExternalId},
    KnownTitle{"external_id", Field::kExternalId},
    KnownTitle{"id", Field::kIgnored},
    KnownTitle{"статус", Field::kIgnored},
    KnownTitle{"звонков", Field::kIgnored},
    KnownTitle{"попыток", Field::kIgnored},  // the export's title before «Звонков»
    KnownTitle{"последний звонок", Field::kIgnored},
    KnownTitle{"итог последнего звонка", Field::kIgnored},
    KnownTitle{"нажатые клавиши", Field::kIgnored},
    KnownTitle{"звонки", Field::kIgnored},
};

// Lower-cases one UTF-8 character of Latin or Cyrillic at s[i], appending it.
std::size_t fold_char(std::string_view s, std::size_t i, std::string& out) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return 1;
  }
  if (i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    unsigned code = ((c & 0x1F) << 6) | (d & 0x3F);
    if ((c & 0xE0) == 0xC0) {
      if (code >= 0x410 && code <= 0x42F)
        code += 0x20;  // А-Я
      else if (code >= 0x400 && code <= 0x40F)
        code += 0x50;                   // Ѐ-Џ, incl. Ё
      if (code == 0x451) code = 0x435;  // ё -> е
      if (code == 0xA0) {               // no-break space
        out += ' ';
        return 2;
      }
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
      return 2;
    }
  }
  out += static_cast<char>(c);
  return 1;
}

}  // namespace

std::string fold_title(std::string_view title) {
  std::string folded;
  for (std::size_t i = 0; i < title.size();) i += fold_char(title, i, folded);
  std::string out;
  for (char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == ':' || out.back() == '*')) {
    out.pop_back();
  }
  return out;
}

std::optional<Field> field_for_title(std::string_view title) {
  const std::string folded = fold_title(title);
  for (const auto& known : kKnownTitles) {
    if (known.folded == folded) return known.field;
  }
  return std::nullopt;
}

std::string column_letters(std::size_t column) {
  std::string letters;
  ++column;
  while (column > 0) {
    --column;
    letters.insert(letters.begin(), static_cast<char>('A' + column % 26));
    column /= 26;
  }
  return letters;
}

std::string ColumnMap::title(std::size_t column) const {
  if (column < titles.size() && !titles[column].empty()) return titles[column];
  return column_letters(column);
}

bool is_header_row(const std::vector<xlsx::Cell>& cells) {
  for (const auto& cell : cells) {
    if (cell.type == xlsx::CellType::kText && field_for_title(cell.text)) return true;
  }
  return false;
}

Result<ColumnMap> map_header(const std::vector<xlsx::Cell>& cells) {
  ColumnMap map;
  map.has_header = true;
  std::array<int, 6> seen{};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& cell = cells[i];
    std::string title = cell.type == xlsx::CellType::kText ? cell.text : std::string();
    Field field = Field::kExtra;
    if (auto known = field_for_title(title)) field = *known;
    if (static_cast<std::size_t>(field) < seen.size() &&
        ++seen[static_cast<std::size_t>(field)] > 1) {
      return Error::invalid("Столбец «" + title + "» встречается в заголовке дважды.");
    }
    map.fields.push_back(field);
    map.titles.push_back(title.empty() ? column_letters(i) : std::move(title));
  }
  std::string missing;
  const std::pair<Field, std::string_view> required[] = {
      {Field::kPhone, "Телефон"},
      {Field::kFullName, "ФИО"},
      {Field::kAppointment, "Дата приёма"},
      {Field::kBirthDate, "Дата рождения"},
  };
  for (const auto& [field, name] : required) {
    if (seen[static_cast<std::size_t>(field)] == 0) {
      if (!missing.empty()) missing += ", ";
      missing += name;
    }
  }
  if (!missing.empty()) {
    return Error::invalid("В строке заголовка нет обязательных столбцов: " + missing + ".");
  }
  return map;
}

ColumnMap positional_map() {
  ColumnMap map;
  map.fields = {Field::kPhone, Field::kFullName, Field::kAppointment, Field::kBirthDate};
  return map;
}

}  // namespace robocall::importing
