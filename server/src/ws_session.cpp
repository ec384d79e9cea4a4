#include "ws_session.hpp"

#include <boost/asio/dispatch.hpp>

#include "log.hpp"
#include "squiggle/board_id.hpp"
#include "squiggle/validate.hpp"

namespace squiggle::server {

WsSession::WsSession(net::ip::tcp::socket&& socket, ServerContext& context)
    : ws_(std::move(socket)),
      context_(context),
      op_bucket_(context.config.op_rate, context.config.op_burst),
      relay_timer_(ws_.get_executor()),
      stall_timer_(ws_.get_executor()) {
    beast::error_code ec;
    const auto endpoint = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
    peer_ = ec ? "?" : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    context_.metrics.connections_open.fetch_add(1);
    context_.metrics.connections_total.fetch_add(1);
}

WsSession::~WsSession() {
    if (room_) room_->leave(this);
    context_.metrics.connections_open.fetch_sub(1);
}

void WsSession::run(http::request<http::string_body> request) {
    // Handshake within 30 s; afterwards ping an idle peer and drop it if the
    // pings go unanswered.
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.idle_timeout = std::chrono::seconds(context_.config.idle_timeout_s);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& res) {
        res.set(http::field::server, "squigglesync");
    }));
    ws_.read_message_max(context_.config.max_frame_bytes);
    context_.sessions.add(shared_from_this());
    ws_.async_accept(request, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
}

void WsSession::shut_down() {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        if (self->closed_) return;
        self->send_control(ServerMessage{Error{ErrorCode::kShuttingDown, "the server is restarting; reconnect shortly", 0}});
        self->close_after_flush(websocket::close_code::going_away);
    });
}

void WsSession::on_accept(beast::error_code ec) {
    if (ec) {
        log_warn("ws " + peer_ + ": handshake failed: " + ec.message());
        finish();
        return;
    }
    if (context_.shutting_down.load()) {
        shut_down();
        return;
    }
    do_read();
}

void WsSession::do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code ec, std::size_t bytes) {
    if (ec) {
        if (ec == websocket::error::message_too_big) {
            // Beast has already failed the connection with close code 1009.
            context_.metrics.rejected[static_cast<std::size_t>(ErrorCode::kFrameTooLarge)].fetch_add(1);
            log_warn("ws " + peer_ + ": frame over " + std::to_string(context_.config.max_frame_bytes) +
                     " bytes; connection closed (1009)");
        } else if (ec != websocket::error::closed && ec != net::error::eof && ec != net::error::operation_aborted) {
            log_info("ws " + peer_ + ": read ended: " + ec.message());
        }
        finish();
        return;
    }
    context_.metrics.bytes_in.fetch_add(bytes, std::memory_order_relaxed);
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
    std::visit(
        [&](const auto& m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Hello>) {
                format_ = format;
                handle_hello(m);
            } else if constexpr (std::is_same_v<T, SubmitOp>) {
                handle_submit(m);
            } else {
                handle_ephemeral(m);
            }
        },
        std::get<ClientMessage>(decoded));
}

void WsSession::handle_hello(const Hello& hello) {
    if (room_ || joining_) {
        send_error(ErrorCode::kAlreadyJoined, "this connection has already joined a board");
        return;
    }
    if (auto why = validate(hello)) {
        const ErrorCode code = is_valid_board_id(hello.board_id) ? ErrorCode::kInvalidOp : ErrorCode::kInvalidBoardId;
        log_warn("ws " + peer_ + ": hello refused: " + *why);
        send_error(code, *why, 0, true);
        return;
    }
    joining_ = true;
    // The board may have to be loaded first (from Redis): join once it is, on
    // this connection's strand.
    context_.rooms.acquire(hello.board_id, hello.key,
                           [self = shared_from_this(), hello](std::shared_ptr<Room> room, ErrorCode error,
                                                              std::string reason) {
                               net::dispatch(self->ws_.get_executor(),
                                             [self, hello, room = std::move(room), error, reason = std::move(reason)] {
                                                 self->join_room(hello, room, error, reason);
                                             });
                           });
}

void WsSession::join_room(const Hello& hello, std::shared_ptr<Room> room, ErrorCode error, const std::string& reason) {
    joining_ = false;
    if (closed_) return;
    if (!room) {
        log_warn("ws " + peer_ + ": board " + hello.board_id + " not opened: " + reason);
        send_error(error, reason, 0, true);
        return;
    }
    const auto joined = room->join(shared_from_this(), hello.author, hello.name, hello.key);
    if (!joined.ok) {
        // Never log the key itself: it is the board's secret.
        log_warn("ws " + peer_ + ": join of board " + hello.board_id + " refused: " + joined.reason);
        send_error(joined.error, joined.reason, 0, true);
        return;
    }
    room_ = std::move(room);
    author_ = hello.author;
    role_ = joined.role;
    if (hello.last_seq > joined.head_seq) {
        // The client claims more than the board has (another server's board,
        // or lost data): it gets the whole board again and can rebuild.
        log_warn("ws " + peer_ + ": client at seq " + std::to_string(hello.last_seq) + " is ahead of board head " +
                 std::to_string(joined.head_seq));
        next_seq_ = 1;
    } else {
        next_seq_ = hello.last_seq + 1;
    }
    log_info("ws " + peer_ + ": joined board " + room_->board_id() + " as " +
             (role_ == Role::kEditor ? "editor" : "viewer") + " at seq " + std::to_string(hello.last_seq) +
             " (head " + std::to_string(joined.head_seq) + ")");
    send_control(ServerMessage{Welcome{room_->board_id(), author_, joined.head_seq, role_, joined.view_key}});
    if (!joined.status.writable) send_control(ServerMessage{joined.status});
}

