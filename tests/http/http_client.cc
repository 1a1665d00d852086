#include "http_client.h"

#include <curl/curl.h>

#include <mutex>

namespace robocall::httpc {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t collect_header(char* data, size_t size, size_t count, void* out) {
  auto& response = *static_cast<Response*>(out);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    response.headers.clear();  // a new response (after "100 Continue")
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    auto value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.remove_suffix(1);
    response.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
  }
  return size * count;
}

}  // namespace

bool Response::has_header(std::string_view key) const {
  return headers.find(key) != headers.end();
}

std::string Response::get_header_value(std::string_view key) const {
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

Result Result::failed(std::string error) {
  Result r;
  r.error_ = std::move(error);
  return r;
}

struct Client::Handle {
  CURL* curl = nullptr;
  ~Handle() {
    if (curl) curl_easy_cleanup(curl);
  }
};

Client::Client(std::string host, int port)
    : origin_("http://" + host + ":" + std::to_string(port)), handle_(std::make_unique<Handle>()) {
  static std::once_flag ready;
  std::call_once(ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  handle_->curl = curl_easy_init();
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;

Result Client::Get(const std::string& path, const Headers& headers) {
  return send("GET", path, headers, nullptr, nullptr);
}

Result Client::Post(const std::string& path, const std::string& body,
                    const std::string& content_type) {
  return Post(path, Headers{}, body, content_type);
}

Result Client::Post(const std::string& path, const Headers& headers, const std::string& body,
                    const std::string& content_type) {
  Headers h = headers;
  h.emplace("Content-Type", content_type);
  return send("POST", path, std::move(h), &body, nullptr);
}

Result Client::Post(const std::string& path, const Headers& headers,
                    const MultipartFormDataItems& items) {
  return send("POST", path, headers, nullptr, &items);
}

Result Client::Put(const std::string& path, const Headers& headers, const std::string& body,
                   const std::string& content_type) {
  Headers h = headers;
  h.emplace("Content-Type", content_type);
  return send("PUT", path, std::move(h), &body, nullptr);
}

Result Client::Delete(const std::string& path, const Headers& headers) {
  return send("DELETE", path, headers, nullptr, nullptr);
}

Result Client::Patch(const std::string& path, const Headers& headers, const std::string& body,
                     const std::string& content_type) {
  Headers h = headers;
  h.emplace("Content-Type", content_type);
  return send("PATCH", path, std::move(h), &body, nullptr);
}

Result Client::send(const char* method, const std::string& path, Headers headers,
                    const std::string* body, const MultipartFormDataItems* items) {
  CURL* c = handle_->curl;
  if (!c) return Result::failed("curl_easy_init failed");
  curl_easy_reset(c);
  const std::string url = origin_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count() * 1000));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const auto& [k, v] : headers) list = curl_slist_append(list, (k + ": " + v).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(list,
                                                                          curl_slist_free_all);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> mime(nullptr, curl_mime_free);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  } else if (items) {
    mime.reset(curl_mime_init(c));
    for (const auto& item : *items) {
      auto* part = curl_mime_addpart(mime.get());
      curl_mime_name(part, item.name.c_str());
      curl_mime_data(part, item.content.data(), item.content.size());
      if (!item.filename.empty()) curl_mime_filename(part, item.filename.c_str());
      if (!item.content_type.empty()) curl_mime_type(part, item.content_type.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  } else if (std::string_view(method) == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  Response response;
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response);
  if (auto rc = curl_easy_perform(c); rc != CURLE_OK) return Result::failed(curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  return Result(std::move(response));
}

}  // namespace robocall::httpc
