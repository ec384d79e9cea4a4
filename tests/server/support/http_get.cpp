#include "http_get.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

namespace squiggle::test {

namespace http = boost::beast::http;

http::response<http::string_body> http_get(std::uint16_t port, const std::string& target, const std::string& origin) {
    boost::asio::io_context ioc;
    boost::beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!origin.empty()) req.set(http::field::origin, origin);
    http::write(stream, req);
    boost::beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return res;
}

}  // namespace squiggle::test
