#include "xlsx/xml_parser.h"

#include <climits>
#include <cstring>
#include <type_traits>

namespace robocall::xlsx {

namespace {

constexpr char kNamespaceSeparator = '\x01';

// "URI\x01local" (resolved) or "prefix:local" (Namespaces::kPrefixesOnly).
std::string_view local_name(const char* name) {
  std::string_view full(name);
  auto cut = full.rfind(kNamespaceSeparator);
  if (cut == std::string_view::npos) cut = full.rfind(':');
  return cut == std::string_view::npos ? full : full.substr(cut + 1);
}

}  // namespace

Error xml_doctype_error() {
  return Error::invalid(
      "Файл XLSX отклонён: XML содержит объявление DOCTYPE или сущностей, это не допускается.");
}

Error malformed_xml_error(std::string_view part, std::int64_t line, std::string_view what) {
  return Error::corrupt("Файл XLSX повреждён: неверный XML или UTF-8 в части " + std::string(part) +
                        " (строка " + std::to_string(line) + ": " + std::string(what) + ").");
}

const char* attr(const char** attrs, std::string_view name, bool namespaced) {
  for (const char** a = attrs; *a != nullptr; a += 2) {
    std::string_view full(a[0]);
    const auto cut = full.rfind(kNamespaceSeparator);
    if (namespaced && cut == std::string_view::npos) continue;
    const std::string_view local = cut == std::string_view::npos ? full : full.substr(cut + 1);
    if (local == name) return a[1];
  }
  return nullptr;
}

XmlParser::XmlParser(XmlHandler& handler, std::string part, Namespaces namespaces)
    : handler_(handler),
      part_(std::move(part)),
      parser_(namespaces == Namespaces::kResolve ? XML_ParserCreateNS("UTF-8", kNamespaceSeparator)
                                                 : XML_ParserCreate("UTF-8")) {
  if (!parser_) throw std::bad_alloc();
  XML_Parser p = parser_.get();
  XML_SetUserData(p, this);
  XML_SetElementHandler(p, &XmlParser::start, &XmlParser::end);
  XML_SetCharacterDataHandler(p, &XmlParser::text);
  XML_SetStartDoctypeDeclHandler(p, &XmlParser::doctype);
  XML_SetEntityDeclHandler(p, &XmlParser::entity);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
}

void XMLCALL XmlParser::start(void* self, const XML_Char* name, const XML_Char** attrs) {
  auto* me = static_cast<XmlParser*>(self);
  me->handler_.on_start(local_name(name), attrs);
  if (me->handler_.failure) XML_StopParser(me->parser_.get(), XML_FALSE);
}

void XMLCALL XmlParser::end(void* self, const XML_Char* name) {
  auto* me = static_cast<XmlParser*>(self);
  me->handler_.on_end(local_name(name));
  if (me->handler_.failure) XML_StopParser(me->parser_.get(), XML_FALSE);
}

void XMLCALL XmlParser::text(void* self, const XML_Char* s, int len) {
  auto* me = static_cast<XmlParser*>(self);
  me->handler_.on_text(std::string_view(s, static_cast<std::size_t>(len)));
  if (me->handler_.failure) XML_StopParser(me->parser_.get(), XML_FALSE);
}

void XMLCALL XmlParser::doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                int) {
  auto* me = static_cast<XmlParser*>(self);
  if (!me->handler_.failure) me->handler_.failure = xml_doctype_error();
  XML_StopParser(me->parser_.get(), XML_FALSE);
}

void XMLCALL XmlParser::entity(void* self, const XML_Char*, int, const XML_Char*, int,
                               const XML_Char*, const XML_Char*, const XML_Char*, const XML_Char*) {
  doctype(self, nullptr, nullptr, nullptr, 0);
}

Status XmlParser::feed(std::string_view data, bool final) {
  XML_Parser p = parser_.get();
  while (true) {
    const std::size_t chunk = std::min<std::size_t>(data.size(), INT_MAX / 2);
    const bool last = final && chunk == data.size();
    const XML_Status status = XML_Parse(p, data.data(), static_cast<int>(chunk), last);
    if (handler_.failure) return *handler_.failure;
    if (status != XML_STATUS_OK) {
      return malformed_xml_error(part_, static_cast<std::int64_t>(XML_GetCurrentLineNumber(p)),
                                 XML_ErrorString(XML_GetErrorCode(p)));
    }
    data.remove_prefix(chunk);
    if (data.empty()) return {};
  }
}

Status parse_xml(XmlHandler& handler, const std::string& part, std::string_view data) {
  XmlParser parser(handler, part);
  return parser.feed(data, true);
}

}  // namespace robocall::xlsx
