#include "sync_client.hpp"

#include <algorithm>
#include <utility>

#include "squiggle/board_id.hpp"
#include "squiggle/codec.hpp"

namespace squiggle::client {
namespace {

// splitmix64: a tiny, well-mixed generator. Backoff jitter only needs clients
// to differ from each other, not secrecy.
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

bool is_fatal_join_refusal(ErrorCode code) {
    // Retrying with the same Hello cannot fix these; everything else (author
    // id still held by our previous connection, storage trouble, a server
    // that is restarting) can heal.
    return code == ErrorCode::kUnsupportedVersion || code == ErrorCode::kInvalidBoardId ||
           code == ErrorCode::kInvalidOp || code == ErrorCode::kBadKey;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

constexpr const char* kBadKeyAdvice =
    " Ask whoever shared it for the link again, or start a new board.";

}  // namespace

const char* to_string(ConnectionState state) {
    switch (state) {
        case ConnectionState::kConnecting: return "connecting";
        case ConnectionState::kConnected: return "connected";
        case ConnectionState::kReconnecting: return "reconnecting";
        case ConnectionState::kOffline: return "offline";
    }
    return "offline";
}

std::string truncate_utf8(std::string text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return text;
    std::size_t end = max_bytes;
    // Back up over continuation bytes (10xxxxxx) to the start of a character.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    return text;
}

SyncClient::SyncClient(Transport& transport, Timers& timers, SyncSettings settings, NoticeSink notices)
    : transport_(transport),
      timers_(timers),
      settings_(std::move(settings)),
      notices_(std::move(notices)),
      author_(settings_.author),
      name_(truncate_utf8(settings_.name, limits::kMaxNameLength)),
      color_(settings_.color),
      jitter_state_(settings_.author) {
    transport_.set_handlers(Transport::Handlers{
        [this] { on_open(); },
        [this](std::string_view bytes, bool binary) { on_message(bytes, binary); },
        [this](const CloseInfo& info) { on_close(info); },
    });
}

SyncClient::~SyncClient() {
    timers_.cancel(retry_timer_);
    timers_.cancel(handshake_timer_);
    timers_.cancel(cursor_timer_);
    timers_.cancel(unavailable_retry_timer_);
    transport_.close();
    transport_.set_handlers({});
}

void SyncClient::start() {
    if (settings_.key.empty()) {
        refuse(Refusal::kBadKey, std::string("This link's key is wrong or missing: it has no key (the \"&k=...\" "
                                             "part), so this board cannot be opened.") +
                                     kBadKeyAdvice);
        return;
    }
    if (!is_valid_board_id(settings_.key)) {
        refuse(Refusal::kBadKey, std::string("This link's key is wrong or missing: \"&k=\" must be followed by "
                                             "22 letters, digits, '-' or '_', so this board cannot be opened.") +
                                     kBadKeyAdvice);
        return;
    }
    connect();
}

ConnectionState SyncClient::state() const {
    if (welcomed_) return ConnectionState::kConnected;
    if (fatal_ || !network_available_) return ConnectionState::kOffline;
    return ever_welcomed_ ? ConnectionState::kReconnecting : ConnectionState::kConnecting;
}

std::string SyncClient::edit_key() const {
    return role_ == Role::kEditor ? settings_.key : std::string();
}

std::uint64_t SyncClient::submit(Op op) {
    if (read_only()) {
        notify(NoticeLevel::kError, "This board is view-only for you: nothing you draw is saved");
        return 0;
    }
    const std::uint64_t id = next_client_op_id_++;
    // While the board takes no ops, sending would only get the op refused:
    // it is held, and goes out under a new id once the board is writable.
    pending_.push_back(PendingOp{id, std::move(op), false, !writable_});
    ++pending_revision_;
    // Before catch-up, the op waits: it must follow the older pending ops,
    // which are re-sent only once the history shows which of them arrived.
    if (caught_up_ && writable_ && send(SubmitOp{id, pending_.back().op})) {
        pending_.back().sent = true;
        ++ops_sent_;
    }
    return id;
}

void SyncClient::set_network_available(bool available) {
    network_available_ = available;
    // Back online: no reason to sit out the rest of a long backoff.
    if (available && retry_timer_ != 0 && !fatal_) {
        failed_attempts_ = 0;
        connect();
    }
}

void SyncClient::set_presence(std::string name, Rgba color) {
    name = truncate_utf8(std::move(name), limits::kMaxNameLength);
    if (name == name_ && color == color_) return;
    name_ = std::move(name);
    color_ = color;
    send_presence();
}

void SyncClient::set_idle(bool idle) {
    if (idle == idle_) return;
    idle_ = idle;
    send_presence();
}

void SyncClient::send_presence() {
    if (welcomed_) send(PresenceUpdate{name_, color_, idle_});
}

void SyncClient::move_cursor(Point position) {
    if (cursor_ && *cursor_ == position) return;
    cursor_ = position;
    cursor_unsent_ = true;
    // While the interval runs, the timer sends the latest position at its end.
    if (cursor_timer_ == 0) flush_cursor();
}

void SyncClient::flush_cursor() {
    if (!cursor_unsent_ || !cursor_ || !welcomed_) return;
    cursor_unsent_ = false;
    if (!send(Cursor{*cursor_})) return;
    cursor_timer_ = timers_.start(settings_.cursor_interval_ms, [this] {
        cursor_timer_ = 0;
        flush_cursor();
    });
}

void SyncClient::connect() {
    timers_.cancel(retry_timer_);
    retry_timer_ = 0;
    welcomed_ = false;
    caught_up_ = false;
    reported_codes_ = 0;
    // The server resends everything after head_seq, so nothing buffered is lost.
    early_.clear();
    for (PendingOp& p : pending_) p.sent = false;

    if (!transport_.connect(settings_.server_url)) {
        refuse(Refusal::kOther, "Cannot connect: \"" + settings_.server_url +
                                    "\" is not a usable WebSocket address (check SQUIGGLE_CONFIG.wsUrl)");
        return;
    }
    timers_.cancel(handshake_timer_);
    handshake_timer_ = timers_.start(settings_.handshake_timeout_ms, [this] {
        handshake_timer_ = 0;
        drop_connection("The server did not answer in time; retrying", false);
    });
}

void SyncClient::on_open() {
    send(Hello{settings_.board_id, board_.head_seq(), author_, name_, settings_.key});
}

void SyncClient::on_message(std::string_view bytes, bool binary) {
    if (!binary) {
        notify(NoticeLevel::kError, "Ignored a text frame from the server (this client speaks binary)");
        return;
    }
    Decoded<ServerMessage> decoded = decode_server(bytes, FrameFormat::kBinary);
    if (const auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        if (failure->code == ErrorCode::kUnsupportedVersion) {
            refuse(Refusal::kOther, "The server speaks a newer protocol: reload the page (" + failure->reason + ")");
        } else {
            // Skipping it could leave a gap in the ops for good: start over
            // from head_seq on a fresh connection instead.
            drop_connection("Undecodable message from the server (" + failure->reason + "); reconnecting", false);
        }
        return;
    }
    std::visit([this](auto&& message) { handle(std::move(message)); },
               std::move(std::get<ServerMessage>(decoded)));
}

void SyncClient::on_close(const CloseInfo& info) {
    std::string why;
    if (welcomed_) {
        why = "Connection lost";
        if (!info.reason.empty()) why += " (" + info.reason + ")";
        why += "; reconnecting";
    } else if (failed_attempts_ == 0) {
        why = "Cannot reach the server at " + settings_.server_url + "; retrying";
    }
    if (!why.empty()) notify(welcomed_ ? NoticeLevel::kInfo : NoticeLevel::kError, why);
    connection_lost();
}

void SyncClient::handle(const Welcome& welcome) {
    if (welcomed_) {
        notify(NoticeLevel::kError, "The server sent a second Welcome; ignored");
        return;
    }
    if (welcome.board_id != settings_.board_id) {
        drop_connection("The server answered for a different board (" + welcome.board_id + ")", true);
        return;
    }
    timers_.cancel(handshake_timer_);
    handshake_timer_ = 0;
    if (welcome.author != 0 && welcome.author != author_) {
        // The server's word is what it will stamp on our ops, so acks match it.
        notify(NoticeLevel::kInfo, "The server assigned this page a different author id");
        author_ = welcome.author;
    }
    if (welcome.head_seq < board_.head_seq()) {
        notify(NoticeLevel::kError, "The server's copy of this board (seq " + std::to_string(welcome.head_seq) +
                                        ") is older than this page's (seq " + std::to_string(board_.head_seq()) +
                                        ")");
    }
    const bool first_role = !role_.has_value();
    role_ = welcome.role;
    if (welcome.role == Role::kViewer) {
        view_key_ = settings_.key;
        if (!pending_.empty()) {
            notify(NoticeLevel::kError, "This link is view-only: " +
                                            plural(pending_.size(), "stroke", "strokes") +
                                            " drawn before joining could not be saved");
            pending_.clear();
            ++pending_revision_;
        }
        if (first_role) notify(NoticeLevel::kInfo, "View only: you can watch this board but not draw on it");
    } else if (!welcome.view_key.empty()) {
        view_key_ = welcome.view_key;
    }
    notify(NoticeLevel::kInfo, ever_welcomed_ ? "Reconnected" : "Connected");
    welcomed_ = true;
    // A new connection may write until the server says otherwise: it sends a
    // ServiceStatus right after Welcome when the board is not writable.
    writable_ = true;
    unwritable_reason_.clear();
    ever_welcomed_ = true;
    failed_attempts_ = 0;
    catch_up_target_ = welcome.head_seq;
    // Who we are, and where our pointer is, for the others on the board.
    send_presence();
    if (welcomed_) flush_cursor();
    if (welcomed_) maybe_finish_catch_up();
}

void SyncClient::handle(OpEvent event) {
    if (!welcomed_) return;  // stray frame of a connection we gave up on
    SequencedOp& op = event.op;
    // The server resends from last_seq, so overlaps after a reconnect are normal.
    if (op.seq <= board_.head_seq()) return;
    if (op.seq > board_.head_seq() + 1) {
        if (early_.size() >= settings_.max_early_ops) {
            drop_connection("Too many ops arrived out of order; reloading them from the server", false);
            return;
        }
        early_.emplace(op.seq, std::move(op));
        return;
    }
    apply(op);
    drain_early_ops();
    maybe_finish_catch_up();
}

void SyncClient::handle(OpBatch batch) {
    // Exactly as that many OpEvents, in order.
    for (SequencedOp& op : batch.ops) {
        if (!welcomed_) return;  // an op of the batch may have made us reconnect
        handle(OpEvent{std::move(op)});
    }
}

void SyncClient::handle(BoardSnapshot snapshot) {
    if (!welcomed_) {
        drop_connection("The server sent a board snapshot before welcoming this page; reconnecting", false);
        return;
    }
    // Nothing we do not already have (the server starts after our position).
    if (snapshot.seq <= board_.head_seq()) return;
    std::optional<Board> loaded = Board::from_snapshot(snapshot.bytes);
    if (!loaded || loaded->head_seq() != snapshot.seq) {
        // Start over from nothing: Hello with last_seq 0 gets the board again.
        replace_board(Board{});
        if (++snapshot_failures_ >= settings_.max_snapshot_failures) {
            refuse(Refusal::kOther, "The server keeps sending a copy of this board that this page cannot read. "
                                    "Reload the page later, or update it if a newer version exists.");
            return;
        }
        drop_connection("The server sent a copy of this board that this page could not read; loading the "
                        "board again from the start",
                        false);
        return;
    }
    snapshot_failures_ = 0;
    ++snapshots_loaded_;
    replace_board(std::move(*loaded));
    // Pending ops that the server ordered while we were away are inside the
    // snapshot: their objects exist. They will never be acknowledged one by
    // one any more, so they are confirmed here. (An op whose object was erased
    // since is re-sent: its id is taken, so it changes nothing.)
    const std::size_t before = pending_.size();
    const auto in_snapshot = [&](const PendingOp& p) {
        const std::vector<ObjectId> ids = created_ids(p.op);
        return !ids.empty() &&
               std::all_of(ids.begin(), ids.end(), [&](const ObjectId& id) { return board_.find(id) != nullptr; });
    };
    for (const PendingOp& p : pending_) {
        if (in_snapshot(p)) highest_ordered_client_op_id_ = std::max(highest_ordered_client_op_id_, p.client_op_id);
    }
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(), in_snapshot), pending_.end());
    if (pending_.size() != before) ++pending_revision_;
    drain_early_ops();
    maybe_finish_catch_up();
}

