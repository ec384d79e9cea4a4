#pragma once
// A plain HTTP GET against the server under test.
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>

namespace squiggle::test {

boost::beast::http::response<boost::beast::http::string_body> http_get(std::uint16_t port, const std::string& target,
                                                                       const std::string& origin = "");

}  // namespace squiggle::test
