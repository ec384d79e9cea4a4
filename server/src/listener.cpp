#include "listener.hpp"

#include "http_session.hpp"
#include "log.hpp"

namespace squiggle::server {

Listener::Listener(net::io_context& ioc, net::ip::tcp::endpoint endpoint, ServerContext& context,
                   boost::beast::error_code& ec)
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), context_(context) {
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
}

void Listener::run() { do_accept(); }

void Listener::stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::beast::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

void Listener::do_accept() {
    // Each connection gets its own strand: its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(ioc_),
                           boost::beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code ec, net::ip::tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (ec) {
        // Out of file descriptors and the like: log, and keep accepting.
        log_warn("accept: " + ec.message());
    } else {
        std::make_shared<HttpSession>(std::move(socket), context_)->run();
    }
    do_accept();
}

}  // namespace squiggle::server
