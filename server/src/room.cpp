#include "room.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include "log.hpp"
#include "squiggle/codec.hpp"

namespace squiggle::server {

Room::Room(std::string board_id, std::unique_ptr<BoardLog> log)
    : board_id_(std::move(board_id)), log_(std::move(log)) {}

Room::JoinResult Room::join(const std::shared_ptr<RoomMember>& member, std::uint64_t author, std::string name) {
    PeerPresence joined{author, std::move(name), 0, PeerState::kJoined};
    std::vector<PeerPresence> already_here;
    {
        std::lock_guard lock(mutex_);
        for (const Member& m : members_) {
            if (m.author == author && !m.member.expired()) return {false, 0, ErrorCode::kAuthorInUse};
        }
        for (const Member& m : members_) already_here.push_back(m.presence);
        members_.push_back({member, member.get(), author, joined});
    }
    JoinResult result{true, head_seq(), ErrorCode::kAuthorInUse};
    // The newcomer learns who is here; everyone else learns of the newcomer.
    for (const PeerPresence& p : already_here) member->on_peer_update(ServerMessage{p});
    send_to_others(member.get(), ServerMessage{joined});
    announce_participants();
    return result;
}

void Room::leave(const RoomMember* member) {
    std::optional<PeerPresence> left;
    {
        std::lock_guard lock(mutex_);
        for (const Member& m : members_) {
            if (m.key == member) left = m.presence;
        }
        std::erase_if(members_, [&](const Member& m) { return m.key == member; });
    }
    if (left) {
        left->state = PeerState::kLeft;
        send_to_others(member, ServerMessage{*left});
    }
    announce_participants();
}

void Room::relay(const RoomMember* from, const Cursor& cursor) {
    std::uint64_t author = 0;
    {
        std::lock_guard lock(mutex_);
        for (const Member& m : members_) {
            if (m.key == from) author = m.author;
        }
    }
    if (author != 0) send_to_others(from, ServerMessage{PeerCursor{author, cursor.position}});
}

void Room::relay(const RoomMember* from, const PresenceUpdate& presence) {
    std::optional<PeerPresence> update;
    {
        std::lock_guard lock(mutex_);
        for (Member& m : members_) {
            if (m.key != from) continue;
            m.presence.name = presence.name;
            m.presence.color = presence.color;
            m.presence.state = presence.idle ? PeerState::kIdle : PeerState::kActive;
            update = m.presence;
        }
    }
    if (update) send_to_others(from, ServerMessage{*update});
}

void Room::relay(const RoomMember* from, const Viewport& viewport) {
    std::uint64_t author = 0;
    {
        std::lock_guard lock(mutex_);
        for (const Member& m : members_) {
            if (m.key == from) author = m.author;
        }
    }
    if (author != 0) send_to_others(from, ServerMessage{PeerViewport{author, viewport}});
}

void Room::send_to_others(const RoomMember* from, const ServerMessage& update) {
    std::vector<std::shared_ptr<RoomMember>> others;
    {
        std::lock_guard lock(mutex_);
        others = live_members_locked(from);
    }
    for (const auto& m : others) m->on_peer_update(update);
}

Room::SubmitResult Room::submit(std::uint64_t author, std::uint64_t client_op_id, Op op) {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    std::uint64_t seq = 0;
    {
        std::lock_guard lock(mutex_);
        const std::uint64_t next_seq = log_->ops().size() + 1;
        std::visit(
            [&](auto& o) {
                if constexpr (requires { o.id; }) {
                    if (o.id == ObjectId{}) o.id = {author, kServerAssignedCounter | next_seq};
                }
            },
            op);
        const auto now = std::chrono::system_clock::now().time_since_epoch();
        SequencedOp sequenced{log_->ops().size() + 1, author, client_op_id,
                              std::chrono::duration_cast<std::chrono::milliseconds>(now).count(), op};
        // Stored first: nobody, the author included, hears of an op that a
        // crash could still lose.
        if (const std::error_code ec = log_->append(sequenced)) {
            log_error("board " + board_id_ + ": storing seq " + std::to_string(sequenced.seq) +
                      " failed: " + ec.message());
            return {0, ErrorCode::kStorageFailure, "the op could not be stored: " + ec.message()};
        }
        seq = sequenced.seq;
        to_notify = live_members_locked();
    }
    for (const auto& m : to_notify) m->on_log_grew();
    return {seq, ErrorCode::kStorageFailure, {}};
}

std::uint64_t Room::head_seq() const {
    std::lock_guard lock(mutex_);
    return log_->ops().size();
}

std::uint32_t Room::participants() const {
    std::lock_guard lock(mutex_);
    return static_cast<std::uint32_t>(members_.size());
}

std::shared_ptr<const std::string> Room::frame(std::uint64_t seq, FrameFormat format) {
    std::lock_guard lock(mutex_);
    const auto& ops = log_->ops();
    if (seq == 0 || seq > ops.size()) return nullptr;
    auto& cache = format == FrameFormat::kBinary ? binary_frames_ : json_frames_;
    if (cache.size() < ops.size()) cache.resize(ops.size());
    auto& slot = cache[seq - 1];
    if (!slot) slot = std::make_shared<const std::string>(encode(ServerMessage{OpEvent{ops[seq - 1]}}, format));
    return slot;
}

std::vector<std::shared_ptr<RoomMember>> Room::live_members_locked(const RoomMember* except) {
    std::vector<std::shared_ptr<RoomMember>> live;
    live.reserve(members_.size());
    for (const Member& m : members_) {
        if (m.key == except) continue;
        if (auto p = m.member.lock()) live.push_back(std::move(p));
    }
    return live;
}

void Room::announce_participants() {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    std::uint32_t count = 0;
    {
        std::lock_guard lock(mutex_);
        to_notify = live_members_locked();
        count = static_cast<std::uint32_t>(members_.size());
    }
    for (const auto& m : to_notify) m->on_participants_changed(count);
}

}  // namespace squiggle::server