void SyncClient::replace_board(Board board) {
    board_ = std::move(board);
    ++board_generation_;
    early_.erase(early_.begin(), early_.upper_bound(board_.head_seq()));
}

void SyncClient::handle(const Presence& presence) {
    participants_ = presence.participants;
}

void SyncClient::handle(const PeerCursor& cursor) {
    if (cursor.author == author_) return;
    peers_[cursor.author].cursor = cursor.position;
    ++peers_revision_;
}

void SyncClient::handle(const PeerPresence& presence) {
    if (presence.author == author_) return;
    ++peers_revision_;
    if (presence.state == PeerState::kLeft) {
        peers_.erase(presence.author);
        return;
    }
    Peer& peer = peers_[presence.author];
    peer.name = presence.name;
    peer.color = presence.color;
    peer.state = presence.state;
}

void SyncClient::handle(const PeerViewport& viewport) {
    if (viewport.author == author_) return;
    peers_[viewport.author].viewport = viewport.viewport;
    ++peers_revision_;
}

void SyncClient::handle(const ServiceStatus& status) {
    if (!welcomed_) return;  // stray frame of a connection we gave up on
    unwritable_reason_ = status.writable ? std::string() : status.reason;
    if (status.writable == writable_) return;
    writable_ = status.writable;
    // The status settles what a refusal while "writable" left open.
    timers_.cancel(unavailable_retry_timer_);
    unavailable_retry_timer_ = 0;
    // A viewer saves nothing either way: no news for it.
    if (read_only()) return;
    if (!writable_) {
        std::string text = "Saving paused: the server lost its storage";
        if (!status.reason.empty()) text += " (" + status.reason + ")";
        notify(NoticeLevel::kError, text + "; your strokes are kept and will be sent when it is back");
        return;
    }
    const auto waiting = static_cast<std::size_t>(
        std::count_if(pending_.begin(), pending_.end(), [](const PendingOp& p) { return !p.sent; }));
    std::string text = "Saving resumed: the server stores strokes again";
    if (waiting > 0) text += "; sending " + plural(waiting, "kept stroke", "kept strokes");
    notify(NoticeLevel::kInfo, text);
    // Before catch-up they wait for it, like every resend.
    if (caught_up_) send_unsent_pending();
}

