#include "sync_client.hpp"

#include <algorithm>
#include <utility>

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
    // id still held by our previous connection, storage trouble) can heal.
    return code == ErrorCode::kUnsupportedVersion || code == ErrorCode::kInvalidBoardId ||
           code == ErrorCode::kInvalidOp;
}

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

SyncClient::SyncClient(Transport& transport, Timers& timers, SyncSettings settings, NoticeSink notices)
    : transport_(transport),
      timers_(timers),
      settings_(std::move(settings)),
      notices_(std::move(notices)),
      author_(settings_.author),
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
    transport_.close();
    transport_.set_handlers({});
}

void SyncClient::start() {
    connect();
}

ConnectionState SyncClient::state() const {
    if (welcomed_) return ConnectionState::kConnected;
    if (fatal_ || !network_available_) return ConnectionState::kOffline;
    return ever_welcomed_ ? ConnectionState::kReconnecting : ConnectionState::kConnecting;
}

std::uint64_t SyncClient::submit(Op op) {
    const std::uint64_t id = next_client_op_id_++;
    pending_.push_back(PendingOp{id, std::move(op), false});
    ++pending_revision_;
    // Before catch-up, the op waits: it must follow the older pending ops,
    // which are re-sent only once the history shows which of them arrived.
    if (caught_up_ && send(SubmitOp{id, pending_.back().op})) pending_.back().sent = true;
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

void SyncClient::connect() {
    timers_.cancel(retry_timer_);
    retry_timer_ = 0;
    welcomed_ = false;
    caught_up_ = false;
    // The server resends everything after head_seq, so nothing buffered is lost.
    early_.clear();
    for (PendingOp& p : pending_) p.sent = false;

    if (!transport_.connect(settings_.server_url)) {
        fatal_ = true;
        notify(NoticeLevel::kError, "Cannot connect: \"" + settings_.server_url +
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
    send(Hello{settings_.board_id, board_.head_seq(), author_, settings_.name});
}

void SyncClient::on_message(std::string_view bytes, bool binary) {
    if (!binary) {
        notify(NoticeLevel::kError, "Ignored a text frame from the server (this client speaks binary)");
        return;
    }
    Decoded<ServerMessage> decoded = decode_server(bytes, FrameFormat::kBinary);
    if (const auto* failure = std::get_if<DecodeFailure>(&decoded)) {
        if (failure->code == ErrorCode::kUnsupportedVersion) {
            drop_connection("The server speaks a newer protocol: reload the page (" + failure->reason + ")", true);
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
    notify(NoticeLevel::kInfo, ever_welcomed_ ? "Reconnected" : "Connected");
    welcomed_ = true;
    ever_welcomed_ = true;
    failed_attempts_ = 0;
    catch_up_target_ = welcome.head_seq;
    maybe_finish_catch_up();
}

void SyncClient::handle(OpEvent event) {
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
    // Drain what the gap was holding back.
    for (auto it = early_.begin(); it != early_.end() && it->first <= board_.head_seq() + 1;
         it = early_.erase(it)) {
        if (it->first == board_.head_seq() + 1) apply(it->second);
    }
    maybe_finish_catch_up();
}

void SyncClient::handle(const Presence& presence) {
    participants_ = presence.participants;
}

void SyncClient::handle(const PeerCursor& cursor) { peers_[cursor.author].cursor = cursor.position; }

void SyncClient::handle(const PeerPresence& presence) {
    if (presence.state == PeerState::kLeft) {
        peers_.erase(presence.author);
        return;
    }
    Peer& peer = peers_[presence.author];
    peer.name = presence.name;
    peer.color = presence.color;
    peer.state = presence.state;
}

void SyncClient::handle(const PeerViewport& viewport) { peers_[viewport.author].viewport = viewport.viewport; }

void SyncClient::handle(const Error& error) {
    if (error.client_op_id != 0) {
        const auto it = std::find_if(pending_.begin(), pending_.end(),
                                     [&](const PendingOp& p) { return p.client_op_id == error.client_op_id; });
        if (it != pending_.end()) {
            pending_.erase(it);
            ++pending_revision_;
        }
        notify(NoticeLevel::kError, "The server refused a stroke: " + error.reason);
        return;
    }
    if (!welcomed_) {
        drop_connection("The server refused to join this board: " + error.reason,
                        is_fatal_join_refusal(error.code));
        return;
    }
    notify(NoticeLevel::kError, "Server error: " + error.reason);
}

void SyncClient::apply(const SequencedOp& op) {
    // A duplicate object id is a no-op on the board but still takes its seq.
    board_.apply(op);
    if (op.author != author_ || op.client_op_id == 0) return;
    // Our own op coming back: it is confirmed, no longer pending.
    const auto it = std::find_if(pending_.begin(), pending_.end(),
                                 [&](const PendingOp& p) { return p.client_op_id == op.client_op_id; });
    if (it != pending_.end()) {
        pending_.erase(it);
        ++pending_revision_;
    }
}

void SyncClient::maybe_finish_catch_up() {
    if (!welcomed_ || caught_up_ || board_.head_seq() < catch_up_target_) return;
    caught_up_ = true;
    // The history just applied confirmed every pending op the server had
    // sequenced before; the rest never reached it. Send them, oldest first.
    for (PendingOp& p : pending_) {
        if (p.sent) continue;
        if (!send(SubmitOp{p.client_op_id, p.op})) return;  // the connection was dropped
        p.sent = true;
    }
}

bool SyncClient::send(const ClientMessage& message) {
    if (transport_.send_binary(encode(message, FrameFormat::kBinary))) return true;
    drop_connection("Sending to the server failed; reconnecting", false);
    return false;
}

void SyncClient::drop_connection(const std::string& why, bool fatal) {
    transport_.close();
    notify(NoticeLevel::kError, why);
    if (fatal) fatal_ = true;
    connection_lost();
}

void SyncClient::connection_lost() {
    timers_.cancel(handshake_timer_);
    handshake_timer_ = 0;
    welcomed_ = false;
    caught_up_ = false;
    for (PendingOp& p : pending_) p.sent = false;
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
