// The page is served from the web root and nothing outside it is reachable.
#include "static_files.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "server_process.hpp"

using namespace squiggle::server;
using squiggle::test::TempDir;

namespace {
http::response<http::string_body> get(const std::filesystem::path& root, const std::string& target) {
    http::request<http::string_body> req{http::verb::get, target, 11};
    return serve_static(root, req);
}
}  // namespace

TEST_CASE("files are served with their content type, / is index.html") {
    TempDir dir;
    { std::ofstream(dir.path() / "index.html") << "<!doctype html>page"; }
    { std::ofstream(dir.path() / "app.wasm") << "wasm"; }
    auto index = get(dir.path(), "/");
    CHECK(index.result() == http::status::ok);
    CHECK(index.body() == "<!doctype html>page");
    CHECK(index[http::field::content_type] == "text/html; charset=utf-8");
    CHECK(get(dir.path(), "/app.wasm")[http::field::content_type] == "application/wasm");
    // Always revalidated, never sniffed into another type.
    CHECK(index[http::field::cache_control] == "no-cache");
    CHECK(index["X-Content-Type-Options"] == "nosniff");
    CHECK(get(dir.path(), "/index.html?x=1#b=y").result() == http::status::ok);
    CHECK(get(dir.path(), "/missing.js").result() == http::status::not_found);
}

TEST_CASE("path traversal is refused in every spelling") {
    TempDir dir;
    const auto root = dir.path() / "web";
    std::filesystem::create_directories(root);
    { std::ofstream(dir.path() / "secret.txt") << "secret"; }
    std::filesystem::create_symlink(dir.path() / "secret.txt", root / "link.txt");
    std::filesystem::create_directories(root / "sub");
    for (const std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                                     "/sub/../../secret.txt", "/..%5csecret.txt", "//etc/passwd",
                                     "/link.txt", "/sub/", "/%00", "relative", "/sub"}) {
        const auto res = get(root, target);
        INFO(target);
        CHECK(res.result() != http::status::ok);
        CHECK(res.body().find("secret") == std::string::npos);
    }
}

TEST_CASE("only GET and HEAD are allowed") {
    TempDir dir;
    { std::ofstream(dir.path() / "index.html") << "x"; }
    http::request<http::string_body> req{http::verb::post, "/", 11};
    CHECK(serve_static(dir.path(), req).result() == http::status::method_not_allowed);
    http::request<http::string_body> head{http::verb::head, "/", 11};
    const auto res = serve_static(dir.path(), head);
    CHECK(res.result() == http::status::ok);
    CHECK(res.body().empty());
}