void SyncClient::handle_unavailable(std::uint64_t client_op_id) {
    const auto it = std::find_if(pending_.begin(), pending_.end(),
                                 [&](const PendingOp& p) { return p.client_op_id == client_op_id; });
    if (it == pending_.end()) return;
    // Neither stored nor applied: kept (and drawn) as pending, to be sent
    // again under a new id once the board is writable.
    it->sent = false;
    it->needs_new_id = true;
    ++pending_revision_;
    // Refused while no status says the board is unwritable: that status is
    // on its way, or the refusal crossed the one saying storage is back, in
    // which case nothing else would ever resend the op.
    if (writable_ && unavailable_retry_timer_ == 0) {
        unavailable_retry_timer_ = timers_.start(settings_.unavailable_retry_ms, [this] {
            unavailable_retry_timer_ = 0;
            if (caught_up_ && writable_) send_unsent_pending();
        });
    }
}

void SyncClient::handle(const Error& error) {
    if (error.client_op_id != 0) {
        if (error.code == ErrorCode::kUnavailable) {
            handle_unavailable(error.client_op_id);
            return;
        }
        drop_pending(error.client_op_id);
        switch (error.code) {
            case ErrorCode::kRateLimited:
                notify(NoticeLevel::kError, "Drawing too fast: the server dropped a stroke (" + error.reason + ")");
                break;
            case ErrorCode::kReadOnly:
                notify(NoticeLevel::kError, "This link is view-only: the stroke was not saved");
                break;
            default: notify(NoticeLevel::kError, "The server refused a stroke: " + error.reason); break;
        }
        return;
    }
    if (error.code == ErrorCode::kShuttingDown) {
        drop_connection("The server is restarting; reconnecting shortly", false, NoticeLevel::kInfo);
        return;
    }
    if (error.code == ErrorCode::kBadKey) {
        refuse(Refusal::kBadKey, "This link's key is wrong or missing for this board, so it cannot be opened." +
                                     std::string(kBadKeyAdvice));
        return;
    }
    if (!welcomed_) {
        if (is_fatal_join_refusal(error.code)) {
            refuse(Refusal::kOther, "The server refused to join this board: " + error.reason);
        } else {
            drop_connection("The server refused to join this board: " + error.reason, false);
        }
        return;
    }
    // Refusals of ephemeral messages (a cursor too many, say) repeat with
    // every message: report each kind once per connection.
    const auto bit = std::uint32_t{1} << (static_cast<unsigned>(error.code) % 32);
    if (reported_codes_ & bit) return;
    reported_codes_ |= bit;
    notify(NoticeLevel::kError, "Server error: " + error.reason);
}

