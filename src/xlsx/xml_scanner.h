// XmlScanner: the push parser of a worksheet part, the one part of an XLSX
// file that is large (61 MB of XML for 200,000 rows). It reports the events
// XmlParser reports with Namespaces::kPrefixesOnly (element names without
// their prefix, attributes as written, text in pieces that the handler
// joins) several times faster than expat, and refuses what expat refuses:
// malformed markup, mismatched or unclosed tags, anything but whitespace,
// comments and processing instructions around the root element, invalid
// UTF-8 and the characters XML 1.0 forbids, unknown entities, "]]>" in text,
// duplicate attributes and any DOCTYPE. Character references and the five
// predefined entities are decoded, line ends normalised and attribute values
// normalised as XML 1.0 says, in place in its own buffer.
//
// Where it differs from expat: the XML declaration and processing
// instructions are skipped without checking what they contain; non-ASCII
// characters are accepted anywhere in a name; a tag, comment, processing
// instruction, CDATA section or reference longer than 1 MiB, elements
// nested more than 1,000 deep and open elements whose names add up to more
// than 64 KiB are refused. fuzz/xml_scanner_fuzzer.cc checks that every
// document expat accepts gives the same events here.
// One thread at a time; the handler must outlive the scanner.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "xlsx/xml_chars.h"
#include "xlsx/xml_parser.h"

namespace robocall::xlsx {

class XmlScanner {
 public:
  // part: the part's name, for messages.
  XmlScanner(XmlHandler& handler, std::string part);

  // Feeds the next piece of the document; final on the last one.
  Status feed(std::string_view data, bool final);

 private:
  enum class Step { kDone, kMore, kFailed };
  enum class Mode { kText, kAttribute, kCdata };
  struct Span {
    std::size_t name_begin, name_end, value_begin, value_end;
  };

  // Each reads the token at pos_ and moves past it.
  Step markup(bool final);
  Step instruction(bool final);
  Step start_tag(std::size_t gt);
  Step end_tag(std::size_t gt);
  // Markup not complete in the buffer: wait for more, unless at the end or too long.
  Step incomplete(bool final);
  // Text (Mode::kText) or a CDATA section's content (kCdata) to the handler.
  Step text(std::size_t begin, std::size_t end, Mode mode);
  Step outside_text(std::size_t begin, std::size_t end);
  // Decodes [begin, end) in place: references, line ends and, in attribute
  // values, whitespace. Returns the decoded end, or npos after fail().
  std::size_t decode(std::size_t begin, std::size_t end, Mode mode);
  // How much of the text [begin, end) at the end of the buffer can go out
  // before more data comes; npos after fail().
  std::size_t safe_text_end(std::size_t begin, std::size_t end);
  bool has_duplicate_attribute();  // among spans_
  Step notify();                   // kFailed when the handler set a failure
  Step fail(std::string_view what);
  Error error() const;

  XmlHandler& handler_;
  std::string part_;
  std::string buf_;
  std::size_t pos_ = 0;     // next unread byte of buf_
  std::int64_t lines_ = 1;  // line of buf_[0]
  bool failed_ = false;
  std::string error_what_;
  XmlCharCheck utf8_;
  bool started_ = false;            // the byte order mark is behind
  std::size_t dropped_ = 0;         // bytes read and dropped before buf_[0]
  std::size_t document_start_ = 0;  // after the byte order mark, from the first byte
  bool root_seen_ = false;
  std::string names_;                // qualified names of the open elements
  std::vector<std::size_t> starts_;  // where each begins in names_
  std::vector<const char*> attrs_;
  std::vector<Span> spans_;
  std::vector<std::string_view> names_sorted_;
};

}  // namespace robocall::xlsx
