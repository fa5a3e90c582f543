#include "src/fetch/test_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstring>

namespace concord::fetch::testing {
namespace {

double SteadyNow() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return s;
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 307:
      return "Temporary Redirect";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

void SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away (say, a body too large)
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

// Reads a request head (up to the empty line), or "" on error or timeout.
std::string ReadHead(int fd) {
  std::string head;
  char buf[4096];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return {};
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return {};
    head.append(buf, static_cast<size_t>(n));
  }
  return head;
}

TestRequest ParseHead(const std::string& head) {
  TestRequest r;
  size_t line_end = head.find("\r\n");
  const std::string first = head.substr(0, line_end);
  const size_t sp1 = first.find(' ');
  const size_t sp2 = first.find(' ', sp1 + 1);
  if (sp1 != std::string::npos && sp2 != std::string::npos) {
    r.method = first.substr(0, sp1);
    r.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
  }
  r.path = r.target.substr(0, r.target.find('?'));
  size_t pos = line_end + 2;
  while (pos < head.size()) {
    const size_t end = head.find("\r\n", pos);
    if (end == std::string::npos || end == pos) break;
    const std::string line = head.substr(pos, end - pos);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      r.headers[Lower(line.substr(0, colon))] = line.substr(v);
    }
    pos = end + 2;
  }
  return r;
}

TestResponse Html(const std::string& title, const std::string& text) {
  TestResponse r;
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  r.body = "<!doctype html><html><head><title>" + title +
           "</title></head><body><h1>" + title + "</h1><p>" + text +
           "</p></body></html>\n";
  return r;
}

TestResponse Redirect(int status, const std::string& location) {
  TestResponse r;
  r.status = status;
  r.headers = {{"Location", location}, {"Content-Type", "text/plain"}};
  r.body = "see " + location + "\n";
  return r;
}

}  // namespace

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
               Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TestHttpServer::TestHttpServer() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return;
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 64) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    return;
  }
  listen_fd_ = fd;
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

TestHttpServer::~TestHttpServer() {
  stopping_ = true;
  stop_cv_.notify_all();
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    workers.swap(workers_);
  }
  for (std::thread& t : workers) t.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
}

std::string TestHttpServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void TestHttpServer::Route(const std::string& path, TestHandler handler) {
  std::lock_guard<std::mutex> lock(mu_);
  routes_[path] = std::move(handler);
}

std::vector<TestRequest> TestHttpServer::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

std::vector<double> TestHttpServer::TimesOf(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<double> out;
  for (const TestRequest& r : log_) {
    if (r.path == path) out.push_back(r.at_seconds);
  }
  return out;
}

int TestHttpServer::CountOf(const std::string& path) const {
  return static_cast<int>(TimesOf(path).size());
}

void TestHttpServer::Wait(double seconds) {
  std::unique_lock<std::mutex> lock(mu_);
  stop_cv_.wait_for(lock, std::chrono::duration<double>(seconds),
                    [this] { return stopping_.load(); });
}

void TestHttpServer::AcceptLoop() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

void TestHttpServer::Serve(int fd) {
  const std::string head = ReadHead(fd);
  if (head.empty()) {
    ::close(fd);
    return;
  }
  TestRequest request = ParseHead(head);
  request.at_seconds = SteadyNow();
  TestHandler handler;
  int hit = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    log_.push_back(request);
    hit = ++hits_[request.path];
    if (auto it = routes_.find(request.path); it != routes_.end()) {
      handler = it->second;
    }
  }
  TestResponse response;
  if (handler) {
    response = handler(request, hit);
  } else {
    response.status = 404;
    response.headers = {{"Content-Type", "text/plain"}};
    response.body = "no such page\n";
  }
  if (response.delay_seconds > 0) Wait(response.delay_seconds);
  if (stopping_) {
    ::close(fd);
    return;
  }
  std::string body = response.gzip ? Gzip(response.body) : response.body;
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " +
                    Reason(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    out += name + ": " + value + "\r\n";
  }
  if (response.gzip) out += "Content-Encoding: gzip\r\n";
  if (response.chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  out += "Connection: close\r\n\r\n";
  SendAll(fd, out);
  if (request.method != "HEAD") {
    if (response.chunked) {
      constexpr size_t kChunk = 16384;
      for (size_t i = 0; i < body.size(); i += kChunk) {
        const size_t n = std::min(kChunk, body.size() - i);
        char size_line[32];
        std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
        SendAll(fd, size_line);
        SendAll(fd, std::string_view(body).substr(i, n));
        SendAll(fd, "\r\n");
      }
      SendAll(fd, "0\r\n\r\n");
    } else {
      SendAll(fd, body);
    }
  }
  ::shutdown(fd, SHUT_WR);
  // Drain what the client may still send, so that close() does not reset.
  char buf[512];
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 200) > 0 && ::recv(fd, buf, sizeof buf, 0) > 0) {
  }
  ::close(fd);
}

