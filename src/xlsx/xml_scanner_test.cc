#include "xlsx/xml_scanner.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "xlsx/xml_events.h"
#include "xlsx/xml_parser.h"

namespace robocall::xlsx {
namespace {

using Recorder = XmlEvents;

struct Outcome {
  bool ok = false;
  std::string error;
  std::vector<std::string> events;
};

Outcome with_expat(std::string_view doc) {
  Recorder recorder;
  XmlParser parser(recorder, "sheet.xml", Namespaces::kPrefixesOnly);
  const auto status = parser.feed(doc, true);
  return {status.ok(), status.ok() ? "" : status.error().message, recorder.events};
}

// Fed in pieces cut at `cuts` (byte offsets, ascending).
Outcome with_scanner(std::string_view doc, const std::vector<std::size_t>& cuts = {}) {
  Recorder recorder;
  XmlScanner scanner(recorder, "sheet.xml");
  std::size_t at = 0;
  Status status;
  for (const std::size_t cut : cuts) {
    status = scanner.feed(doc.substr(at, cut - at), false);
    at = cut;
    if (!status) break;
  }
  if (status) status = scanner.feed(doc.substr(at), true);
  return {status.ok(), status.ok() ? "" : status.error().message, recorder.events};
}

struct Doc {
  const char* what;
  std::string xml;
};

void PrintTo(const Doc& doc, std::ostream* out) {
  *out << doc.what;
}

const std::vector<Doc> kValid = {
    {"a worksheet row", R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                        "\n<worksheet xmlns=\"http://x\"><sheetData><row r=\"2\" spans=\"1:3\">"
                        "<c r=\"A2\" t=\"inlineStr\"><is><t>Петров Пётр</t></is></c>"
                        "<c r=\"B2\" s=\"2\"><v>46354.33472222222</v></c><c r=\"C2\"/></row>"
                        "</sheetData></worksheet>"},
    {"prefixed names and quotes of both kinds",
     "<x:worksheet xmlns:x='http://x' xmlns:r=\"http://r\"><x:row r = '1' ><x:c r=\"A1\" "
     "r:id='5'><x:v>1</x:v></x:c></x:row ></x:worksheet>"},
    {"the predefined entities and character references",
     "<a t=\"&lt;&gt;&amp;&apos;&quot;&#1055;&#x41f;\">&lt;b&gt; &amp; &#x1F600; &#65;&#0065;</a>"},
    {"line ends in text and in attribute values",
     "<a v=\"1\r\n2\r3\n4\t5&#13;&#10;&#9;6\">x\r\ny\rz\n\r\n</a>"},
    {"CDATA keeps markup and brackets", "<a><![CDATA[<b>&amp; ]] ]>\r\n]]]]><![CDATA[]]>x]</a>"},
    {"comments, instructions and whitespace around and inside the root",
     "\xEF\xBB\xBF<?xml version='1.0'?><!-- before --> <?pi data?>\n<a><!----><?x?>t<!-- - -->"
     "</a>\n<!-- after --><?after?> \n"},
    {"empty elements and whitespace in end tags", "<a><b/><c x='1'/><d></d ></a>"},
    {"text with single brackets and greater-than signs", "<a>x]y]]z>]</a>"},
    {"four-byte and Cyrillic characters in names and values",
     "<таблица ключ='значение 😀'>текст</таблица>"},
    {"an attribute value with '>' and the other quote", "<a x='>\"' y=\">'\"/>"},
};

class ValidDocs : public ::testing::TestWithParam<Doc> {};

TEST_P(ValidDocs, give_the_same_events_as_expat_whole_and_cut_anywhere) {
  const std::string& xml = GetParam().xml;
  const Outcome expat = with_expat(xml);
  ASSERT_TRUE(expat.ok) << expat.error;
  const Outcome whole = with_scanner(xml);
  ASSERT_TRUE(whole.ok) << whole.error;
  EXPECT_EQ(whole.events, expat.events);
  for (std::size_t cut = 1; cut < xml.size(); ++cut) {
    const Outcome split = with_scanner(xml, {cut});
    ASSERT_TRUE(split.ok) << "cut at " << cut << ": " << split.error;
    EXPECT_EQ(split.events, expat.events) << "cut at " << cut;
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t cut = 1; cut < xml.size(); ++cut) every_byte.push_back(cut);
  EXPECT_EQ(with_scanner(xml, every_byte).events, expat.events) << "fed byte by byte";
}

INSTANTIATE_TEST_SUITE_P(XmlScanner, ValidDocs, ::testing::ValuesIn(kValid));

const std::vector<Doc> kInvalid = {
    {"an empty document", ""},
    {"only a declaration", "<?xml version='1.0'?>"},
    {"a mismatched tag", "<a><b></a></b>"},
    {"an unclosed root", "<a><b></b>"},
    {"two roots", "<a/><b/>"},
    {"text before the root", "x<a/>"},
    {"text after the root", "<a/>x"},
    {"a lone continuation byte", "<a>\x80</a>"},
    {"an overlong encoding", "<a>\xC0\x80</a>"},
    {"a surrogate", "<a>\xED\xA0\x80</a>"},
    {"a lead byte above U+10FFFF", "<a>\xF5\x80\x80\x80</a>"},
    {"a truncated character at the end", "<a/>\xD0"},
    {"a control character", "<a>\x01</a>"},
    {"U+FFFE", "<a>\xEF\xBF\xBE</a>"},
    {"a NUL byte in a name", std::string("<a\0b/>", 6)},
    {"an undefined entity", "<a>&nbsp;</a>"},
    {"a reference to character 0", "<a>&#0;</a>"},
    {"a reference to a surrogate", "<a>&#xD800;</a>"},
    {"a reference above U+10FFFF", "<a>&#x110000;</a>"},
    {"an unterminated reference", "<a>&amp</a>"},
    {"an empty reference", "<a>&;</a>"},
    {"]]> in text", "<a>x]]>y</a>"},
    {"a duplicate attribute", "<a x='1' x='2'/>"},
    {"an unquoted value", "<a x=1/>"},
    {"'<' in a value", "<a x='<'/>"},
    {"attributes without space between", "<a x='1'y='2'/>"},
    {"an unterminated tag", "<a x='1'"},
    {"a DOCTYPE", "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>"},
    {"two dashes inside a comment", "<a><!-- a -- b --></a>"},
    {"a comment ending in three dashes", "<a><!-- a ---></a>"},
    {"a declaration after whitespace", " <?xml version='1.0'?><a/>"},
    {"a declaration inside the root", "<a><?xml version='1.0'?></a>"},
    {"CDATA outside the root", "<![CDATA[x]]><a/>"},
    {"an end tag without a name", "<a></></a>"},
    {"a tag that starts with a digit", "<1a/>"},
    {"markup that is none of ours", "<a><!ELEMENT a ANY></a>"},
};

class InvalidDocs : public ::testing::TestWithParam<Doc> {};

TEST_P(InvalidDocs, are_refused_as_expat_refuses_them) {
  const std::string& xml = GetParam().xml;
  const Outcome expat = with_expat(xml);
  ASSERT_FALSE(expat.ok) << "expat accepted it";
  const Outcome whole = with_scanner(xml);
  ASSERT_FALSE(whole.ok);
  EXPECT_TRUE(whole.error.starts_with("Файл XLSX")) << whole.error;
  for (std::size_t cut = 1; cut < xml.size(); ++cut)
    EXPECT_FALSE(with_scanner(xml, {cut}).ok) << "cut at " << cut;
}

INSTANTIATE_TEST_SUITE_P(XmlScanner, InvalidDocs, ::testing::ValuesIn(kInvalid));

TEST(XmlScanner, names_the_line_of_the_error) {
  const Outcome out = with_scanner("<a>\n<b>\n</c></a>", {5});
  ASSERT_FALSE(out.ok);
  EXPECT_NE(out.error.find("строка 3: mismatched tag"), std::string::npos) << out.error;
}

TEST(XmlScanner, refuses_a_doctype_with_the_same_message_as_expat) {
  const std::string xml = "<!DOCTYPE a><a/>";
  EXPECT_EQ(with_scanner(xml).error, with_expat(xml).error);
}

TEST(XmlScanner, refuses_a_tag_longer_than_a_mebibyte_before_its_end_arrives) {
  Recorder recorder;
  XmlScanner scanner(recorder, "sheet.xml");
  ASSERT_TRUE(scanner.feed("<a x='", false).ok());
  const std::string piece(64 * 1024, 'y');
  Status status;
  for (int i = 0; i < 20 && status; ++i) status = scanner.feed(piece, false);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("longer than 1 MiB"), std::string::npos);
}

TEST(XmlScanner, refuses_elements_nested_more_than_a_thousand_deep) {
  std::string xml;
  for (int i = 0; i < 1001; ++i) xml += "<a>";
  const Outcome out = with_scanner(xml);
  ASSERT_FALSE(out.ok);
  EXPECT_NE(out.error.find("1,000 deep"), std::string::npos) << out.error;
}

TEST(XmlScanner, refuses_open_elements_whose_names_add_up_to_more_than_64_kib) {
  const std::string name(1000, 'n');
  std::string xml;
  for (int i = 0; i < 70; ++i) xml += "<" + name + ">";
  const Outcome out = with_scanner(xml);
  ASSERT_FALSE(out.ok);
  EXPECT_NE(out.error.find("64 KiB"), std::string::npos) << out.error;
}

// Duplicates among many attributes are found by sorting, not by comparing
// every pair: 100,000 of them take no longer than a few milliseconds.
TEST(XmlScanner, checks_a_tag_of_100000_attributes_for_duplicates_as_expat_does) {
  std::string tag = "<a";
  for (int i = 0; i < 100000; ++i)
    tag += " a" + std::to_string(i) + "='" + std::to_string(i % 7) + "'";
  const std::string xml = tag + "/>";
  const Outcome expat = with_expat(xml);
  ASSERT_TRUE(expat.ok) << expat.error;
  const Outcome ours = with_scanner(xml);
  ASSERT_TRUE(ours.ok) << ours.error;
  EXPECT_EQ(ours.events, expat.events);
  const std::string twice = tag + " a99999='x'/>";
  EXPECT_FALSE(with_expat(twice).ok);
  const Outcome refused = with_scanner(twice);
  ASSERT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("duplicate attribute"), std::string::npos) << refused.error;
}

TEST(XmlScanner, hands_out_long_text_in_pieces_without_holding_it_all) {
  Recorder recorder;
  XmlScanner scanner(recorder, "sheet.xml");
  ASSERT_TRUE(scanner.feed("<a>", false).ok());
  const std::string piece(64 * 1024, 'z');
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(scanner.feed(piece, false).ok());
  ASSERT_TRUE(scanner.feed("</a>", true).ok());
  ASSERT_EQ(recorder.events.size(), 3u);
  EXPECT_EQ(recorder.events[1].size(), 1 + 40 * piece.size());
}

TEST(XmlScanner, stops_at_the_handlers_failure_with_its_message) {
  struct Refuser : Recorder {
    void on_start(std::string_view name, const char** attrs) override {
      Recorder::on_start(name, attrs);
      if (name == "b") failure = Error::limit("слишком много");
    }
  } refuser;
  XmlScanner scanner(refuser, "sheet.xml");
  const auto status = scanner.feed("<a><b/><c/></a>", true);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "слишком много");
  EXPECT_EQ(refuser.events, (std::vector<std::string>{"<a", "<b"}));
}

}  // namespace
}  // namespace robocall::xlsx
