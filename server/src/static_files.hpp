#pragma once
// Serves the built web page from one folder: GET/HEAD only, no directory
// listings, nothing outside the folder (no "..", no symlinks leading out).
#include <boost/beast/http.hpp>
#include <filesystem>

namespace squiggle::server {

namespace http = boost::beast::http;

http::response<http::string_body> serve_static(const std::filesystem::path& web_root,
                                               const http::request<http::string_body>& request);

// Decodes %XX escapes; false on a malformed escape or an encoded NUL.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace squiggle::server
