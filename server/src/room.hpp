#pragma once
// A room is one board while anyone has it open. It checks who may join and
// with which role, assigns the board's gap-free sequence numbers, stores each
// op, and only once the op is durable (per the fsync policy) tells its members
// that the log grew. Members pull ops from the room's log at their own pace (a
// cursor each), so a slow reader never makes the server buffer more for it;
// a reader that falls behind a compaction gets the snapshot instead.
//
// The room keeps the board itself too (squiggle::Board), to write snapshots.
//
// With several server processes on one board (Redis), ordering moves out of
// the room: ops go to a SharedBoard, which orders them for every process and
// hands each one back through deliver(), in any order and possibly twice; the
// room applies them strictly by seq and asks for any gap to be filled. Its
// log is then an in-memory window over the shared one.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"
#include "squiggle/board.hpp"
#include "squiggle/codec.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

struct Metrics;

// What a room needs from a connection. Called from any thread: implementations
// hop onto their own strand.
class RoomMember {
public:
    virtual ~RoomMember() = default;
    // The log has durable ops past what this member has been sent.
    virtual void on_log_grew() = 0;
    // The number of people on the board changed.
    virtual void on_participants_changed(std::uint32_t participants) = 0;
    // Another member's cursor, presence or viewport (ephemeral, never logged).
    virtual void on_peer_update(const ServerMessage& update) = 0;
    // Whether the board takes ops changed (shared storage lost or back).
    virtual void on_status(const ServiceStatus& status) = 0;
    // The room lost track of the board (history it needs is gone from the
    // shared log): reconnect, which loads the board afresh.
    virtual void on_room_closed() = 0;
};

// The board as several server processes share it (implemented over Redis).
// Calls may come from any thread; so may the callbacks.
class SharedBoard {
public:
    virtual ~SharedBoard() = default;

    struct Outcome {
        enum class Kind {
            kOrdered,      // `seq` is the op's place on the board
            kDuplicate,    // its clientOpId was ordered before (a resend)
            kUnavailable,  // not stored: shared storage unreachable
            kFailed        // not stored: refused by the storage
        } kind = Kind::kFailed;
        std::uint64_t seq = 0;
        std::string reason;
    };
    // Gives `draft` (seq 0) the board's next seq and stores it durably.
    virtual void order(const std::string& board_id, const SequencedOp& draft, std::function<void(Outcome)> done) = 0;
    // The room has seen ops past a gap in what it holds: fetch the missing
    // ones, which come back through Room::deliver().
    virtual void fill_gap(const std::string& board_id) = 0;
    // The room made a snapshot: store it, unless another process is at it,
    // and trim the shared log up to `keep_after`.
    virtual void offer_snapshot(const std::string& board_id, std::uint64_t seq, std::string payload,
                                std::uint64_t keep_after) = 0;
    // Tells the other processes of a local member's cursor, viewport or presence.
    virtual void publish_peer(const std::string& board_id, const ServerMessage& update) = 0;
    // Tells the other processes who is on the board here.
    virtual void publish_roster(const std::string& board_id, std::vector<PeerPresence> roster) = 0;
    // The room's last local member left (the process may stop following the board).
    virtual void room_idle(const std::string& board_id) = 0;
};

struct RoomSettings {
    FsyncPolicy fsync = FsyncPolicy::kAlways;
    // Write a snapshot and compact the log once it holds this many ops...
    std::uint64_t snapshot_every = 1000;
    // ...keeping this many of the newest, so clients a little behind catch
    // up from the log instead of downloading the snapshot.
    std::uint64_t log_retain = 250;
    // Makes a 128-bit random key (the view key of a new board).
    std::function<std::string()> make_key;
    // Asks for a sync() of this room soon (group commit); set under "batch".
    std::function<void(const std::shared_ptr<class Room>&)> request_sync;
    Metrics* metrics = nullptr;
    // Set when several processes share the board; the room then orders
    // nothing itself.
    SharedBoard* shared = nullptr;
};

class Room : public std::enable_shared_from_this<Room> {
public:
    // Loads the board from `log`; nullptr (and a logged reason) if its
    // snapshot cannot be read.
    static std::shared_ptr<Room> open(std::string board_id, std::unique_ptr<BoardLog> log, RoomSettings settings);

    const std::string& board_id() const { return board_id_; }

    struct JoinResult {
        bool ok = false;
        ErrorCode error = ErrorCode::kBadKey;
        std::string reason;
        Role role = Role::kEditor;
        std::string view_key;          // for editors
        std::uint64_t head_seq = 0;    // durable head at join
        std::uint64_t first_seq = 1;   // the oldest op the log still holds
        ServiceStatus status;          // whether the board takes ops right now
    };
    JoinResult join(const std::shared_ptr<RoomMember>& member, std::uint64_t author, std::string name,
                    const std::string& key);
    void leave(const RoomMember* member);

    // Relays a member's ephemeral update to everyone else on the board.
    void relay(const RoomMember* from, const Cursor& cursor);
    void relay(const RoomMember* from, const PresenceUpdate& presence);
    void relay(const RoomMember* from, const Viewport& viewport);

