#include "server.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>
#include <thread>
#include <vector>

#include "embedded_room_registry.hpp"
#include "listener.hpp"
#include "redis/redis_hub.hpp"
#include "log.hpp"
#include "squiggle/board_id.hpp"
#include "ws_session.hpp"

namespace squiggle::server {
namespace {

// 128 bits from the OS's random source, as a link key.
std::string random_key() {
    static std::mutex mutex;
    static std::random_device device;
    std::array<std::uint8_t, 16> bytes{};
    std::lock_guard lock(mutex);
    for (std::size_t i = 0; i < bytes.size(); i += 4) {
        const std::uint32_t r = device();
        for (std::size_t k = 0; k < 4; ++k) bytes[i + k] = static_cast<std::uint8_t>(r >> (8 * k));
    }
    return board_id_from_bytes(bytes);
}

RoomSettings room_settings(const ServerConfig& config, Metrics& metrics, GroupCommit* group_commit) {
    RoomSettings s;
    s.fsync = config.fsync;
    s.snapshot_every = config.snapshot_every;
    s.log_retain = config.log_retain;
    s.make_key = random_key;
    s.metrics = &metrics;
    if (group_commit) s.request_sync = [group_commit](const std::shared_ptr<Room>& room) { group_commit->request(room); };
    return s;
}

const char* fsync_name(FsyncPolicy p) {
    switch (p) {
        case FsyncPolicy::kAlways: return "always";
        case FsyncPolicy::kBatch: return "batch";
        case FsyncPolicy::kNever: return "never";
    }
    return "?";
}

}  // namespace

std::shared_ptr<RoomRegistry> Server::make_rooms() {
    if (!config_.redis_url.empty()) {
        RedisAddress address;
        std::string why;
        parse_redis_url(config_.redis_url, address, why);  // checked by parse_config
        hub_ = std::make_shared<RedisHub>(ioc_, address, room_settings(config_, metrics_, nullptr));
        return hub_;
    }
    if (config_.fsync == FsyncPolicy::kBatch) {
        group_commit_ = std::make_unique<GroupCommit>(std::chrono::microseconds(config_.batch_window_us));
    }
    store_ = std::make_unique<FileBoardStore>(config_.data_dir, config_.fsync);
    return std::make_shared<EmbeddedRoomRegistry>(*store_, room_settings(config_, metrics_, group_commit_.get()));
}

Server::Server(ServerConfig config)
    : config_(std::move(config)),
      ioc_(static_cast<int>(config_.threads)),
      rooms_(make_rooms()),
      context_{config_, *rooms_, metrics_, sessions_, shutting_down_} {}

Server::~Server() {
    // Sessions the shutdown could not close still hold rooms; the storage
    // (and hub) they would tell about leaving goes before the event loop
    // that holds them.
    for (const auto& s : sessions_.snapshot()) s->abandon();
}

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
    if (hub_) hub_->start();
    const std::string storage =
        hub_ ? "boards in redis at " + config_.redis_url + " (shared with every process using it)"
             : "embedded storage in " + config_.data_dir + " (fsync " + fsync_name(config_.fsync) + ")";
    log_info(storage + ", snapshot every " + std::to_string(config_.snapshot_every) + " ops, " +
             std::to_string(config_.threads) + " I/O threads" +
             (config_.allowed_origins.empty() ? ", any origin" : ", origin allowlist") +
             (config_.web_root.empty() ? ", no web page" : ", page from " + config_.web_root));
    return true;
}

void Server::begin_shutdown() {
    if (shutting_down_.exchange(true)) return;
    listener_->stop();
    auto sessions = sessions_.snapshot();
    log_info("shutting down: closing " + std::to_string(sessions.size()) + " connections");
    for (const auto& s : sessions) s->shut_down();
    // Give clients a moment to receive the going-away close, then stop.
    auto deadline = std::make_shared<net::steady_timer>(ioc_, std::chrono::seconds(2));
    auto poll = std::make_shared<std::function<void()>>();
    *poll = [this, deadline, poll] {
        if (sessions_.size() == 0 || deadline->expiry() <= std::chrono::steady_clock::now()) {
            ioc_.stop();
            return;
        }
        auto tick = std::make_shared<net::steady_timer>(ioc_, std::chrono::milliseconds(20));
        tick->async_wait([poll, tick](const boost::system::error_code&) { (*poll)(); });
    };
    (*poll)();
}

void Server::run_until_signalled() {
    net::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        log_info("signal " + std::to_string(signal) + ": shutting down");
        begin_shutdown();
    });
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (auto& t : threads) t.join();
    // Everything acknowledged is durable already; this makes the rest so too.
    if (group_commit_) group_commit_->flush_now();
    log_info("stopped");
}

}  // namespace squiggle::server
