// The API's OpenAPI document (docs/openapi.yaml), compiled into the binary.
// Immutable data; any thread.
#pragma once

#include <string_view>

namespace robocall::http {

std::string_view openapi_document();

}  // namespace robocall::http
