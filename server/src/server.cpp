#include "server.hpp"

#include <boost/asio/signal_set.hpp>
#include <thread>
#include <vector>

#include "listener.hpp"
#include "log.hpp"

namespace squiggle::server {

Server::Server(ServerConfig config)
    : config_(std::move(config)),
      ioc_(static_cast<int>(config_.threads)),
      store_(config_.data_dir, config_.fsync),
      rooms_(store_),
      context_{config_, rooms_} {}

Server::~Server() = default;

bool Server::start() {
    boost::beast::error_code ec;
    const auto address = net::ip::make_address(config_.bind_address, ec);
    if (ec) {
        log_error("invalid --bind address '" + config_.bind_address + "': " + ec.message());
        return false;
    }
    listener_ = std::make_shared<Listener>(ioc_, net::ip::tcp::endpoint{address, config_.port}, context_, ec);
    if (ec) {
        log_error("cannot listen on " + config_.bind_address + ":" + std::to_string(config_.port) + ": " +
                  ec.message());
        return false;
    }
    port_ = listener_->port();
    listener_->run();
    return true;
}

void Server::run_until_signalled() {
    net::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code&, int signal) {
        log_info("signal " + std::to_string(signal) + ": shutting down");
        // Every acknowledged op is already stored; stopping the loop is enough.
        ioc_.stop();
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
}

}  // namespace squiggle::server
