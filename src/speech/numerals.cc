#include "speech/numerals.h"

#include <array>
#include <cassert>
#include <cctype>

namespace robocall::speech {
namespace {

constexpr std::array<std::string_view, 10> kUnits = {"",     "один",  "два",  "три",    "четыре",
                                                     "пять", "шесть", "семь", "восемь", "девять"};
constexpr std::array<std::string_view, 10> kTeens = {
    "десять",     "одиннадцать", "двенадцать", "тринадцать",   "четырнадцать",
    "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"};
constexpr std::array<std::string_view, 10> kTens = {
    "",          "",           "двадцать",  "тридцать",    "сорок",
    "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"};
constexpr std::array<std::string_view, 10> kHundreds = {
    "",        "сто",      "двести",  "триста",    "четыреста",
    "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"};

// Genitive stems as they join a compound ordinal: «двух|тысячный», «пяти|сот».
constexpr std::array<std::string_view, 10> kUnitsJoined = {
    "", "одно", "двух", "трёх", "четырёх", "пяти", "шести", "семи", "восьми", "девяти"};
constexpr std::array<std::string_view, 10> kTeensJoined = {
    "десяти",     "одиннадцати", "двенадцати", "тринадцати",   "четырнадцати",
    "пятнадцати", "шестнадцати", "семнадцати", "восемнадцати", "девятнадцати"};
constexpr std::array<std::string_view, 10> kTensJoined = {"",
                                                          "",
                                                          "двадцати",
                                                          "тридцати",
                                                          "сорока",
                                                          "пятидесяти",
                                                          "шестидесяти",
                                                          "семидесяти",
                                                          "восьмидесяти",
                                                          "девяноста"};
constexpr std::array<std::string_view, 10> kHundredsJoined = {
    "",        "сто",      "двухсот", "трёхсот",   "четырёхсот",
    "пятисот", "шестисот", "семисот", "восьмисот", "девятисот"};

// How an ordinal stem declines: hard unstressed (первый), hard stressed
// (второй), or soft (третий).
enum class Declension { kHard, kStressed, kSoft };

struct OrdinalStem {
  std::string_view stem;
  Declension declension = Declension::kHard;
};

constexpr std::array<OrdinalStem, 10> kUnitOrdinals = {{{"нулев", Declension::kStressed},
                                                        {"перв"},
                                                        {"втор", Declension::kStressed},
                                                        {"трет", Declension::kSoft},
                                                        {"четвёрт"},
                                                        {"пят"},
                                                        {"шест", Declension::kStressed},
                                                        {"седьм", Declension::kStressed},
                                                        {"восьм", Declension::kStressed},
                                                        {"девят"}}};
constexpr std::array<std::string_view, 10> kTeenOrdinals = {
    "десят",     "одиннадцат", "двенадцат", "тринадцат",   "четырнадцат",
    "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат"};
constexpr std::array<OrdinalStem, 10> kTenOrdinals = {{{""},
                                                       {"десят"},
                                                       {"двадцат"},
                                                       {"тридцат"},
                                                       {"сороков", Declension::kStressed},
                                                       {"пятидесят"},
                                                       {"шестидесят"},
                                                       {"семидесят"},
                                                       {"восьмидесят"},
                                                       {"девяност"}}};

// Endings by [case][gender] (masculine, feminine, neuter).
using EndingTable = std::array<std::array<std::string_view, 3>, 6>;
constexpr EndingTable kHardEndings = {{{"ый", "ая", "ое"},
                                       {"ого", "ой", "ого"},
                                       {"ому", "ой", "ому"},
                                       {"ый", "ую", "ое"},
                                       {"ым", "ой", "ым"},
                                       {"ом", "ой", "ом"}}};
constexpr EndingTable kSoftEndings = {{{"ий", "ья", "ье"},
                                       {"ьего", "ьей", "ьего"},
                                       {"ьему", "ьей", "ьему"},
                                       {"ий", "ью", "ье"},
                                       {"ьим", "ьей", "ьим"},
                                       {"ьем", "ьей", "ьем"}}};

std::string_view ending(Declension d, Gender g, Case c) {
  const auto ci = static_cast<std::size_t>(c);
  const auto gi = static_cast<std::size_t>(g);
  if (d == Declension::kSoft) return kSoftEndings[ci][gi];
  if (d == Declension::kStressed && g == Gender::kMasculine &&
      (c == Case::kNominative || c == Case::kAccusative)) {
    return "ой";
  }
  return kHardEndings[ci][gi];
}

void append_word(std::string& out, std::string_view word) {
  if (word.empty()) return;
  if (!out.empty()) out += ' ';
  out += word;
}

// 1..999 in words; gender applies to the last word «один/одна/одно», «два/две».
void append_triple(std::string& out, int n, Gender gender, Case c) {
  append_word(out, kHundreds[n / 100]);
  const int rest = n % 100;
  if (rest >= 10 && rest < 20) {
    append_word(out, kTeens[rest - 10]);
    return;
  }
  append_word(out, kTens[rest / 10]);
  const int unit = rest % 10;
  if (unit == 1 && gender == Gender::kFeminine) {
    append_word(out, c == Case::kAccusative ? "одну" : "одна");
  } else if (unit == 1 && gender == Gender::kNeuter) {
    append_word(out, "одно");
  } else if (unit == 2 && gender == Gender::kFeminine) {
    append_word(out, "две");
  } else {
    append_word(out, kUnits[unit]);
  }
}

struct Scale {
  NounForms forms;
  Gender gender;
};

constexpr std::array<Scale, 6> kScales = {{
    {{"тысяча", "тысячи", "тысяч"}, Gender::kFeminine},
    {{"миллион", "миллиона", "миллионов"}, Gender::kMasculine},
    {{"миллиард", "миллиарда", "миллиардов"}, Gender::kMasculine},
    {{"триллион", "триллиона", "триллионов"}, Gender::kMasculine},
    {{"квадриллион", "квадриллиона", "квадриллионов"}, Gender::kMasculine},
    {{"квинтиллион", "квинтиллиона", "квинтиллионов"}, Gender::kMasculine},
}};

// The genitive of 1..999 joined into one word, as in «двадцатипятитысячный».
std::string joined_genitive(int n) {
  std::string out(kHundredsJoined[n / 100]);
  const int rest = n % 100;
  if (rest >= 10 && rest < 20) return out + std::string(kTeensJoined[rest - 10]);
  out += kTensJoined[rest / 10];
  out += kUnitsJoined[rest % 10];
  return out;
}

}  // namespace

std::string_view plural(std::int64_t n, const NounForms& forms) {
  const std::uint64_t a = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  const std::uint64_t last_two = a % 100;
  const std::uint64_t last = a % 10;
  if (last_two >= 11 && last_two <= 14) return forms.many;
  if (last == 1) return forms.one;
  if (last >= 2 && last <= 4) return forms.few;
  return forms.many;
}

std::string cardinal(std::int64_t n, Gender gender, Case grammatical_case) {
  if (n == 0) return "ноль";
  std::string out;
  std::uint64_t a = static_cast<std::uint64_t>(n);
  if (n < 0) {
    out = "минус";
    a = 0 - a;
  }
  std::array<int, 7> groups{};
  for (int& g : groups) {
    g = static_cast<int>(a % 1000);
    a /= 1000;
  }
  for (int i = 6; i >= 1; --i) {
    if (groups[i] == 0) continue;
    const Scale& scale = kScales[i - 1];
    append_triple(out, groups[i], scale.gender, Case::kNominative);
    append_word(out, plural(groups[i], scale.forms));
  }
  if (groups[0] != 0) append_triple(out, groups[0], gender, grammatical_case);
  return out;
}

std::string ordinal(int n, Gender gender, Case grammatical_case) {
  assert(n >= 0 && n <= 999'999);
  auto with_ending = [&](std::string prefix, std::string_view stem, Declension d) {
    prefix += stem;
    prefix += ending(d, gender, grammatical_case);
    return prefix;
  };
  auto spaced = [](std::int64_t head) { return head == 0 ? std::string() : cardinal(head) + " "; };
  if (n == 0) return with_ending("", kUnitOrdinals[0].stem, kUnitOrdinals[0].declension);
  const int thousands = n / 1000;
  const int rest = n % 1000;
  if (rest == 0) {
    std::string prefix = thousands == 1 ? std::string() : joined_genitive(thousands);
    return with_ending(prefix, "тысячн", Declension::kHard);
  }
  const int head = n - rest;
  if (rest % 100 == 0) {
    const std::string_view stem = rest == 100 ? "сот" : kHundredsJoined[rest / 100];
    return with_ending(spaced(head), stem, Declension::kHard);
  }
  const int below_hundred = rest % 100;
  const std::int64_t before = n - below_hundred;
  if (below_hundred >= 10 && below_hundred < 20) {
    return with_ending(spaced(before), kTeenOrdinals[below_hundred - 10], Declension::kHard);
  }
  if (below_hundred % 10 == 0) {
    const OrdinalStem& s = kTenOrdinals[below_hundred / 10];
    return with_ending(spaced(before), s.stem, s.declension);
  }
  const OrdinalStem& s = kUnitOrdinals[below_hundred % 10];
  return with_ending(spaced(n - below_hundred % 10), s.stem, s.declension);
}

std::string spell_numbers(std::string_view text) {
  constexpr std::size_t kMaxWholeDigits = 6;  // longer runs are codes or phone numbers
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_word_char = [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u < 0x80 && std::isalnum(u));
  };
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    const std::string_view run = text.substr(i, end - i);
    if (!out.empty() && is_word_char(out.back())) out += ' ';
    if (run.size() > kMaxWholeDigits || (run.size() > 1 && run[0] == '0')) {
      for (std::size_t k = 0; k < run.size(); ++k) {
        if (k > 0) out += ' ';
        out += cardinal(run[k] - '0');
      }
    } else {
      std::int64_t value = 0;
      for (char c : run) value = value * 10 + (c - '0');
      out += cardinal(value);
    }
    if (end < text.size() && is_word_char(text[end])) out += ' ';
    i = end;
  }
  return out;
}

}  // namespace robocall::speech
