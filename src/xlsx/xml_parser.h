// XmlParser: a hardened expat push parser for the parts of an XLSX package.
// It reads UTF-8 only (whatever the document declares), rejects any DOCTYPE or
// entity declaration, and reports element names without their namespace.
// One thread at a time; the handler must outlive the parser.
#pragma once

#include <expat.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "common/result.h"

namespace robocall::xlsx {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  // attrs: expat's name/value pairs, null-terminated; use attr() to look one up.
  virtual void on_start(std::string_view name, const char** attrs) = 0;
  virtual void on_end(std::string_view name) = 0;
  virtual void on_text(std::string_view text) = 0;
  // A handler sets this to stop the parse with its own message.
  std::optional<Error> failure;
};

// The value of the attribute whose local name is `name` (any namespace
// unless `namespaced`, which requires one), or nullptr.
const char* attr(const char** attrs, std::string_view name, bool namespaced = false);

// kResolve binds prefixes to namespace URIs (and refuses unbound ones);
// element names are then reported without their namespace. kPrefixesOnly
// skips the binding: element names lose their prefix, attributes keep the
// name as written. It is what XmlScanner, the worksheet's parser, reports,
// and its tests and differential fuzzer compare the two this way.
enum class Namespaces { kResolve, kPrefixesOnly };

class XmlParser {
 public:
  // part: the part's name, for messages.
  XmlParser(XmlHandler& handler, std::string part, Namespaces namespaces = Namespaces::kResolve);

  // Feeds the next piece of the document; final on the last one.
  Status feed(std::string_view data, bool final);

 private:
  struct Freer {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
  };
  static void XMLCALL start(void* self, const XML_Char* name, const XML_Char** attrs);
  static void XMLCALL end(void* self, const XML_Char* name);
  static void XMLCALL text(void* self, const XML_Char* s, int len);
  static void XMLCALL doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int);
  static void XMLCALL entity(void* self, const XML_Char*, int, const XML_Char*, int,
                             const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*);

  XmlHandler& handler_;
  std::string part_;
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, Freer> parser_;
};

// The errors both parsers give: a DOCTYPE or entity declaration; malformed
// XML (what: the parser's English description, as expat's).
Error xml_doctype_error();
Error malformed_xml_error(std::string_view part, std::int64_t line, std::string_view what);

// Parses a whole part held in memory.
Status parse_xml(XmlHandler& handler, const std::string& part, std::string_view data);

}  // namespace robocall::xlsx
