#pragma once
// One client WebSocket on the shared io_context: connects, upgrades, reads
// every frame and hands it (decoded) to its owner, and writes frames one at a
// time from a queue (a Beast stream allows one write in flight).
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdint>
#include <deque>
#include <string>

#include "wire_protocol.hpp"

namespace loadgen {

class Connection;

class ConnectionOwner {
public:
    virtual ~ConnectionOwner() = default;
    // The upgrade (and the transport's own handshake) is done: join now.
    virtual void on_ready(Connection& c) = 0;
    virtual void on_message(Connection& c, const Incoming& in) = 0;
    virtual void on_failed(Connection& c, const std::string& what) = 0;
};

// Bytes as they cross the wire: payload plus the WebSocket frame header
// (client frames add a 4-byte mask). TCP/IP headers are not counted.
struct ByteCounters {
    std::uint64_t sent = 0;
    std::uint64_t sent_ops = 0;
    std::uint64_t received = 0;
    std::uint64_t received_ops = 0;
};

class Connection {
public:
    Connection(boost::asio::io_context& ioc, const WireProtocol& protocol, ConnectionOwner& owner,
               std::size_t index);

    void start(const boost::asio::ip::tcp::endpoint& endpoint, const std::string& host, const std::string& target);
    void send(std::string frame, bool is_op = false);

    std::size_t index() const { return index_; }
    const ByteCounters& bytes() const { return bytes_; }
    bool open() const { return open_; }

private:
    void read_next();
    void on_read(const boost::system::error_code& ec);
    void write_next();
    void fail(const char* step, const boost::system::error_code& ec);

    const WireProtocol& protocol_;
    ConnectionOwner& owner_;
    std::size_t index_;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer buffer_;
    struct Outgoing {
        std::string frame;
        bool is_op;
    };
    std::deque<Outgoing> queue_;
    bool writing_ = false;
    bool open_ = false;
    bool failed_ = false;
    ByteCounters bytes_;
};

}  // namespace loadgen
