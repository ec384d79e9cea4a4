#include "static_files.hpp"

#include <fstream>
#include <sstream>

namespace squiggle::server {
namespace {

std::string_view mime_type(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".wasm") return "application/wasm";
    if (ext == ".json") return "application/json";
    if (ext == ".png") return "image/png";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

http::response<http::string_body> plain(const http::request<http::string_body>& request,
                                        http::status status, std::string body) {
    http::response<http::string_body> res{status, request.version()};
    res.set(http::field::server, "squigglesync");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(request.keep_alive());
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '%') {
            out.push_back(in[i]);
            continue;
        }
        if (i + 2 >= in.size()) return false;
        auto hex = [](char c) -> int {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        };
        const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return true;
}

http::response<http::string_body> serve_static(const std::filesystem::path& web_root,
                                               const http::request<http::string_body>& request) {
    namespace fs = std::filesystem;
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
        auto res = plain(request, http::status::method_not_allowed, "method not allowed\n");
        res.set(http::field::allow, "GET, HEAD");
        return res;
    }
    std::string_view target(request.target().data(), request.target().size());
    if (const auto q = target.find_first_of("?#"); q != std::string_view::npos) target = target.substr(0, q);
    std::string path;
    if (target.empty() || target[0] != '/' || !percent_decode(target, path)) {
        return plain(request, http::status::bad_request, "bad request target\n");
    }
    // Every segment must be a plain name: no "..", ".", empty or backslash tricks.
    std::string relative;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view segment = std::string_view(path).substr(start, end - start);
        if (!segment.empty()) {
            if (segment == "." || segment == ".." || segment.find('\\') != std::string_view::npos) {
                return plain(request, http::status::bad_request, "bad request target\n");
            }
            if (!relative.empty()) relative += '/';
            relative += segment;
        }
        start = end + 1;
    }
    if (relative.empty() || path.back() == '/') relative += relative.empty() ? "index.html" : "/index.html";

    std::error_code ec;
    const fs::path root = fs::canonical(web_root, ec);
    if (ec) return plain(request, http::status::not_found, "not found\n");
    const fs::path file = fs::weakly_canonical(root / relative, ec);
    // Resolving symlinks must still land inside the web root.
    const auto [root_end, file_it] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (ec || root_end != root.end() || !fs::is_regular_file(file, ec)) {
        return plain(request, http::status::not_found, "not found\n");
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in.good() && !in.eof()) return plain(request, http::status::internal_server_error, "read error\n");

    http::response<http::string_body> res{http::status::ok, request.version()};
    res.set(http::field::server, "squigglesync");
    res.set(http::field::content_type, std::string(mime_type(file)));
    // The page must always be fresh; the client files are small enough to
    // revalidate too until they carry content hashes in their names.
    res.set(http::field::cache_control, "no-cache");
    res.set("X-Content-Type-Options", "nosniff");
    res.keep_alive(request.keep_alive());
    const std::size_t size = body.view().size();
    if (request.method() == http::verb::get) res.body() = std::move(body).str();
    res.content_length(size);
    return res;
}

}  // namespace squiggle::server
