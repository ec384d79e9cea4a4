#pragma once
// Keeps this page's copy of one board in step with the server. It joins with
// Hello (board id, secret key, author id, display name), applies the server's
// ops strictly in seq order (loading a snapshot first when the server sends
// one), holds the ops this client submitted as *pending* until the server
// echoes them back, and reconnects with backoff, re-sending what was never
// acknowledged. While the server says the board is not writable (its shared
// storage is down) it holds new ops back and keeps refused ones, and sends
// them all again once the board is writable. It also carries the ephemeral
// side: this page's presence (name, colour, idle) and throttled cursor, and
// the other participants'.
// It speaks the protocol but knows neither the socket (Transport) nor the
// clock (Timers), so it runs unchanged in the browser and in tests.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "squiggle/board.hpp"
#include "squiggle/protocol.hpp"
#include "timers.hpp"
#include "transport.hpp"

namespace squiggle::client {

enum class ConnectionState {
    kConnecting,    // never welcomed yet since the page opened
    kConnected,     // welcomed on the current connection
    kReconnecting,  // was connected, lost it, retrying with backoff
    kOffline,       // not connected, and either the browser reports no network
                    // (retries continue) or the server refused us for good
};
// "connecting" | "connected" | "reconnecting" | "offline"
const char* to_string(ConnectionState state);

// An op this client submitted that the server has not yet sequenced.
struct PendingOp {
    std::uint64_t client_op_id = 0;  // changes when the op goes out under a new id
    Op op;
    bool sent = false;  // on the current connection
    // Known not to be stored under client_op_id: refused because the board was
    // unavailable, or held back while it was not writable. It goes out under a
    // fresh id, and is never taken for an op whose refusal was lost.
    bool needs_new_id = false;
};

enum class NoticeLevel { kInfo, kError };
// Things the user should be told: connection changes, refusals, bad frames.
using NoticeSink = std::function<void(NoticeLevel, std::string)>;

struct SyncSettings {
    std::string server_url;
    std::string board_id;
    // The secret from the link: the board's edit key or its view key.
    std::string key;
    std::uint64_t author = 0;  // non-zero, kept across reconnects
    // How this page appears to the others (Hello.name and PresenceUpdate).
    std::string name;
    Rgba color = 0x3366CCFF;
    // Reconnect delay: the first, doubling up to the maximum, each +-20% so that
    // many clients dropped at once do not come back in lockstep.
    int first_retry_delay_ms = 500;
    int max_retry_delay_ms = 10'000;
    // A connection not welcomed within this time is dropped and retried.
    int handshake_timeout_ms = 10'000;
    // Ops that arrived ahead of a gap wait here; more than this means the
    // stream is broken, and the connection is restarted from head_seq.
    std::size_t max_early_ops = 10'000;
    // At most one Cursor message per this interval (about 30 per second); the
    // latest position is always sent in the end.
    int cursor_interval_ms = 33;
    // Snapshots that cannot be loaded in a row before giving up for good.
    int max_snapshot_failures = 3;
    // An op refused as unavailable while the server still calls the board
    // writable (the status saying otherwise may be on its way, or the refusal
    // crossed one saying it is back) is sent again after this long.
    int unavailable_retry_ms = 5'000;
};

// What this page knows of another participant (ephemeral, from the server).
struct Peer {
    std::string name;
    Rgba color = 0;
    PeerState state = PeerState::kJoined;
    std::optional<Point> cursor;
    std::optional<squiggle::Viewport> viewport;
};

// Why the server (or the link itself) keeps this page off the board for good.
enum class Refusal {
    kNone,
    kBadKey,  // the link's key is missing, malformed or wrong for this board
    kOther,   // e.g. an incompatible protocol version
};

// Cuts `text` to at most `max_bytes` bytes without splitting a UTF-8 sequence.
std::string truncate_utf8(std::string text, std::size_t max_bytes);

class SyncClient {
public:
    SyncClient(Transport& transport, Timers& timers, SyncSettings settings, NoticeSink notices);
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    // Opens the first connection; with no usable key it refuses at once.
    void start();

    // Queues `op` as pending and sends it as soon as the connection is caught
    // up and the board writable (at once when both hold). Returns its
    // client_op_id (which changes if the op has to be sent again under a new
    // one), or 0 when this page is a viewer and may not write.
    std::uint64_t submit(Op op);

    // The browser's online/offline signal. Going online retries at once.
    void set_network_available(bool available);

    // This page's name and colour for the others; sent now and after every Welcome.
    void set_presence(std::string name, Rgba color);
    // No input for a while (true) or input again (false).
    void set_idle(bool idle);
    const std::string& name() const { return name_; }
    Rgba color() const { return color_; }
    bool idle() const { return idle_; }

    // The pointer moved over the board (model units). Sent at most once per
    // cursor_interval_ms; the latest position always goes out.
    void move_cursor(Point position);

    // The confirmed board: exactly the server's ops, in seq order.
    const Board& board() const { return board_; }
    // Bumped whenever board() is replaced as a whole (a snapshot was loaded,
    // or the board is reloaded from the start), not when ops are applied.
    std::uint64_t board_generation() const { return board_generation_; }
    // Oldest first; drawn on top of the board until confirmed.
    const std::deque<PendingOp>& pending() const { return pending_; }
    // Bumped whenever pending() changes.
    std::uint64_t pending_revision() const { return pending_revision_; }

