#pragma once
// One WebSocket connection: decodes the client's frames, joins its room with
// the role its link key gives, submits its ops, relays its cursor, and sends
// it the board from its own cursor into the room's log.
//
// Outgoing data is bounded by construction: ops are pulled from the room's log
// one frame at a time when the previous write completed (a client that stops
// reading just stays behind in the log, and gets the snapshot if the log is
// compacted past it), peer updates are coalesced to the latest per author and
// kind, presence counts to the latest value, and the few control messages
// (welcome, errors) have a hard cap past which the connection is closed.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
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
#include "token_bucket.hpp"

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

    // Tells the client the server is stopping and closes with 1001.
    void shut_down();
    // At exit, with the event loop stopped: lets go of the room without
    // telling it (the storage behind it is going away first).
    void abandon() { room_.reset(); }

    void on_log_grew() override;
    void on_participants_changed(std::uint32_t participants) override;
    void on_peer_update(const ServerMessage& update) override;
    void on_status(const ServiceStatus& status) override;
    void on_room_closed() override;

private:
    void on_accept(beast::error_code ec);
    void do_read();
    void on_read(beast::error_code ec, std::size_t bytes);
    void handle_frame(std::string_view frame, FrameFormat format);
    void handle_hello(const Hello& hello);
    void join_room(const Hello& hello, std::shared_ptr<Room> room, ErrorCode error, const std::string& reason);
    void on_submitted(const Room::SubmitResult& result, std::uint64_t client_op_id);
    void handle_submit(const SubmitOp& submit);
    template <class Update>
    void handle_ephemeral(const Update& update);
    void relay_throttled();

    // Queues an error for the client; with `then_close`, the connection is
    // closed (policy violation) once it has been sent.
    void send_error(ErrorCode code, std::string reason, std::uint64_t client_op_id = 0, bool then_close = false);
    void send_control(const ServerMessage& message);
    void close_after_flush(websocket::close_code code);
    void pump();
    void on_write(beast::error_code ec, std::size_t bytes, std::size_t advanced_cursor, std::uint64_t jump_to);
    void finish();

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    ServerContext& context_;
    std::string peer_;

    std::shared_ptr<Room> room_;
    bool joining_ = false;  // a Hello is waiting for its board to open
    std::uint64_t author_ = 0;
    Role role_ = Role::kViewer;
    FrameFormat format_ = FrameFormat::kBinary;
    std::uint64_t next_seq_ = 1;  // the next log entry this client is sent

    std::deque<std::shared_ptr<const std::string>> control_;
    std::optional<std::uint32_t> presence_;
    // Latest ephemeral update per (author, kind): a fast cursor replaces its
    // previous position instead of queueing behind it.
    std::map<std::pair<std::uint64_t, std::size_t>, ServerMessage> peer_updates_;
    bool last_write_was_peer_ = false;
    bool writing_ = false;
    std::optional<websocket::close_code> close_after_flush_;
    bool closed_ = false;
    unsigned bad_frames_ = 0;

    TokenBucket op_bucket_;
    // This client's own cursor/viewport/presence, relayed at most
    // cursor_rate times a second: the newest waits for the next slot.
    std::optional<Cursor> outgoing_cursor_;
    std::optional<Viewport> outgoing_viewport_;
    std::optional<PresenceUpdate> outgoing_presence_;
    net::steady_timer relay_timer_;
    // Cuts off a client that leaves one write unfinished for too long.
    net::steady_timer stall_timer_;
    bool relay_timer_armed_ = false;
    std::chrono::steady_clock::time_point next_relay_{};
};

}  // namespace squiggle::server
