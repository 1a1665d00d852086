// Under TLS, a chunked body over its limit is answered 413 before the
// connection closes, like plain HTTP (docs/SECURITY.md "HTTP limits"): the
// answer is written on the connection's TLS session. A GnuTLS client on
// 127.0.0.1 against a certificate made for the test (openssl); bounded to
// 8 MiB and a few seconds.
#include <arpa/inet.h>
#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>

#include "api_fixture.h"

namespace robocall::http::testing {
namespace {

class TlsRefusal : public ApiTest {
 protected:
  void configure(ServerOptions& o) override {
    const auto dir = o.data_dir.parent_path();
    o.tls_cert = dir / "cert.pem";
    o.tls_key = dir / "key.pem";
    const auto cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
        "-days 2 -subj /CN=localhost -keyout '" +
        o.tls_key.string() + "' -out '" + o.tls_cert.string() + "' 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make a test certificate";
  }
};

TEST_F(TlsRefusal, a_chunked_login_body_over_its_limit_is_answered_413_under_tls) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port()));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);

  gnutls_certificate_credentials_t cred = nullptr;
  gnutls_certificate_allocate_credentials(&cred);
  gnutls_session_t s = nullptr;
  gnutls_init(&s, GNUTLS_CLIENT);
  gnutls_set_default_priority(s);
  gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, cred);
  gnutls_transport_set_int(s, fd);
  gnutls_handshake_set_timeout(s, 5000);
  int r = 0;
  do {
    r = gnutls_handshake(s);
  } while (r < 0 && gnutls_error_is_fatal(r) == 0);
  ASSERT_EQ(r, 0) << gnutls_strerror(r);

  const std::string head =
      "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  ASSERT_GT(gnutls_record_send(s, head.data(), head.size()), 0);
  const std::string chunk = "400\r\n" + std::string(1024, ' ') + "\r\n";  // 1 KiB
  std::size_t sent = 0;
  pollfd p{fd, POLLIN, 0};
  while (sent < 8 * 1024 * 1024 && ::poll(&p, 1, 0) == 0 &&
         gnutls_record_send(s, chunk.data(), chunk.size()) > 0) {
    sent += 1024;
  }
  std::string response;
  char buf[4096];
  for (;;) {
    auto n = gnutls_record_recv(s, buf, sizeof buf);
    if (n <= 0) break;
    response.append(buf, static_cast<std::size_t>(n));
  }
  gnutls_deinit(s);
  gnutls_certificate_free_credentials(cred);
  ::close(fd);

  EXPECT_TRUE(response.starts_with("HTTP/1.1 413")) << response.substr(0, 200);
  EXPECT_NE(response.find("payload_too_large"), std::string::npos);
  EXPECT_NE(response.find("Content-Security-Policy"), std::string::npos);
  EXPECT_LT(sent, 4u * 1024 * 1024) << "the server kept reading past the 16 KiB limit";
}

}  // namespace
}  // namespace robocall::http::testing
