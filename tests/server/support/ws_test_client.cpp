#include "ws_test_client.hpp"

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <random>

#include "squiggle/board_id.hpp"

namespace squiggle::test {

namespace net = boost::asio;
namespace websocket = boost::beast::websocket;

WsTestClient::WsTestClient(std::uint16_t port, std::string target, std::chrono::milliseconds read_timeout,
                           const std::string& origin)
    : ws_(ioc_), read_timeout_(read_timeout) {
    if (!origin.empty()) {
        ws_.set_option(websocket::stream_base::decorator(
            [origin](websocket::request_type& req) { req.set(boost::beast::http::field::origin, origin); }));
    }
    net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    ws_.next_layer().connect(endpoint);
    ws_.handshake("127.0.0.1:" + std::to_string(port), target);
}

void WsTestClient::send(const ClientMessage& message, FrameFormat format) {
    send_raw(encode(message, format), format == FrameFormat::kJson);
}

void WsTestClient::send_raw(const std::string& bytes, bool text) {
    ws_.text(text);
    ws_.write(net::buffer(bytes));
}

void WsTestClient::read(boost::beast::flat_buffer& buffer, boost::beast::error_code& ec) {
    bool done = false;
    ws_.async_read(buffer, [&](boost::beast::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    ioc_.restart();
    ioc_.run_for(read_timeout_);
    if (!done) {
        boost::system::error_code ignored;
        ws_.next_layer().cancel(ignored);
        ioc_.restart();
        ioc_.run();
        ec = boost::asio::error::timed_out;
    }
}

ServerMessage WsTestClient::receive() {
    if (unpacked_.empty()) {
        ServerMessage m = receive_frame();
        auto* batch = std::get_if<OpBatch>(&m);
        if (!batch) return m;
        for (SequencedOp& op : batch->ops) unpacked_.push_back(OpEvent{std::move(op)});
        if (unpacked_.empty()) throw std::runtime_error("server sent an empty batch");
    }
    ServerMessage next = std::move(unpacked_.front());
    unpacked_.pop_front();
    return next;
}

ServerMessage WsTestClient::receive_frame() {
    buffer_.clear();
    boost::beast::error_code ec;
    read(buffer_, ec);
    if (ec) throw std::runtime_error("read failed: " + ec.message());
    const auto data = buffer_.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    auto decoded = decode_server(frame, ws_.got_text() ? FrameFormat::kJson : FrameFormat::kBinary);
    if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        throw std::runtime_error("server sent an undecodable frame: " + failure->reason);
    }
    return std::get<ServerMessage>(std::move(decoded));
}

ServerMessage WsTestClient::receive_skipping_ephemeral() {
    for (;;) {
        ServerMessage m = receive();
        if (!std::holds_alternative<Presence>(m) && !std::holds_alternative<PeerPresence>(m) &&
            !std::holds_alternative<PeerCursor>(m) && !std::holds_alternative<PeerViewport>(m)) {
            return m;
        }
    }
}

template <class T>
T WsTestClient::next_of_kind() {
    for (;;) {
        ServerMessage m = receive();
        if (std::holds_alternative<T>(m)) return std::get<T>(m);
    }
}
template Presence WsTestClient::next_of_kind<Presence>();
template PeerPresence WsTestClient::next_of_kind<PeerPresence>();
template PeerCursor WsTestClient::next_of_kind<PeerCursor>();
template PeerViewport WsTestClient::next_of_kind<PeerViewport>();
template ServiceStatus WsTestClient::next_of_kind<ServiceStatus>();
template OpEvent WsTestClient::next_of_kind<OpEvent>();

Welcome WsTestClient::join(const std::string& board, std::uint64_t author, std::uint64_t last_seq,
                           const std::string& key) {
    send(ClientMessage{Hello{board, last_seq, author, "tester", key}});
    return expect<Welcome>();
}

std::optional<std::uint16_t> WsTestClient::wait_for_close() {
    for (;;) {
        boost::beast::error_code ec;
        buffer_.clear();
        read(buffer_, ec);
        if (ec == websocket::error::closed) return ws_.reason().code;
        if (ec) return std::nullopt;
    }
}

std::vector<SequencedOp> read_history(std::uint16_t port, const std::string& board, std::uint64_t author) {
    WsTestClient c(port);
    const auto head = c.join(board, author).head_seq;
    std::vector<SequencedOp> ops;
    while (ops.size() < head) ops.push_back(c.expect<OpEvent>().op);
    return ops;
}

Board read_board(std::uint16_t port, const std::string& board, std::uint64_t author) {
    WsTestClient c(port);
    const auto head = c.join(board, author).head_seq;
    Board b;
    while (b.head_seq() < head) {
        const ServerMessage m = c.receive_skipping_ephemeral();
        if (const auto* s = std::get_if<BoardSnapshot>(&m)) {
            auto restored = Board::from_snapshot(s->bytes);
            if (!restored) throw std::runtime_error("server sent an unreadable snapshot");
            b = std::move(*restored);
        } else if (const auto* e = std::get_if<OpEvent>(&m)) {
            if (b.apply(e->op) == Board::ApplyResult::kOutOfOrder) throw std::runtime_error("op out of order");
        }
    }
    return b;
}

StrokeOp stroke(std::uint64_t author, std::uint64_t counter, int points) {
    StrokeOp s;
    s.id = {author, counter};
    s.color = 0x3366CCFF;
    s.width = 48;
    for (int i = 0; i < points; ++i) {
        s.points.push_back({static_cast<std::int32_t>(counter * 160 + i * 16), static_cast<std::int32_t>(i * 32)});
    }
    return s;
}

std::string random_board_id() {
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    std::array<std::uint8_t, 16> bytes{};
    for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    return board_id_from_bytes(bytes);
}

}  // namespace squiggle::test