    struct SubmitResult {
        enum class Outcome { kOrdered, kDuplicate, kFailed } outcome = Outcome::kFailed;
        std::uint64_t seq = 0;
        ErrorCode error = ErrorCode::kStorageFailure;
        std::string reason;
    };
    // Orders and stores one validated op by `author`; `done` gets the
    // outcome (at once for the embedded store, later when shared). An op
    // whose client_op_id was already ordered for this author (a resend
    // after a reconnect) is not applied again. A created object without an
    // id ({0, 0}, as JSON clients may send) gets {author,
    // kServerAssignedCounter | seq}, unique on the board.
    void submit(std::uint64_t author, std::uint64_t client_op_id, Op op, std::function<void(SubmitResult)> done);
    static constexpr std::uint64_t kServerAssignedCounter = std::uint64_t{1} << 63;

    // Makes appended ops durable and tells the members (group commit).
    void sync();

    // ---- shared boards (SharedBoard set) ----
    // An op ordered by the shared board: applied once every earlier one is.
    void deliver(SequencedOp op);
    // A cursor, viewport or presence update of someone on another process.
    void receive_remote_peer(const ServerMessage& update);
    // Who is on the board on another process (empty: nobody any more).
    void receive_roster(const std::string& process, std::vector<PeerPresence> roster);
    // Forgets the people of processes not heard of since `cutoff`.
    void expire_rosters(std::chrono::steady_clock::time_point cutoff);
    std::vector<PeerPresence> local_roster() const;
    std::size_t participants_of_this_process() const;
    // Whether ops are taken; when they are again, the other processes are
    // told afresh who is here and where their cursors are (what was
    // published meanwhile went nowhere).
    void set_status(const ServiceStatus& status);
    // Tells the other processes who is here, with names, cursors and viewports.
    void republish_presence();
    // Tells every member to reconnect (see RoomMember::on_room_closed).
    void close_all();

    // The newest op members may be sent, and the oldest the log still holds.
    std::uint64_t head_seq() const;
    std::uint64_t first_seq() const;
    std::uint32_t participants() const;
    std::uint64_t state_hash() const;

    // The encoded OpEvent frame of `seq` (first_seq() <= seq <= head_seq()),
    // shared by every member that sends it; nullptr outside that range.
    std::shared_ptr<const std::string> frame(std::uint64_t seq, FrameFormat format);
    // The encoded OpBatch of up to `max` ops from `first` on (as many as
    // are durable and still in the log; `count` says how many), shared by the
    // members that are at the same place; nullptr if `first` is out of range.
    std::shared_ptr<const std::string> batch_frame(std::uint64_t first, std::size_t max, std::size_t& count);
    // The encoded BoardSnapshot of the latest snapshot, and the seq it stands for.
    std::shared_ptr<const std::string> snapshot_frame(FrameFormat format, std::uint64_t& seq);

private:
    Room(std::string board_id, std::unique_ptr<BoardLog> log, RoomSettings settings);

    struct Member {
        std::weak_ptr<RoomMember> member;
        const RoomMember* key;
        std::uint64_t author;
        PeerPresence presence;
        // The latest of each, to tell other processes again after Redis was lost.
        std::optional<Point> cursor;
        std::optional<Viewport> viewport;
    };
    std::vector<std::shared_ptr<RoomMember>> live_members_locked(const RoomMember* except = nullptr);
    // Lets `remember` update the member `from`; its author, or 0 if not here.
    template <class Remember>
    std::uint64_t remember_locked(const RoomMember* from, Remember remember);
    void announce_participants();
    void send_to_others(const RoomMember* from, const ServerMessage& update);
    // Marks everything appended durable; returns the members to notify.
    std::vector<std::shared_ptr<RoomMember>> mark_durable_locked();
    void maybe_compact_locked();
    SubmitResult submit_locally(std::uint64_t author, std::uint64_t client_op_id, Op op);
    // Whether the op at `seq` can be `draft` (pub/sub may bring an op before
    // the script's answer does); false when another op holds that seq, which
    // means the shared log went backwards.
    bool may_hold(std::uint64_t seq, const SequencedOp& draft) const;
    // Appends an op the shared board ordered, applies it and advances.
    void apply_delivered_locked(SequencedOp op);
    std::uint32_t participants_locked() const;
    std::string snapshot_payload_locked() const;

    const std::string board_id_;
    RoomSettings settings_;
    mutable std::mutex mutex_;
    std::unique_ptr<BoardLog> log_;
    Board board_;
    std::uint64_t appended_seq_ = 0;  // last op written to the log
    std::uint64_t durable_seq_ = 0;   // last op members may see
    std::map<std::uint64_t, std::uint64_t> last_client_op_;  // author -> highest clientOpId ordered
    std::vector<Member> members_;
    // Encoded frames of the log's ops (index = seq - first_seq), filled on
    // first use, per format; and of the snapshot.
    std::vector<std::shared_ptr<const std::string>> binary_frames_, json_frames_;
    std::string board_snapshot_;  // Board::snapshot() at log_->snapshot_seq()
    // Recent OpBatch frames by (first seq, count): members in step share them.
    std::map<std::pair<std::uint64_t, std::size_t>, std::shared_ptr<const std::string>> batch_frames_;
    std::shared_ptr<const std::string> snapshot_binary_, snapshot_json_;

    // Shared boards: ops delivered ahead of a gap, by seq; the people on
    // other processes, by process; whether ops are taken.
    std::map<std::uint64_t, SequencedOp> ahead_;
    struct RemoteRoster {
        std::vector<PeerPresence> people;
        std::chrono::steady_clock::time_point heard;
    };
    std::map<std::string, RemoteRoster> remote_rosters_;
    ServiceStatus status_;
};

}  // namespace squiggle::server
