// A small blocking HTTP/1.1 client for the API tests and the API benchmark
// (libcurl; one connection per Client, kept alive between requests), with
// the calls the tests make: Get, Post (a body or multipart form files), Put,
// Delete, Patch, each with optional headers. One thread per Client.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace robocall::httpc {

using Headers = http::Headers;

struct Response {
  int status = 0;
  Headers headers;
  std::string body;

  bool has_header(std::string_view key) const;
  std::string get_header_value(std::string_view key) const;  // "" when absent
};

// A form file of a multipart/form-data body.
struct MultipartFormData {
  std::string name;
  std::string content;
  std::string filename;
  std::string content_type;
};
using MultipartFormDataItems = std::vector<MultipartFormData>;

// A response, or no response (then error() says why).
class Result {
 public:
  explicit Result(Response response) : response_(std::move(response)) {}
  static Result failed(std::string error);

  explicit operator bool() const { return response_.has_value(); }
  const Response* operator->() const { return &*response_; }
  const Response& operator*() const { return *response_; }
  const std::string& error() const { return error_; }

 private:
  Result() = default;
  std::optional<Response> response_;
  std::string error_;
};

class Client {
 public:
  Client(std::string host, int port);
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) = delete;

  void set_read_timeout(std::chrono::seconds timeout) { timeout_ = timeout; }
  void set_keep_alive(bool) {}  // always kept alive

  Result Get(const std::string& path, const Headers& headers = {});
  Result Post(const std::string& path, const std::string& body, const std::string& content_type);
  Result Post(const std::string& path, const Headers& headers, const std::string& body,
              const std::string& content_type);
  Result Post(const std::string& path, const Headers& headers, const MultipartFormDataItems& items);
  Result Put(const std::string& path, const Headers& headers, const std::string& body,
             const std::string& content_type);
  Result Delete(const std::string& path, const Headers& headers = {});
  Result Patch(const std::string& path, const Headers& headers, const std::string& body,
               const std::string& content_type);

 private:
  Result send(const char* method, const std::string& path, Headers headers, const std::string* body,
              const MultipartFormDataItems* items);

  std::string origin_;
  std::chrono::seconds timeout_{30};
  struct Handle;
  std::unique_ptr<Handle> handle_;
};

}  // namespace robocall::httpc
