#pragma once
// The whole server: storage, rooms and the listener on a pool of I/O threads.
#include <boost/asio/io_context.hpp>
#include <memory>

#include "config.hpp"
#include "room_registry.hpp"
#include "server_context.hpp"
#include "store/file_board_store.hpp"

namespace squiggle::server {

class Listener;

class Server {
public:
    explicit Server(ServerConfig config);
    ~Server();

    // Binds the port; false (with a logged reason) when it cannot.
    bool start();
    std::uint16_t port() const { return port_; }

    // Runs the I/O threads until SIGINT or SIGTERM.
    void run_until_signalled();

private:
    ServerConfig config_;
    boost::asio::io_context ioc_;
    FileBoardStore store_;
    RoomRegistry rooms_;
    ServerContext context_;
    std::shared_ptr<Listener> listener_;
    std::uint16_t port_ = 0;
};

}  // namespace squiggle::server
