#include "http/message.h"

#include <gtest/gtest.h>

namespace robocall::http {
namespace {

TEST(Ranges, one_byte_range_is_read_and_anything_else_is_the_whole_body) {
  struct Case {
    std::string header;
    std::vector<ByteRange> ranges;
  };
  for (const auto& [header, ranges] : std::vector<Case>{
           {"bytes=0-99", {{0, 99}}},
           {"bytes=100-", {{100, -1}}},
           {"bytes=-500", {{-1, 500}}},
           {"bytes=0-0,1-1", {}},  // several ranges: the whole body once
           {"bytes=5-1", {}},
           {"items=0-1", {}},
           {"bytes=a-b", {}},
           {"", {}},
       }) {
    EXPECT_EQ(parse_ranges(header), ranges) << header;
  }
}

TEST(Ranges, a_range_resolves_inside_the_body_or_not_at_all) {
  struct Case {
    ByteRange range;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> span;  // offset, length
  };
  for (const auto& [range, span] : std::vector<Case>{
           {{2, 4}, {{2, 3}}},
           {{7, -1}, {{7, 3}}},
           {{-1, 2}, {{8, 2}}},
           {{-1, 50}, {{0, 10}}},
           {{5, 500}, {{5, 5}}},
           {{10, 12}, std::nullopt},
           {{-1, 0}, std::nullopt},
       }) {
    auto got = resolve_range(range, 10);
    ASSERT_EQ(got.has_value(), span.has_value()) << range.first << "-" << range.second;
    if (got) {
      EXPECT_EQ(got->offset, span->first);
      EXPECT_EQ(got->length, span->second);
    }
  }
}

TEST(Query, keys_and_values_are_percent_decoded) {
  auto p = parse_query("q=%D0%98%D0%B2+%D0%B0&sort=name&empty=&flag");
  EXPECT_EQ(p.find("q")->second, "Ив а");
  EXPECT_EQ(p.find("sort")->second, "name");
  EXPECT_EQ(p.find("empty")->second, "");
  EXPECT_EQ(p.count("flag"), 1u);
}

TEST(Headers, are_found_whatever_their_case) {
  Request req;
  req.headers.emplace("content-type", "application/json");
  EXPECT_EQ(req.get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(req.has_header("Cookie"));
}

TEST(Multipart, file_parts_are_read_by_field_name) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\nPK\x03\x04\r\nbytes\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XyZ--\r\n";
  auto files = parse_multipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(files);
  EXPECT_EQ(files->at("file").filename, "a.xlsx");
  EXPECT_EQ(files->at("file").content, "PK\x03\x04\r\nbytes");
  EXPECT_EQ(files->at("note").content, "hi");
}

TEST(Multipart, a_body_without_its_boundary_or_end_is_refused) {
  EXPECT_FALSE(parse_multipart("multipart/form-data", "--a\r\n\r\nx\r\n--a--"));
  EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=a", "--a\r\nname\r\n\r\nx"));
}

}  // namespace
}  // namespace robocall::http