void WsSession::handle_submit(const SubmitOp& submit) {
    if (!room_) {
        send_error(ErrorCode::kNotJoined, "send hello before ops", submit.client_op_id);
        return;
    }
    if (role_ != Role::kEditor) {
        send_error(ErrorCode::kReadOnly, "this is a view-only link", submit.client_op_id);
        return;
    }
    if (auto why = validate(submit.op)) {
        send_error(ErrorCode::kInvalidOp, *why, submit.client_op_id, ++bad_frames_ >= context_.config.max_bad_frames);
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
    if (!op_bucket_.take()) {
        send_error(ErrorCode::kRateLimited, "too many ops; slow down", submit.client_op_id);
        return;
    }
    const std::uint64_t client_op_id = submit.client_op_id;
    room_->submit(author_, client_op_id, submit.op, [self = shared_from_this(), client_op_id](Room::SubmitResult result) {
        // At once (embedded store) or when the shared board answers.
        net::dispatch(self->ws_.get_executor(), [self, client_op_id, result = std::move(result)] {
            self->on_submitted(result, client_op_id);
        });
    });
}

void WsSession::on_submitted(const Room::SubmitResult& result, std::uint64_t client_op_id) {
    switch (result.outcome) {
        case Room::SubmitResult::Outcome::kOrdered:
            context_.metrics.ops_in.fetch_add(1, std::memory_order_relaxed);
            break;
        case Room::SubmitResult::Outcome::kDuplicate:
            // Already ordered before a reconnect; its OpEvent is in the log.
            context_.metrics.duplicates.fetch_add(1, std::memory_order_relaxed);
            break;
        case Room::SubmitResult::Outcome::kFailed:
            if (!closed_) send_error(result.error, result.reason, client_op_id);
            break;
    }
}

template <class Update>
void WsSession::handle_ephemeral(const Update& update) {
    if (!room_) {
        send_error(ErrorCode::kNotJoined, "send hello first");
        return;
    }
    if (auto why = validate(update)) {
        send_error(ErrorCode::kInvalidOp, *why, 0, ++bad_frames_ >= context_.config.max_bad_frames);
        return;
    }
    if constexpr (std::is_same_v<Update, Cursor>) {
        if (outgoing_cursor_) context_.metrics.ephemeral_coalesced.fetch_add(1, std::memory_order_relaxed);
        outgoing_cursor_ = update;
    } else if constexpr (std::is_same_v<Update, Viewport>) {
        outgoing_viewport_ = update;
    } else {
        outgoing_presence_ = update;
    }
    relay_throttled();
}

void WsSession::relay_throttled() {
    if (!room_ || relay_timer_armed_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now < next_relay_) {
        // Too soon: the newest update goes out at the next slot.
        relay_timer_armed_ = true;
        relay_timer_.expires_at(next_relay_);
        relay_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            self->relay_timer_armed_ = false;
            if (!ec && !self->closed_) self->relay_throttled();
        });
        return;
    }
    next_relay_ = now + std::chrono::microseconds(static_cast<long>(1e6 / context_.config.cursor_rate));
    if (outgoing_presence_) room_->relay(this, *outgoing_presence_);
    if (outgoing_cursor_) room_->relay(this, *outgoing_cursor_);
    if (outgoing_viewport_) room_->relay(this, *outgoing_viewport_);
    outgoing_presence_.reset();
    outgoing_cursor_.reset();
    outgoing_viewport_.reset();
}

void WsSession::send_error(ErrorCode code, std::string reason, std::uint64_t client_op_id, bool then_close) {
    const auto index = static_cast<std::size_t>(code);
    context_.metrics.rejected[index < context_.metrics.rejected.size() ? index : context_.metrics.rejected.size() - 1].fetch_add(1);
    if (reason.size() > limits::kMaxReasonLength) reason.resize(limits::kMaxReasonLength);
    send_control(ServerMessage{Error{code, std::move(reason), client_op_id}});
    if (then_close) close_after_flush(websocket::close_code::policy_error);
    pump();
}

void WsSession::close_after_flush(websocket::close_code code) {
    if (!close_after_flush_) close_after_flush_ = code;
    pump();
}

