#include "store/backup_manifest.h"

#include <nlohmann/json.hpp>
#include <set>

namespace robocall::store {
namespace {

constexpr std::string_view kFormat = "robocall-backup-1";

bool is_plain_name(std::string_view part) {
  return !part.empty() && part != "." && part != ".." &&
         part.find_first_of(std::string_view("\\\0", 2)) == std::string_view::npos;
}

bool is_sha256(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

Error bad(const std::string& why) {
  return Error::corrupt("Файл " + std::string(kManifestName) +
                        " резервной копии повреждён: " + why);
}

}  // namespace

const ManifestEntry* Manifest::find(std::string_view path) const {
  for (const auto& entry : files)
    if (entry.path == path) return &entry;
  return nullptr;
}

bool is_backup_path(std::string_view path) {
  if (path == kBackupDatabaseName) return true;
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  for (const auto part : parts)
    if (!is_plain_name(part)) return false;
  if (parts[0] == "recordings") return parts.size() == 3;
  if (parts[0] == "phrases" || parts[0] == "voice") return parts.size() == 2;
  return false;
}

std::optional<std::string> data_relative_path(const std::filesystem::path& stored) {
  std::vector<std::string> parts;
  for (const auto& part : stored) parts.push_back(part.string());
  const auto n = parts.size();
  std::string rel;
  if (n >= 3 && parts[n - 3] == "recordings")
    rel = "recordings/" + parts[n - 2] + "/" + parts[n - 1];
  else if (n >= 2 && parts[n - 2] == "phrases")
    rel = "phrases/" + parts[n - 1];
  if (rel.empty() || !is_backup_path(rel)) return std::nullopt;
  return rel;
}

std::string format_manifest(const Manifest& manifest) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : manifest.files)
    files.push_back({{"path", f.path}, {"size", f.digest.size}, {"sha256", f.digest.sha256}});
  const nlohmann::ordered_json doc = {{"format", kFormat},
                                      {"created_at", manifest.created_at},
                                      {"schema_version", manifest.schema_version},
                                      {"files", std::move(files)}};
  return doc.dump(1) + "\n";
}

Result<Manifest> parse_manifest(std::string_view text) {
  const auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return bad("это не JSON");
  if (doc.value("format", "") != kFormat) return bad("неизвестный формат");
  Manifest m;
  const auto created = doc.find("created_at");
  const auto version = doc.find("schema_version");
  const auto files = doc.find("files");
  if (created == doc.end() || !created->is_number_integer() || version == doc.end() ||
      !version->is_number_unsigned() || files == doc.end() || !files->is_array())
    return bad("нет полей created_at, schema_version или files");
  m.created_at = created->get<std::int64_t>();
  m.schema_version = version->get<int>();
  std::set<std::string, std::less<>> seen;
  for (const auto& f : *files) {
    if (!f.is_object()) return bad("запись о файле — не объект");
    const auto path = f.find("path");
    const auto size = f.find("size");
    const auto sha = f.find("sha256");
    if (path == f.end() || !path->is_string() || size == f.end() || !size->is_number_unsigned() ||
        sha == f.end() || !sha->is_string())
      return bad("у файла нет пути, размера или контрольной суммы");
    ManifestEntry entry{path->get<std::string>(),
                        {size->get<std::uint64_t>(), sha->get<std::string>()}};
    if (!is_backup_path(entry.path)) return bad("недопустимый путь «" + entry.path + "»");
    if (!is_sha256(entry.digest.sha256))
      return bad("недопустимая контрольная сумма файла «" + entry.path + "»");
    if (!seen.insert(entry.path).second) return bad("файл «" + entry.path + "» указан дважды");
    m.files.push_back(std::move(entry));
  }
  if (!seen.contains(kBackupDatabaseName)) return bad("в нём нет базы данных");
  return m;
}

}  // namespace robocall::store
