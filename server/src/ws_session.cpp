#include "ws_session.hpp"

#include "log.hpp"
#include "squiggle/board_id.hpp"
#include "squiggle/validate.hpp"

namespace squiggle::server {
namespace {
// Control messages are few (one welcome, errors); a client that makes the
// server queue more than this without reading is cut off.
constexpr std::size_t kMaxControlQueue = 64;
}  // namespace

WsSession::WsSession(net::ip::tcp::socket&& socket, ServerContext& context)
    : ws_(std::move(socket)), context_(context) {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
    peer_ = ec ? "?" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

WsSession::~WsSession() {
    if (room_) room_->leave(this);
}

void WsSession::run(http::request<http::string_body> request) {
    // Handshake within 30 s; afterwards ping an idle peer and drop it if the
    // pings go unanswered.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = std::chrono::seconds(60);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
        res.set(http::field::server, "squigglesync");
    }));
    ws_.read_message_max(context_.config.max_frame_bytes);
    ws_.async_accept(request, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
}

void WsSession::on_accept(beast::error_code ec) {
    if (ec) {
        log_warn("ws " + peer_ + ": handshake failed: " + ec.message());
        return;
    }
    do_read();
}

void WsSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) {
        if (ec == websocket::error::message_too_big) {
            // Beast has already failed the connection with close code 1009.
            log_warn("ws " + peer_ + ": frame over " + std::to_string(context_.config.max_frame_bytes) +
                     " bytes; connection closed (1009)");
        } else if (ec != websocket::error::closed && ec != net::error::eof &&
                   ec != net::error::operation_aborted) {
            log_info("ws " + peer_ + ": read ended: " + ec.message());
        }
        finish();
        return;
    }
    const auto data = buffer_.cdata();
    const std::string_view frame(static_cast<const char*>(data.data()), data.size());
    handle_frame(frame, ws_.got_text() ? FrameFormat::kJson : FrameFormat::kBinary);
    buffer_.consume(buffer_.size());
    if (!closed_ && !close_after_flush_) do_read();
}

void WsSession::handle_frame(std::string_view frame, FrameFormat format) {
    auto decoded = decode_client(frame, format);
    if (auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        log_warn("ws " + peer_ + ": " + failure->reason);
        send_error(failure->code, failure->reason, 0, ++bad_frames_ >= context_.config.max_bad_frames);
        return;
    }
    auto& message = std::get<ClientMessage>(decoded);
    if (auto* hello = std::get_if<Hello>(&message)) {
        format_ = format;
        handle_hello(*hello);
    } else if (auto* submit = std::get_if<SubmitOp>(&message)) {
        handle_submit(*submit);
    } else if (!room_) {
        send_error(ErrorCode::kNotJoined, "send hello first");
    } else {
        std::visit(
            [&](const auto& m) {
                using T = std::decay_t<decltype(m)>;
                if constexpr (std::is_same_v<T, Cursor> || std::is_same_v<T, PresenceUpdate> ||
                              std::is_same_v<T, Viewport>) {
                    if (auto why = validate(m)) {
                        send_error(ErrorCode::kInvalidOp, *why, 0, ++bad_frames_ >= context_.config.max_bad_frames);
                    } else {
                        room_->relay(this, m);
                    }
                }
            },
            message);
    }
}

void WsSession::handle_hello(const Hello& hello) {
    if (room_) {
        send_error(ErrorCode::kAlreadyJoined, "this connection has already joined a board");
        return;
    }
    if (auto why = validate(hello)) {
        const ErrorCode code =
            is_valid_board_id(hello.board_id) ? ErrorCode::kInvalidOp : ErrorCode::kInvalidBoardId;
        log_warn("ws " + peer_ + ": hello refused: " + *why);
        send_error(code, *why, 0, true);
        return;
    }
    std::error_code ec;
    auto room = context_.rooms.acquire(hello.board_id, ec);
    if (!room) {
        log_error("board " + hello.board_id + ": cannot open: " + ec.message());
        send_error(ErrorCode::kStorageFailure, "the board cannot be opened right now", 0, true);
        return;
    }
    const auto joined = room->join(shared_from_this(), hello.author, hello.name);
    if (!joined.ok) {
        send_error(joined.error, "another connection on this board uses the same author id", 0, true);
        return;
    }
    room_ = std::move(room);
    author_ = hello.author;
    if (hello.last_seq > joined.head_seq) {
        // The client claims more than the board has (another server's board,
        // or lost data): it gets the whole log again and can rebuild.
        log_warn("ws " + peer_ + ": client at seq " + std::to_string(hello.last_seq) +
                 " is ahead of board head " + std::to_string(joined.head_seq));
        next_seq_ = 1;
    } else {
        next_seq_ = hello.last_seq + 1;
    }
    log_info("ws " + peer_ + ": joined board " + room_->board_id() + " at seq " +
             std::to_string(hello.last_seq) + " (head " + std::to_string(joined.head_seq) + ")");
    send_control(ServerMessage{Welcome{room_->board_id(), author_, joined.head_seq}});
}

