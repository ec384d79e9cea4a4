#include "http_session.hpp"

#include <boost/beast/websocket.hpp>

#include <algorithm>

#include "log.hpp"
#include "static_files.hpp"
#include "ws_session.hpp"

namespace squiggle::server {
namespace {
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr std::uint32_t kMaxHeaderBytes = 8 * 1024;
constexpr std::uint64_t kMaxBodyBytes = 1024;  // we take no uploads over HTTP
}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, ServerContext& context)
    : stream_(std::move(socket)), context_(context) {}

void HttpSession::run() {
    // Start on the connection's strand so every handler is serialised.
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::do_read() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(kRequestTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout) {
        beast::error_code ignored;
        stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
        return;
    }
    if (ec) {
        if (ec != net::error::operation_aborted && ec != net::error::connection_reset) {
            log_info("http: bad request: " + ec.message());
        }
        return;
    }
    auto request = parser_->release();

    if (websocket::is_upgrade(request)) {
        const auto& allowed = context_.config.allowed_origins;
        const std::string origin(request[http::field::origin]);
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), origin) == allowed.end()) {
            // Cross-site WebSocket hijacking: a page elsewhere cannot use a
            // visitor's browser to reach this server.
            log_warn("http: WebSocket upgrade from origin '" + origin.substr(0, 100) + "' refused");
            auto res = std::make_shared<http::response<http::string_body>>(http::status::forbidden,
                                                                           request.version());
            res->set(http::field::content_type, "text/plain");
            res->body() = "origin not allowed\n";
            res->prepare_payload();
            response_ = res;
            http::async_write(stream_, *res,
                              beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), false));
            return;
        }
        if (request.target() != "/ws") {
            auto res = std::make_shared<http::response<http::string_body>>(http::status::not_found,
                                                                           request.version());
            res->set(http::field::content_type, "text/plain");
            res->body() = "WebSocket endpoint is /ws\n";
            res->prepare_payload();
            response_ = res;
            http::async_write(stream_, *res,
                              beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), false));
            return;
        }
        // The WebSocket session takes the socket; timeouts become its own.
        stream_.expires_never();
        std::make_shared<WsSession>(stream_.release_socket(), context_)->run(std::move(request));
        return;
    }

    std::shared_ptr<http::response<http::string_body>> res;
    if (request.target() == "/metrics") {
        res = std::make_shared<http::response<http::string_body>>(http::status::ok, request.version());
        res->set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
        res->set(http::field::cache_control, "no-store");
        res->body() = context_.metrics.render(context_.rooms.open_rooms());
        res->keep_alive(request.keep_alive());
        res->prepare_payload();
    } else if (request.target() == "/healthz") {
        res = std::make_shared<http::response<http::string_body>>(http::status::ok, request.version());
        res->set(http::field::content_type, "text/plain; charset=utf-8");
        res->set(http::field::cache_control, "no-store");
        res->body() = "ok\n";
        res->keep_alive(request.keep_alive());
        res->prepare_payload();
    } else if (context_.config.web_root.empty()) {
        res = std::make_shared<http::response<http::string_body>>(http::status::not_found, request.version());
        res->set(http::field::content_type, "text/plain; charset=utf-8");
        res->body() = "this server serves no web page (see --web-root)\n";
        res->keep_alive(request.keep_alive());
        res->prepare_payload();
    } else {
        res = std::make_shared<http::response<http::string_body>>(serve_static(context_.config.web_root, request));
    }
    const bool keep_alive = res->keep_alive();
    response_ = res;
    http::async_write(stream_, *res,
                      beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), keep_alive));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    response_.reset();
    if (ec) return;
    if (!keep_alive) {
        beast::error_code ignored;
        stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
        return;
    }
    do_read();
}

}  // namespace squiggle::server
