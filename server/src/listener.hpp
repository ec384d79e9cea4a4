#pragma once
// Accepts TCP connections and starts an HttpSession on its own strand for each.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <memory>

#include "server_context.hpp"

namespace squiggle::server {

namespace net = boost::asio;

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& ioc, net::ip::tcp::endpoint endpoint, ServerContext& context,
             boost::beast::error_code& ec);

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    void run();
    void stop();

private:
    void do_accept();
    void on_accept(boost::beast::error_code ec, net::ip::tcp::socket socket);

    net::io_context& ioc_;
    net::ip::tcp::acceptor acceptor_;
    ServerContext& context_;
};

}  // namespace squiggle::server
