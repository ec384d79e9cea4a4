#pragma once
// One WebSocket connection: decodes the client's frames, joins its room,
// submits its ops, and sends it the board's log from its own cursor.
//
// Outgoing data is bounded by construction: ops are pulled from the room's log
// one frame at a time when the previous write completed (a client that stops
// reading just stays behind in the log), presence is coalesced to its latest
// value, and the few control messages (welcome, errors) have a hard cap.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <map>
#include <memory>
#include <optional>

#include "room.hpp"
#include "server_context.hpp"
#include "squiggle/codec.hpp"

namespace squiggle::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;

class WsSession : public RoomMember, public std::enable_shared_from_this<WsSession> {
public:
    WsSession(net::ip::tcp::socket&& socket, ServerContext& context);
    ~WsSession() override;

    // Completes the WebSocket handshake for an upgrade request already read.
    void run(http::request<http::string_body> request);

    void on_log_grew() override;
    void on_participants_changed(std::uint32_t participants) override;
    void on_peer_update(const ServerMessage& update) override;

private:
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void handle_frame(std::string_view frame, FrameFormat format);
    void handle_hello(const Hello& hello);
    void handle_submit(const SubmitOp& submit);

    // Queues an error for the client; with `then_close`, the connection is
    // closed (policy violation) once it has been sent.
    void send_error(ErrorCode code, std::string reason, std::uint64_t client_op_id = 0,
                    bool then_close = false);
    void send_control(const ServerMessage& message);
    void pump();
    void on_write(beast::error_code ec, bool advanced_cursor);
    void finish();

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    ServerContext& context_;
    std::string peer_;

    std::shared_ptr<Room> room_;
    std::uint64_t author_ = 0;
    FrameFormat format_ = FrameFormat::kBinary;
    std::uint64_t next_seq_ = 1;  // the next log entry this client is sent

    std::deque<std::shared_ptr<const std::string>> control_;
    std::optional<std::uint32_t> presence_;
    // Latest ephemeral update per (author, kind): a fast cursor replaces its
    // previous position instead of queueing behind it.
    std::map<std::pair<std::uint64_t, std::size_t>, ServerMessage> peer_updates_;
    bool last_write_was_peer_ = false;
    bool writing_ = false;
    bool close_after_flush_ = false;
    bool closed_ = false;
    unsigned bad_frames_ = 0;
};

}  // namespace squiggle::server