void WsSession::handle_submit(const SubmitOp& submit) {
    if (!room_) {
        send_error(ErrorCode::kNotJoined, "send hello before ops", submit.client_op_id);
        return;
    }
    if (auto why = validate(submit.op)) {
        send_error(ErrorCode::kInvalidOp, *why, submit.client_op_id,
                   ++bad_frames_ >= context_.config.max_bad_frames);
        return;
    }
    if (auto why = validate_author(submit.op, author_)) {
        // Ids left out by a JSON client ({0, 0}) are assigned by the room.
        const auto created = created_ids(submit.op);
        const bool server_assigns = created.size() == 1 && created[0] == ObjectId{};
        if (!server_assigns) {
            send_error(ErrorCode::kWrongAuthor, *why, submit.client_op_id);
            return;
        }
    }
    const auto result = room_->submit(author_, submit.client_op_id, submit.op);
    if (result.seq == 0) send_error(result.error, result.reason, submit.client_op_id);
}

void WsSession::send_error(ErrorCode code, std::string reason, std::uint64_t client_op_id, bool then_close) {
    if (reason.size() > limits::kMaxReasonLength) reason.resize(limits::kMaxReasonLength);
    send_control(ServerMessage{Error{code, std::move(reason), client_op_id}});
    if (then_close) close_after_flush_ = true;
    pump();
}

void WsSession::send_control(const ServerMessage& message) {
    if (control_.size() >= kMaxControlQueue) {
        log_warn("ws " + peer_ + ": not reading its messages; disconnected");
        close_after_flush_ = true;
        control_.clear();
    } else {
        control_.push_back(std::make_shared<const std::string>(encode(message, format_)));
    }
    pump();
}

void WsSession::on_log_grew() {
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->pump(); });
}

void WsSession::on_participants_changed(std::uint32_t participants) {
    net::post(ws_.get_executor(), [self = shared_from_this(), participants] {
        self->presence_ = participants;
        self->pump();
    });
}

void WsSession::on_peer_update(const ServerMessage& update) {
    net::post(ws_.get_executor(), [self = shared_from_this(), update] {
        const std::uint64_t author = std::visit(
            [](const auto& m) -> std::uint64_t {
                if constexpr (requires { m.author; }) return m.author;
                return 0;
            },
            update);
        self->peer_updates_[{author, update.index()}] = update;
        self->pump();
    });
}

void WsSession::pump() {
    if (writing_ || closed_) return;
    std::shared_ptr<const std::string> next;
    bool advances_cursor = false;
    if (!control_.empty()) {
        next = std::move(control_.front());
        control_.pop_front();
    } else if (close_after_flush_) {
        closed_ = true;
        ws_.async_close(websocket::close_code::policy_error,
                        [self = shared_from_this()](beast::error_code) { self->finish(); });
        return;
    } else if (room_ && presence_) {
        next = std::make_shared<const std::string>(encode(ServerMessage{Presence{*presence_}}, format_));
        presence_.reset();
    } else if (room_) {
        // Alternate between peer updates and ops so neither starves the other.
        const bool ops_waiting = next_seq_ <= room_->head_seq();
        if (!peer_updates_.empty() && (!last_write_was_peer_ || !ops_waiting)) {
            next = std::make_shared<const std::string>(encode(peer_updates_.begin()->second, format_));
            peer_updates_.erase(peer_updates_.begin());
            last_write_was_peer_ = true;
        } else {
            next = room_->frame(next_seq_, format_);
            advances_cursor = next != nullptr;
            last_write_was_peer_ = false;
        }
    }
    if (!next) return;
    writing_ = true;
    ws_.text(format_ == FrameFormat::kJson);
    // `next` rides along in the handler so the buffer outlives the write.
    ws_.async_write(net::buffer(*next), [self = shared_from_this(), next, advances_cursor](
                                            beast::error_code ec, std::size_t) {
        self->on_write(ec, advances_cursor);
    });
}

void WsSession::on_write(beast::error_code ec, bool advanced_cursor) {
    writing_ = false;
    if (ec) {
        finish();
        return;
    }
    if (advanced_cursor) ++next_seq_;
    pump();
}

void WsSession::finish() {
    closed_ = true;
    if (room_) {
        room_->leave(this);
        room_.reset();
    }
}

}  // namespace squiggle::server
