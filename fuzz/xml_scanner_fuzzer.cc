// Differential libFuzzer target: XmlScanner (the worksheet parser) against
// expat (XmlParser with Namespaces::kPrefixesOnly) on the same document.
// The first byte of the input picks where the document is cut in two for
// the scanner, the rest is the document. Whatever expat accepts, the scanner
// must accept with the same events, but for the limits it documents (a
// token over 1 MiB, nesting over 1,000, open elements' names over 64 KiB); what expat refuses, the
// scanner may refuse or accept, without crashing, leaking or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "xlsx/xml_events.h"
#include "xlsx/xml_parser.h"
#include "xlsx/xml_scanner.h"

using Recorder = robocall::xlsx::XmlEvents;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view doc(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t cut = doc.empty() ? 0 : data[0] % (doc.size() + 1);

  Recorder expat;
  robocall::xlsx::XmlParser parser(expat, "sheet.xml", robocall::xlsx::Namespaces::kPrefixesOnly);
  const bool expat_ok = parser.feed(doc, true).ok();

  Recorder scanned;
  robocall::xlsx::XmlScanner scanner(scanned, "sheet.xml");
  auto status = scanner.feed(doc.substr(0, cut), false);
  if (status) status = scanner.feed(doc.substr(cut), true);

  if (!expat_ok) return 0;
  if (!status) {
    const std::string& message = status.error().message;
    if (message.find("1 MiB") != std::string::npos ||
        message.find("1,000 deep") != std::string::npos ||
        message.find("64 KiB") != std::string::npos)
      return 0;
    std::fprintf(stderr, "expat accepted, the scanner refused: %s\n", message.c_str());
    std::abort();
  }
  if (scanned.events != expat.events) {
    std::fprintf(stderr, "events differ (%zu from expat, %zu from the scanner)\n",
                 expat.events.size(), scanned.events.size());
    for (std::size_t i = 0; i < expat.events.size() || i < scanned.events.size(); ++i) {
      std::fprintf(stderr, "  expat:   %s\n  scanner: %s\n",
                   i < expat.events.size() ? expat.events[i].c_str() : "-",
                   i < scanned.events.size() ? scanned.events[i].c_str() : "-");
    }
    std::abort();
  }
  return 0;
}