void SyncClient::drop_pending(std::uint64_t client_op_id) {
    const auto it = std::find_if(pending_.begin(), pending_.end(),
                                 [&](const PendingOp& p) { return p.client_op_id == client_op_id; });
    if (it == pending_.end()) return;
    pending_.erase(it);
    ++pending_revision_;
}

void SyncClient::apply(const SequencedOp& op) {
    // A duplicate object id is a no-op on the board but still takes its seq.
    board_.apply(op);
    // Our own op coming back: it is confirmed, no longer pending.
    if (op.author == author_ && op.client_op_id != 0) {
        highest_ordered_client_op_id_ = std::max(highest_ordered_client_op_id_, op.client_op_id);
        drop_pending(op.client_op_id);
    }
}

void SyncClient::drain_early_ops() {
    // Apply what a gap was holding back, now that it is filled.
    for (auto it = early_.begin(); it != early_.end() && it->first <= board_.head_seq() + 1;
         it = early_.erase(it)) {
        if (it->first == board_.head_seq() + 1) apply(it->second);
    }
}

void SyncClient::maybe_finish_catch_up() {
    if (!welcomed_ || caught_up_ || board_.head_seq() < catch_up_target_) return;
    caught_up_ = true;
    // The history just applied confirmed every pending op the server had
    // sequenced before. Older ones than the newest it ordered were refused
    // while the connection was down: resent, they would go unanswered. (Not
    // those known to be unstored: they go out again under new ids.)
    const std::size_t before = pending_.size();
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(),
                                  [&](const PendingOp& p) {
                                      return !p.needs_new_id && p.client_op_id <= highest_ordered_client_op_id_;
                                  }),
                   pending_.end());
    if (pending_.size() != before) {
        ++pending_revision_;
        notify(NoticeLevel::kError, "The server refused " + plural(before - pending_.size(), "stroke", "strokes") +
                                        " sent just before the connection dropped");
    }
    // The rest never reached the server.
    if (!writable_) {
        // Sent now they would only be refused: held until the board is writable.
        for (PendingOp& p : pending_) p.needs_new_id = true;
        return;
    }
    send_unsent_pending();
}

