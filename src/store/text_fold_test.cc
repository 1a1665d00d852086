#include "store/text_fold.h"

#include <gtest/gtest.h>

namespace robocall::store {
namespace {

TEST(FoldForSearch, lowers_ascii_and_russian_letters_and_reads_yo_as_ye) {
  struct Case {
    const char* in;
    const char* out;
  };
  for (const auto& c :
       {Case{"", ""}, Case{"Ivanov", "ivanov"}, Case{"ИВАНОВ", "иванов"},
        Case{"АБВГДЕЖЗИЙКЛМНОП", "абвгдежзийклмноп"}, Case{"РСТУФХЦЧШЩЪЫЬЭЮЯ", "рстуфхцчшщъыьэюя"},
        Case{"Семёнов", "семенов"}, Case{"ЁЛКИН", "елкин"}, Case{"+7 (916) 123", "+7 (916) 123"},
        Case{"Ωmega", "Ωmega"}, Case{"\xD0", "\xD0"}}) {
    EXPECT_EQ(fold_for_search(c.in), c.out) << c.in;
  }
}

}  // namespace
}  // namespace robocall::store
