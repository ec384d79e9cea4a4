#pragma once
// A room is one board while anyone has it open: it assigns the board's
// gap-free sequence numbers, stores each op before anyone sees it, and tells
// its members that the log grew. Members pull ops from the room's log at their
// own pace (a cursor each), so a slow reader never makes the server buffer
// more for it.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "squiggle/codec.hpp"
#include "store/board_store.hpp"

namespace squiggle::server {

// What a room needs from a connection. Called from any thread: implementations
// hop onto their own strand.
class RoomMember {
public:
    virtual ~RoomMember() = default;
    // The log has ops past what this member has been sent.
    virtual void on_log_grew() = 0;
    // The number of people on the board changed.
    virtual void on_participants_changed(std::uint32_t participants) = 0;
    // Another member's cursor, presence or viewport (ephemeral, never logged).
    virtual void on_peer_update(const ServerMessage& update) = 0;
};

class Room {
public:
    Room(std::string board_id, std::unique_ptr<BoardLog> log);

    const std::string& board_id() const { return board_id_; }

    struct JoinResult {
        bool ok = false;
        std::uint64_t head_seq = 0;
        ErrorCode error = ErrorCode::kAuthorInUse;
    };
    JoinResult join(const std::shared_ptr<RoomMember>& member, std::uint64_t author, std::string name);
    void leave(const RoomMember* member);

    // Relays a member's ephemeral update to everyone else on the board.
    void relay(const RoomMember* from, const Cursor& cursor);
    void relay(const RoomMember* from, const PresenceUpdate& presence);
    void relay(const RoomMember* from, const Viewport& viewport);

    struct SubmitResult {
        std::uint64_t seq = 0;  // 0 = refused
        ErrorCode error = ErrorCode::kStorageFailure;
        std::string reason;
    };
    // Orders, stores and publishes one validated op by `author`. A created
    // object without an id ({0, 0}, as JSON clients may send) gets
    // {author, kServerAssignedCounter | seq}, unique on the board.
    SubmitResult submit(std::uint64_t author, std::uint64_t client_op_id, Op op);
    static constexpr std::uint64_t kServerAssignedCounter = std::uint64_t{1} << 63;

    std::uint64_t head_seq() const;
    std::uint32_t participants() const;

    // The encoded OpEvent frame of `seq` (1 <= seq <= head_seq()), shared by
    // every member that sends it.
    std::shared_ptr<const std::string> frame(std::uint64_t seq, FrameFormat format);

private:
    struct Member {
        std::weak_ptr<RoomMember> member;
        const RoomMember* key;
        std::uint64_t author;
        PeerPresence presence;
    };
    std::vector<std::shared_ptr<RoomMember>> live_members_locked(const RoomMember* except = nullptr);
    void announce_participants();
    void send_to_others(const RoomMember* from, const ServerMessage& update);

    const std::string board_id_;
    mutable std::mutex mutex_;
    std::unique_ptr<BoardLog> log_;
    std::vector<Member> members_;
    // Encoded frames by seq - 1, filled on first use, per format.
    std::vector<std::shared_ptr<const std::string>> binary_frames_;
    std::vector<std::shared_ptr<const std::string>> json_frames_;
};

}  // namespace squiggle::server