void SyncClient::send_unsent_pending() {
    // Ids must rise in the order ops go out, since the server ignores one at
    // or below the highest it has ordered for us. An unsent op here is known
    // not to be stored, so it may take a fresh id; ops already sent on this
    // connection keep theirs, which their acknowledgements will carry.
    std::uint64_t highest_sent = 0;
    bool renumbered = false;
    for (PendingOp& p : pending_) {
        if (!p.sent) {
            if (p.needs_new_id || p.client_op_id <= highest_sent) {
                p.client_op_id = next_client_op_id_++;
                p.needs_new_id = false;
                renumbered = true;
            }
            if (!send(SubmitOp{p.client_op_id, p.op})) break;  // the connection was dropped
            p.sent = true;
            ++ops_sent_;
        }
        highest_sent = std::max(highest_sent, p.client_op_id);
    }
    if (renumbered) ++pending_revision_;
}

bool SyncClient::send(const ClientMessage& message) {
    if (transport_.send_binary(encode(message, FrameFormat::kBinary))) return true;
    drop_connection("Sending to the server failed; reconnecting", false);
    return false;
}

void SyncClient::drop_connection(const std::string& why, bool fatal, NoticeLevel level) {
    transport_.close();
    notify(level, why);
    if (fatal) fatal_ = true;
    connection_lost();
}

void SyncClient::refuse(Refusal refusal, std::string why) {
    refusal_ = refusal;
    refusal_text_ = why;
    drop_connection(why, true);
}

void SyncClient::connection_lost() {
    timers_.cancel(handshake_timer_);
    handshake_timer_ = 0;
    timers_.cancel(cursor_timer_);
    cursor_timer_ = 0;
    timers_.cancel(unavailable_retry_timer_);
    unavailable_retry_timer_ = 0;
    // Others see where our pointer is again once we are back.
    cursor_unsent_ = cursor_.has_value();
    welcomed_ = false;
    caught_up_ = false;
    for (PendingOp& p : pending_) p.sent = false;
    // Who is here is told afresh after the next Welcome.
    if (!peers_.empty()) {
        peers_.clear();
        ++peers_revision_;
    }
    participants_ = 0;
    if (!fatal_) schedule_reconnect();
}

void SyncClient::schedule_reconnect() {
    timers_.cancel(retry_timer_);
    double delay = settings_.first_retry_delay_ms;
    for (int i = 0; i < failed_attempts_ && delay < settings_.max_retry_delay_ms; ++i) delay *= 2;
    delay = std::min<double>(delay, settings_.max_retry_delay_ms);
    const double jitter = 0.8 + 0.4 * static_cast<double>(next_random(jitter_state_) >> 11) / 9007199254740992.0;
    ++failed_attempts_;
    retry_timer_ = timers_.start(static_cast<int>(delay * jitter), [this] {
        retry_timer_ = 0;
        connect();
    });
}

void SyncClient::notify(NoticeLevel level, std::string text) {
    if (notices_) notices_(level, std::move(text));
}

}  // namespace squiggle::client