void AddTestSite(TestHttpServer& server, double crawl_delay_seconds) {
  char delay[32];
  std::snprintf(delay, sizeof delay, "%g", crawl_delay_seconds);
  const std::string robots = std::string(
                                 "# fixture robots.txt\n"
                                 "User-agent: *\n"
                                 "Disallow: /private/\n"
                                 "Crawl-delay: ") +
                             delay + "\n";
  server.Route("/robots.txt", [robots](const TestRequest&, int) {
    TestResponse r;
    r.headers = {{"Content-Type", "text/plain"}};
    r.body = robots;
    return r;
  });
  for (int i = 1; i <= 3; ++i) {
    server.Route("/page/" + std::to_string(i), [i](const TestRequest&, int) {
      return Html("Harbour notes " + std::to_string(i),
                  "The ferry timetable for week " + std::to_string(i) +
                      " changes on Monday, the harbour office said.");
    });
  }
  const std::string base = server.Url("");
  server.Route("/feed.xml", [base](const TestRequest&, int) {
    TestResponse r;
    r.headers = {{"Content-Type", "application/rss+xml"}};
    r.body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\"><channel><title>Harbour News</title>"
        "<link>" +
        base +
        "/</link><description>Test feed</description>"
        "<item><title>Week one</title><link>" +
        base +
        "/page/1</link>"
        "<guid>h-1</guid></item>"
        "<item><title>Week two</title><link>" +
        base +
        "/page/2</link>"
        "<guid>h-2</guid></item>"
        "<item><title>Staff only</title><link>" +
        base +
        "/private/secret</link><guid>h-3</guid></item>"
        "<item><title>Gone</title><link>" +
        base +
        "/missing</link>"
        "<guid>h-4</guid></item>"
        "</channel></rss>\n";
    return r;
  });
  server.Route("/private/secret", [](const TestRequest&, int) {
    return Html("Staff only", "Nobody should fetch this page.");
  });
  server.Route("/slow", [](const TestRequest&, int) {
    TestResponse r = Html("Slow", "Late news.");
    r.delay_seconds = 5;
    return r;
  });
  const auto big = [](bool chunked) {
    return [chunked](const TestRequest&, int) {
      TestResponse r;
      r.headers = {{"Content-Type", "text/plain"}};
      r.body.assign(2 << 20, 'x');
      r.chunked = chunked;
      return r;
    };
  };
  server.Route("/big", big(false));
  server.Route("/big-chunked", big(true));
  server.Route("/loop/a", [](const TestRequest&, int) {
    return Redirect(302, "/loop/b");
  });
  server.Route("/loop/b", [](const TestRequest&, int) {
    return Redirect(302, "/loop/a");
  });
  server.Route("/chain/1", [](const TestRequest&, int) {
    return Redirect(301, "/chain/2");
  });
  server.Route("/chain/2", [base](const TestRequest&, int) {
    return Redirect(302, base + "/chain/3");
  });
  server.Route("/chain/3", [](const TestRequest&, int) {
    return Redirect(307, "../page/1");
  });
  for (int i = 0; i < 12; ++i) {
    server.Route("/hops/" + std::to_string(i), [i](const TestRequest&, int) {
      return Redirect(302, "/hops/" + std::to_string(i + 1));
    });
  }
  server.Route("/flaky", [](const TestRequest&, int hit) {
    if (hit == 1) {
      TestResponse r;
      r.status = 503;
      r.body = "try again\n";
      return r;
    }
    return Html("Flaky", "Second time lucky.");
  });
  server.Route("/busy", [](const TestRequest&, int hit) {
    if (hit == 1) {
      TestResponse r;
      r.status = 429;
      r.headers = {{"Retry-After", "1"}};
      r.body = "slow down\n";
      return r;
    }
    return Html("Busy", "Served after waiting.");
  });
  server.Route("/gzip", [](const TestRequest&, int) {
    TestResponse r = Html("Compressed", "This page travels gzip-encoded.");
    r.gzip = true;
    return r;
  });
  server.Route("/to-private", [](const TestRequest&, int) {
    return Redirect(302, "/private/secret");
  });
  server.Route("/to-ftp", [](const TestRequest&, int) {
    return Redirect(302, "ftp://127.0.0.1/file");
  });
}

}  // namespace concord::fetch::testing
