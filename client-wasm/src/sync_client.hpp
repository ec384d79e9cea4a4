#pragma once
// Keeps this page's copy of one board in step with the server. It joins with
// Hello, applies the server's ops strictly in seq order, holds the ops this
// client submitted as *pending* until the server echoes them back, and
// reconnects with backoff, re-sending what was never acknowledged.
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
    std::uint64_t client_op_id = 0;
    Op op;
    bool sent = false;  // on the current connection
};

enum class NoticeLevel { kInfo, kError };
// Things the user should be told: connection changes, refusals, bad frames.
using NoticeSink = std::function<void(NoticeLevel, std::string)>;

struct SyncSettings {
    std::string server_url;
    std::string board_id;
    std::uint64_t author = 0;  // non-zero, kept across reconnects
    std::string name;
    // Reconnect delay: the first, doubling up to the maximum, each +-20% so that
    // many clients dropped at once do not come back in lockstep.
    int first_retry_delay_ms = 500;
    int max_retry_delay_ms = 10'000;
    // A connection not welcomed within this time is dropped and retried.
    int handshake_timeout_ms = 10'000;
    // Ops that arrived ahead of a gap wait here; more than this means the
    // stream is broken, and the connection is restarted from head_seq.
    std::size_t max_early_ops = 10'000;
};

// What this page knows of another participant (ephemeral, from the server).
struct Peer {
    std::string name;
    Rgba color = 0;
    PeerState state = PeerState::kJoined;
    std::optional<Point> cursor;
    std::optional<squiggle::Viewport> viewport;
};

class SyncClient {
public:
    SyncClient(Transport& transport, Timers& timers, SyncSettings settings, NoticeSink notices);
    ~SyncClient();
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    // Opens the first connection.
    void start();

    // Queues `op` as pending and sends it as soon as the connection is caught
    // up (at once when it already is). Returns its client_op_id.
    std::uint64_t submit(Op op);

    // The browser's online/offline signal. Going online retries at once.
    void set_network_available(bool available);

    // The confirmed board: exactly the server's ops, in seq order.
    const Board& board() const { return board_; }
    // Oldest first; drawn on top of the board until confirmed.
    const std::deque<PendingOp>& pending() const { return pending_; }
    // Bumped whenever pending() changes.
    std::uint64_t pending_revision() const { return pending_revision_; }

    ConnectionState state() const;
    // Other participants by author id.
    const std::map<std::uint64_t, Peer>& peers() const { return peers_; }
    std::uint32_t participants() const { return participants_; }
    std::uint64_t author() const { return author_; }
    const std::string& board_id() const { return settings_.board_id; }
    // Welcomed, and every op up to Welcome.head_seq applied.
    bool caught_up() const { return caught_up_; }

private:
    void connect();
    void on_open();
    void on_message(std::string_view bytes, bool binary);
    void on_close(const CloseInfo& info);

    void handle(const Welcome& welcome);
    void handle(OpEvent event);
    void handle(const Presence& presence);
    void handle(const Error& error);
    void handle(const PeerCursor& cursor);
    void handle(const PeerPresence& presence);
    void handle(const PeerViewport& viewport);

    void apply(const SequencedOp& op);
    void maybe_finish_catch_up();
    bool send(const ClientMessage& message);
    // Closes the current connection on our side; retries unless `fatal`.
    void drop_connection(const std::string& why, bool fatal);
    void connection_lost();
    void schedule_reconnect();
    void notify(NoticeLevel level, std::string text);

    Transport& transport_;
    Timers& timers_;
    SyncSettings settings_;
    NoticeSink notices_;

    Board board_;
    // Ops received ahead of board_.head_seq() + 1, keyed by seq.
    std::map<std::uint64_t, SequencedOp> early_;
    std::deque<PendingOp> pending_;
    std::uint64_t pending_revision_ = 0;
    std::uint64_t next_client_op_id_ = 1;
    std::uint64_t author_ = 0;
    std::uint32_t participants_ = 0;
    std::map<std::uint64_t, Peer> peers_;

    // The current connection.
    bool welcomed_ = false;
    bool caught_up_ = false;
    std::uint64_t catch_up_target_ = 0;  // Welcome.head_seq

    bool ever_welcomed_ = false;
    bool fatal_ = false;  // the server refused us in a way retrying cannot fix
    bool network_available_ = true;
    int failed_attempts_ = 0;  // since the last Welcome
    Timers::Id retry_timer_ = 0;
    Timers::Id handshake_timer_ = 0;
    std::uint64_t jitter_state_;
};

}  // namespace squiggle::client
