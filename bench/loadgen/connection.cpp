#include "connection.hpp"

#include <boost/asio/buffer.hpp>

namespace loadgen {

namespace net = boost::asio;
namespace websocket = boost::beast::websocket;

namespace {
std::uint64_t header_bytes(std::size_t payload, bool masked) {
    const std::uint64_t length_bytes = payload < 126 ? 0 : payload < 65536 ? 2 : 8;
    return 2 + length_bytes + (masked ? 4 : 0);
}
}  // namespace

Connection::Connection(net::io_context& ioc, const WireProtocol& protocol, ConnectionOwner& owner,
                       std::size_t index)
    : protocol_(protocol), owner_(owner), index_(index), ws_(ioc) {}

void Connection::start(const net::ip::tcp::endpoint& endpoint, const std::string& host, const std::string& target) {
    ws_.next_layer().async_connect(endpoint, [this, host, target](const boost::system::error_code& ec) {
        if (ec) return fail("connect", ec);
        // Latency is the point: small frames must not wait for Nagle.
        ws_.next_layer().set_option(net::ip::tcp::no_delay(true));
        ws_.auto_fragment(false);
        ws_.binary(protocol_.binary());
        ws_.async_handshake(host, target, [this](const boost::system::error_code& hec) {
            if (hec) return fail("handshake", hec);
            open_ = true;
            read_next();
            if (protocol_.ready_on_open()) owner_.on_ready(*this);
        });
    });
}

void Connection::send(std::string frame, bool is_op) {
    if (!open_) return;
    const auto wire = frame.size() + header_bytes(frame.size(), true);
    bytes_.sent += wire;
    if (is_op) bytes_.sent_ops += wire;
    queue_.push_back({std::move(frame), is_op});
    if (!writing_) write_next();
}

void Connection::write_next() {
    if (queue_.empty() || !open_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    ws_.async_write(net::buffer(queue_.front().frame), [this](const boost::system::error_code& ec, std::size_t) {
        if (ec) return fail("write", ec);
        queue_.pop_front();
        write_next();
    });
}

void Connection::read_next() {
    ws_.async_read(buffer_, [this](const boost::system::error_code& ec, std::size_t) { on_read(ec); });
}

void Connection::on_read(const boost::system::error_code& ec) {
    if (ec) return fail("read", ec);
    const auto data = buffer_.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    const Incoming in = protocol_.decode(frame);
    const auto wire = frame.size() + header_bytes(frame.size(), false);
    bytes_.received += wire;
    if (in.kind == Incoming::Kind::kOps) bytes_.received_ops += wire;
    buffer_.consume(buffer_.size());
    if (!in.reply.empty()) send(in.reply);
    if (in.kind == Incoming::Kind::kReady) {
        owner_.on_ready(*this);
    } else {
        owner_.on_message(*this, in);
    }
    read_next();
}

void Connection::fail(const char* step, const boost::system::error_code& ec) {
    open_ = false;
    if (failed_) return;
    failed_ = true;
    owner_.on_failed(*this, std::string(step) + ": " + ec.message());
}

}  // namespace loadgen
