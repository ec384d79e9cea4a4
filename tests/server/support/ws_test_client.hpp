#pragma once
// A blocking WebSocket client speaking the board protocol, for tests. Every
// read has a timeout, so a missing message fails the test instead of hanging.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <deque>
#include <optional>
#include <string>

#include "squiggle/board.hpp"
#include "squiggle/codec.hpp"

namespace squiggle::test {

// The key the tests' boards are created with (the first join's key becomes
// the board's edit key).
inline const std::string kEditKey = "EEEEEEEEEEEEEEEEEEEEEA";

class WsTestClient {
public:
    explicit WsTestClient(std::uint16_t port, std::string target = "/ws",
                          std::chrono::milliseconds read_timeout = std::chrono::seconds(10),
                          const std::string& origin = "");

    void send(const ClientMessage& message, FrameFormat format = FrameFormat::kBinary);
    void send_raw(const std::string& bytes, bool text);

    // The next message; throws on timeout or a closed connection. An
    // OpBatch comes out as its OpEvents, one per call.
    ServerMessage receive();
    // The next frame as it came, batches and all.
    ServerMessage receive_frame();
    // Skips presence, cursor and viewport updates; returns the next other message.
    ServerMessage receive_skipping_ephemeral();
    template <class T>
    T expect() {
        ServerMessage m = receive_skipping_ephemeral();
        if (!std::holds_alternative<T>(m)) throw std::runtime_error("unexpected message kind");
        return std::get<T>(m);
    }

    // Skips everything until a message of kind T (an ephemeral one) arrives.
    template <class T>
    T next_of_kind();

    // Joins `board` with `key` and reads the Welcome.
    Welcome join(const std::string& board, std::uint64_t author, std::uint64_t last_seq = 0,
                 const std::string& key = kEditKey);

    // Reads until the connection closes; returns the close code (or nullopt
    // if the read failed some other way, e.g. a timeout).
    std::optional<std::uint16_t> wait_for_close();

    boost::beast::websocket::stream<boost::asio::ip::tcp::socket>& stream() { return ws_; }

    // One message into `buffer`, or an error: closed, or timed out (Asio's
    // blocking reads ignore socket timeouts, so reads run asynchronously
    // against a deadline instead).
    void read(boost::beast::flat_buffer& buffer, boost::beast::error_code& ec);

private:
    std::chrono::milliseconds read_timeout_;
    boost::asio::io_context ioc_;
    boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
    boost::beast::flat_buffer buffer_;
    std::deque<ServerMessage> unpacked_;  // the rest of a batch
};

// Joins `board` as `author` on a new connection and reads every op up to the
// head (the board must not be compacted: no snapshot expected).
std::vector<SequencedOp> read_history(std::uint16_t port, const std::string& board, std::uint64_t author);

// The same, building the board, and following a snapshot if one comes.
Board read_board(std::uint16_t port, const std::string& board, std::uint64_t author);

// A stroke op with the given id and a few points.
StrokeOp stroke(std::uint64_t author, std::uint64_t counter, int points = 5);

// A fresh random, valid board id.
std::string random_board_id();

}  // namespace squiggle::test