void WsSession::send_control(const ServerMessage& message) {
    if (control_.size() >= context_.config.max_control_queue) {
        log_warn("ws " + peer_ + ": not reading its messages; disconnected");
        context_.metrics.slow_disconnects.fetch_add(1);
        control_.clear();
        close_after_flush(websocket::close_code::policy_error);
        return;
    }
    control_.push_back(std::make_shared<const std::string>(encode(message, format_)));
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
        auto [it, inserted] = self->peer_updates_.insert_or_assign({author, update.index()}, update);
        if (!inserted) self->context_.metrics.ephemeral_coalesced.fetch_add(1, std::memory_order_relaxed);
        self->pump();
    });
}

void WsSession::on_status(const ServiceStatus& status) {
    net::post(ws_.get_executor(), [self = shared_from_this(), status] {
        if (!self->closed_) self->send_control(ServerMessage{status});
    });
}

void WsSession::on_room_closed() {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        if (self->closed_) return;
        self->send_control(ServerMessage{Error{ErrorCode::kShuttingDown, "the board is being reloaded; reconnect", 0}});
        self->close_after_flush(websocket::close_code::service_restart);
    });
}

void WsSession::pump() {
    if (writing_ || closed_) return;
    std::shared_ptr<const std::string> next;
    std::size_t advances_cursor = 0;  // ops the write carries
    std::uint64_t jump_to = 0;        // after a snapshot: the seq the cursor moves to
    if (!control_.empty()) {
        next = std::move(control_.front());
        control_.pop_front();
    } else if (close_after_flush_) {
        closed_ = true;
        ws_.async_close(*close_after_flush_, [self = shared_from_this()](beast::error_code) { self->finish(); });
        return;
    } else if (room_ && presence_) {
        next = std::make_shared<const std::string>(encode(ServerMessage{Presence{*presence_}}, format_));
        presence_.reset();
    } else if (room_) {
        const bool ops_waiting = next_seq_ <= room_->head_seq();
        if (!peer_updates_.empty() && (!last_write_was_peer_ || !ops_waiting)) {
            // Alternate between peer updates and ops so neither starves the other.
            next = std::make_shared<const std::string>(encode(peer_updates_.begin()->second, format_));
            peer_updates_.erase(peer_updates_.begin());
            last_write_was_peer_ = true;
        } else if (ops_waiting && next_seq_ < room_->first_seq()) {
            // Behind what the log still holds: the snapshot, then the log.
            std::uint64_t snapshot_seq = 0;
            next = room_->snapshot_frame(format_, snapshot_seq);
            jump_to = snapshot_seq + 1;
            context_.metrics.snapshots_sent.fetch_add(1, std::memory_order_relaxed);
            last_write_was_peer_ = false;
        } else if (ops_waiting) {
            // Several ops waiting (they came while the last write was under
            // way): one batch frame and one write for all of them. JSON
            // clients get one OpEvent per frame, as simple scripts expect.
            std::size_t count = 1;
            if (format_ == FrameFormat::kBinary && room_->head_seq() > next_seq_) {
                next = room_->batch_frame(next_seq_, context_.config.max_batch_ops, count);
            } else {
                next = room_->frame(next_seq_, format_);
            }
            advances_cursor = next != nullptr ? count : 0;
            last_write_was_peer_ = false;
        }
    }
    if (!next) return;
    writing_ = true;
    stall_timer_.expires_after(std::chrono::seconds(context_.config.write_stall_timeout_s));
    stall_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || !self->writing_) return;
        // It stopped reading: its memory stays bounded, but it holds a
        // connection for nothing. Close the socket under the stuck write.
        log_warn("ws " + self->peer_ + ": no progress writing for " +
                 std::to_string(self->context_.config.write_stall_timeout_s) + " s; disconnected");
        self->context_.metrics.slow_disconnects.fetch_add(1);
        beast::error_code ignored;
        beast::get_lowest_layer(self->ws_).socket().close(ignored);
    });
    ws_.text(format_ == FrameFormat::kJson);
    // `next` rides along in the handler so the buffer outlives the write.
    ws_.async_write(net::buffer(*next), [self = shared_from_this(), next, advances_cursor, jump_to](
                                            beast::error_code ec, std::size_t bytes) {
        self->on_write(ec, bytes, advances_cursor, jump_to);
    });
}

void WsSession::on_write(beast::error_code ec, std::size_t bytes, std::size_t advanced_cursor, std::uint64_t jump_to) {
    writing_ = false;
    stall_timer_.cancel();
    if (ec) {
        finish();
        return;
    }
    context_.metrics.bytes_out.fetch_add(bytes, std::memory_order_relaxed);
    if (advanced_cursor) {
        next_seq_ += advanced_cursor;
        context_.metrics.ops_out.fetch_add(advanced_cursor, std::memory_order_relaxed);
        if (advanced_cursor > 1) context_.metrics.batches_out.fetch_add(1, std::memory_order_relaxed);
    }
    if (jump_to != 0) next_seq_ = jump_to;
    pump();
}

void WsSession::finish() {
    closed_ = true;
    relay_timer_.cancel();
    stall_timer_.cancel();
    if (room_) {
        room_->leave(this);
        room_.reset();
    }
    context_.sessions.remove(shared_from_this());
}

}  // namespace squiggle::server