    ConnectionState state() const;
    // The role from the latest Welcome (kept while reconnecting); nullopt
    // before the first Welcome.
    std::optional<Role> role() const { return role_; }
    // True once the server said this link is view-only.
    bool read_only() const { return role_ == Role::kViewer; }
    // The key that opens this board for editing: ours when we are an editor.
    std::string edit_key() const;
    // The key that opens it read-only: from Welcome for editors, our own for viewers.
    const std::string& view_key() const { return view_key_; }

    // False while the server says the board takes no ops (its storage is
    // unavailable): reads go on, ops are kept pending. True again on every
    // Welcome until a ServiceStatus says otherwise.
    bool writable() const { return writable_; }
    // The server's explanation from the latest ServiceStatus ("" if none).
    const std::string& unwritable_reason() const { return unwritable_reason_; }

    // Set when retrying cannot help: why, for the user.
    Refusal refusal() const { return refusal_; }
    const std::string& refusal_text() const { return refusal_text_; }

    // Other participants by author id.
    const std::map<std::uint64_t, Peer>& peers() const { return peers_; }
    // Bumped whenever peers() changes.
    std::uint64_t peers_revision() const { return peers_revision_; }
    std::uint32_t participants() const { return participants_; }
    std::uint64_t author() const { return author_; }
    const std::string& board_id() const { return settings_.board_id; }
    // Welcomed, and every op up to Welcome.head_seq applied.
    bool caught_up() const { return caught_up_; }
    // SubmitOp messages sent since the page opened (re-sends included).
    std::uint64_t ops_sent() const { return ops_sent_; }
    // BoardSnapshots loaded since the page opened.
    std::uint64_t snapshots_loaded() const { return snapshots_loaded_; }

private:
    void connect();
    void on_open();
    void on_message(std::string_view bytes, bool binary);
    void on_close(const CloseInfo& info);

    void handle(const Welcome& welcome);
    void handle(OpEvent event);
    void handle(OpBatch batch);
    void handle(BoardSnapshot snapshot);
    void handle(const Presence& presence);
    void handle(const Error& error);
    void handle(const PeerCursor& cursor);
    void handle(const PeerPresence& presence);
    void handle(const PeerViewport& viewport);
    void handle(const ServiceStatus& status);
    void handle_unavailable(std::uint64_t client_op_id);

    void apply(const SequencedOp& op);
    void drain_early_ops();
    void maybe_finish_catch_up();
    void drop_pending(std::uint64_t client_op_id);
    // Sends the pending ops not yet sent on this connection, oldest first.
    void send_unsent_pending();
    void replace_board(Board board);
    bool send(const ClientMessage& message);
    void send_presence();
    void flush_cursor();
    // Closes the current connection on our side; retries unless `fatal`.
    void drop_connection(const std::string& why, bool fatal, NoticeLevel level = NoticeLevel::kError);
    void refuse(Refusal refusal, std::string why);
    void connection_lost();
    void schedule_reconnect();
    void notify(NoticeLevel level, std::string text);

    Transport& transport_;
    Timers& timers_;
    SyncSettings settings_;
    NoticeSink notices_;

    Board board_;
    std::uint64_t board_generation_ = 0;
    // Ops received ahead of board_.head_seq() + 1, keyed by seq.
    std::map<std::uint64_t, SequencedOp> early_;
    std::deque<PendingOp> pending_;
    std::uint64_t pending_revision_ = 0;
    std::uint64_t next_client_op_id_ = 1;
    // The highest client_op_id of ours the server is known to have ordered.
    // The server silently ignores a resent op at or below it, so a pending op
    // below it that never came back was refused (the Error lost with the
    // connection) and will never be answered.
    std::uint64_t highest_ordered_client_op_id_ = 0;
    std::uint64_t ops_sent_ = 0;
    std::uint64_t snapshots_loaded_ = 0;
    std::uint64_t author_ = 0;
    std::uint32_t participants_ = 0;
    std::map<std::uint64_t, Peer> peers_;
    std::uint64_t peers_revision_ = 0;

    // Our presence and cursor.
    std::string name_;
    Rgba color_ = 0;
    bool idle_ = false;
    std::optional<Point> cursor_;
    bool cursor_unsent_ = false;
    Timers::Id cursor_timer_ = 0;

    std::optional<Role> role_;
    std::string view_key_;

    // The current connection.
    bool welcomed_ = false;
    bool writable_ = true;
    std::string unwritable_reason_;
    Timers::Id unavailable_retry_timer_ = 0;
    bool caught_up_ = false;
    std::uint64_t catch_up_target_ = 0;  // Welcome.head_seq
    // Error codes about non-op messages already reported on this connection,
    // so a stream of refused cursors does not flood the message log.
    std::uint32_t reported_codes_ = 0;

    bool ever_welcomed_ = false;
    bool fatal_ = false;  // the server refused us in a way retrying cannot fix
    Refusal refusal_ = Refusal::kNone;
    std::string refusal_text_;
    int snapshot_failures_ = 0;  // in a row
    bool network_available_ = true;
    int failed_attempts_ = 0;  // since the last Welcome
    Timers::Id retry_timer_ = 0;
    Timers::Id handshake_timer_ = 0;
    std::uint64_t jitter_state_;
};

}  // namespace squiggle::client
