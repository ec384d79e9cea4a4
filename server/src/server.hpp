#pragma once
// The whole server: storage, rooms, counters and the listener on a pool of
// I/O threads, and the orderly shutdown on SIGTERM.
#include <boost/asio/io_context.hpp>
#include <atomic>
#include <memory>

#include "config.hpp"
#include "group_commit.hpp"
#include "metrics.hpp"
#include "room_registry.hpp"
#include "server_context.hpp"
#include "store/file_board_store.hpp"

namespace squiggle::server {

class Listener;
class RedisHub;

class Server {
public:
    explicit Server(ServerConfig config);
    ~Server();

    // Binds the port; false (with a logged reason) when it cannot.
    bool start();
    std::uint16_t port() const { return port_; }

    // Runs the I/O threads until SIGINT or SIGTERM, then stops accepting,
    // closes every session with 1001 (going away), makes everything stored
    // durable and returns.
    void run_until_signalled();

private:
    std::shared_ptr<RoomRegistry> make_rooms();
    void begin_shutdown();

    ServerConfig config_;
    boost::asio::io_context ioc_;
    Metrics metrics_;
    std::unique_ptr<GroupCommit> group_commit_;
    // The embedded store, or the Redis hub that several processes share.
    std::unique_ptr<FileBoardStore> store_;
    std::shared_ptr<RedisHub> hub_;
    std::shared_ptr<RoomRegistry> rooms_;
    SessionSet sessions_;
    std::atomic<bool> shutting_down_{false};
    ServerContext context_;
    std::shared_ptr<Listener> listener_;
    std::uint16_t port_ = 0;
};

}  // namespace squiggle::server
