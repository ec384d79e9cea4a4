#include "room.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <algorithm>
#include <chrono>
#include <optional>
#include <sstream>

#include "log.hpp"
#include "metrics.hpp"

namespace squiggle::server {
namespace {

// Compares secrets without revealing, through timing, how much of them matched.
bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A created object that came without an id ({0, 0}, as JSON clients may
// send) gets one made of its author and seq: unique, and the same on every
// process that applies the op.
void assign_server_ids(SequencedOp& sequenced) {
    std::visit(
        [&](auto& o) {
            if constexpr (requires { o.id; }) {
                if (o.id == ObjectId{}) o.id = {sequenced.author, Room::kServerAssignedCounter | sequenced.seq};
            }
        },
        sequenced.op);
}

}  // namespace

Room::Room(std::string board_id, std::unique_ptr<BoardLog> log, RoomSettings settings)
    : board_id_(std::move(board_id)), settings_(std::move(settings)), log_(std::move(log)) {}

std::shared_ptr<Room> Room::open(std::string board_id, std::unique_ptr<BoardLog> log, RoomSettings settings) {
    auto room = std::shared_ptr<Room>(new Room(std::move(board_id), std::move(log), std::move(settings)));
    // The store's snapshot holds the board and who has sent which ops.
    if (!room->log_->snapshot().empty()) {
        try {
            std::istringstream in(room->log_->snapshot());
            cereal::PortableBinaryInputArchive ar(in);
            ar(room->board_snapshot_, room->last_client_op_);
        } catch (const std::exception& e) {
            log_error("board " + room->board_id_ + ": unreadable snapshot: " + e.what());
            return nullptr;
        }
        auto board = Board::from_snapshot(room->board_snapshot_);
        if (!board || board->head_seq() != room->log_->snapshot_seq()) {
            log_error("board " + room->board_id_ + ": snapshot does not hold a board at seq " +
                      std::to_string(room->log_->snapshot_seq()));
            return nullptr;
        }
        room->board_ = std::move(*board);
    }
    for (const SequencedOp& op : room->log_->ops()) {
        if (op.seq <= room->board_.head_seq()) continue;  // already in the snapshot
        room->board_.apply(op);
        auto& last = room->last_client_op_[op.author];
        last = std::max(last, op.client_op_id);
    }
    room->appended_seq_ = room->durable_seq_ = room->board_.head_seq();
    return room;
}

Room::JoinResult Room::join(const std::shared_ptr<RoomMember>& member, std::uint64_t author, std::string name,
                            const std::string& key) {
    JoinResult result;
    PeerPresence joined{author, std::move(name), 0, PeerState::kJoined};
    std::vector<PeerPresence> already_here;
    {
        std::lock_guard lock(mutex_);
        auto access = log_->access();
        if (!access) {
            // The first visitor of a new board brings its edit key; the view
            // key is made here and shown to editors only.
            if (key.empty()) return {false, ErrorCode::kBadKey, "this board link has no key"};
            BoardAccess fresh{key, settings_.make_key()};
            if (const std::error_code ec = log_->set_access(fresh)) {
                log_error("board " + board_id_ + ": storing its keys failed: " + ec.message());
                return {false, ErrorCode::kStorageFailure, "the board cannot be created right now"};
            }
            access = fresh;
            log_info("board " + board_id_ + ": created");
        }
        if (same_secret(key, access->edit_key)) {
            result.role = Role::kEditor;
            result.view_key = access->view_key;
        } else if (same_secret(key, access->view_key)) {
            result.role = Role::kViewer;
        } else {
            return {false, ErrorCode::kBadKey, "the key in this board link is not valid for this board"};
        }
        for (const Member& m : members_) {
            if (m.author == author && !m.member.expired()) {
                return {false, ErrorCode::kAuthorInUse, "another connection on this board uses the same author id"};
            }
        }
        for (const Member& m : members_) already_here.push_back(m.presence);
        for (const auto& [process, roster] : remote_rosters_) {
            already_here.insert(already_here.end(), roster.people.begin(), roster.people.end());
        }
        members_.push_back({member, member.get(), author, joined});
        result.ok = true;
        result.head_seq = durable_seq_;
        result.first_seq = log_->first_seq();
        result.status = status_;
    }
    if (settings_.shared) settings_.shared->publish_roster(board_id_, local_roster());
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
        if (settings_.shared) settings_.shared->publish_roster(board_id_, local_roster());
    }
    announce_participants();
    if (settings_.shared && participants_of_this_process() == 0) settings_.shared->room_idle(board_id_);
}

std::size_t Room::participants_of_this_process() const {
    std::lock_guard lock(mutex_);
    return members_.size();
}

template <class Remember>
std::uint64_t Room::remember_locked(const RoomMember* from, Remember remember) {
    for (Member& m : members_) {
        if (m.key != from) continue;
        remember(m);
        return m.author;
    }
    return 0;
}

void Room::relay(const RoomMember* from, const Cursor& cursor) {
    std::uint64_t author = 0;
    {
        std::lock_guard lock(mutex_);
        author = remember_locked(from, [&](Member& m) { m.cursor = cursor.position; });
    }
    if (author) send_to_others(from, ServerMessage{PeerCursor{author, cursor.position}});
}

void Room::relay(const RoomMember* from, const Viewport& viewport) {
    std::uint64_t author = 0;
    {
        std::lock_guard lock(mutex_);
        author = remember_locked(from, [&](Member& m) { m.viewport = viewport; });
    }
    if (author) send_to_others(from, ServerMessage{PeerViewport{author, viewport}});
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

void Room::send_to_others(const RoomMember* from, const ServerMessage& update) {
    std::vector<std::shared_ptr<RoomMember>> others;
    {
        std::lock_guard lock(mutex_);
        others = live_members_locked(from);
    }
    for (const auto& m : others) m->on_peer_update(update);
    // A local member's update also goes to the board's other processes
    // (joins and leaves travel as rosters instead).
    const bool local_change = from != nullptr && !(std::holds_alternative<PeerPresence>(update) &&
                                                   (std::get<PeerPresence>(update).state == PeerState::kJoined ||
                                                    std::get<PeerPresence>(update).state == PeerState::kLeft));
    if (settings_.shared && local_change) settings_.shared->publish_peer(board_id_, update);
}

void Room::submit(std::uint64_t author, std::uint64_t client_op_id, Op op, std::function<void(SubmitResult)> done) {
    if (!settings_.shared) {
        done(submit_locally(author, client_op_id, std::move(op)));
        return;
    }
    ServiceStatus status;
    {
        std::lock_guard lock(mutex_);
        status = status_;
    }
    if (!status.writable) {
        done({SubmitResult::Outcome::kFailed, 0, ErrorCode::kUnavailable, status.reason});
        return;
    }
    SequencedOp draft{0, author, client_op_id, now_ms(), std::move(op)};
    const auto started = std::chrono::steady_clock::now();
    settings_.shared->order(board_id_, draft,
                            [self = shared_from_this(), draft, started, done = std::move(done)](
                                SharedBoard::Outcome outcome) mutable {
                                SubmitResult result;
                                switch (outcome.kind) {
                                    case SharedBoard::Outcome::Kind::kOrdered:
                                        if (!self->may_hold(outcome.seq, draft)) {
                                            // The shared log went backwards: Redis lost its data
                                            // (no append-only file?). Say so rather than hang.
                                            log_error("board " + self->board_id_ + ": redis gave seq " +
                                                      std::to_string(outcome.seq) +
                                                      ", which holds another op here; redis has lost data "
                                                      "(run it with appendonly yes)");
                                            result.error = ErrorCode::kStorageFailure;
                                            result.reason = "the board's storage lost its history; this op was not applied";
                                            break;
                                        }
                                        if (self->settings_.metrics) {
                                            self->settings_.metrics->observe_append(std::chrono::steady_clock::now() - started);
                                        }
                                        draft.seq = outcome.seq;
                                        self->deliver(std::move(draft));
                                        result.outcome = SubmitResult::Outcome::kOrdered;
                                        result.seq = outcome.seq;
                                        break;
                                    case SharedBoard::Outcome::Kind::kDuplicate:
                                        result.outcome = SubmitResult::Outcome::kDuplicate;
                                        break;
                                    case SharedBoard::Outcome::Kind::kUnavailable:
                                        result.error = ErrorCode::kUnavailable;
                                        result.reason = outcome.reason;
                                        break;
                                    case SharedBoard::Outcome::Kind::kFailed:
                                        result.error = ErrorCode::kStorageFailure;
                                        result.reason = "the op could not be stored: " + outcome.reason;
                                        break;
                                }
                                done(std::move(result));
                            });
}

Room::SubmitResult Room::submit_locally(std::uint64_t author, std::uint64_t client_op_id, Op op) {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    SubmitResult result;
    bool needs_sync = false;
    {
        std::lock_guard lock(mutex_);
        auto& last = last_client_op_[author];
        if (client_op_id != 0 && client_op_id <= last) {
            result.outcome = SubmitResult::Outcome::kDuplicate;
            return result;
        }
        const std::uint64_t seq = appended_seq_ + 1;
        SequencedOp sequenced{seq, author, client_op_id, now_ms(), std::move(op)};
        assign_server_ids(sequenced);
        // Stored first: nobody, the author included, hears of an op that a
        // crash could still lose.
        const auto started = std::chrono::steady_clock::now();
        if (const std::error_code ec = log_->append(sequenced)) {
            log_error("board " + board_id_ + ": storing seq " + std::to_string(seq) + " failed: " + ec.message());
            result.reason = "the op could not be stored: " + ec.message();
            return result;
        }
        if (settings_.metrics) settings_.metrics->observe_append(std::chrono::steady_clock::now() - started);
        board_.apply(sequenced);
        last = std::max(last, client_op_id);
        appended_seq_ = seq;
        result.outcome = SubmitResult::Outcome::kOrdered;
        result.seq = seq;
        if (settings_.fsync == FsyncPolicy::kBatch) {
            needs_sync = true;
        } else {
            to_notify = mark_durable_locked();
        }
    }
    if (needs_sync && settings_.request_sync) settings_.request_sync(shared_from_this());
    for (const auto& m : to_notify) m->on_log_grew();
    return result;
}

void Room::sync() {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    {
        std::lock_guard lock(mutex_);
        if (durable_seq_ == appended_seq_) return;
        const auto started = std::chrono::steady_clock::now();
        if (const std::error_code ec = log_->sync()) {
            // Not durable, so not acknowledged: members hear nothing of these
            // ops until a later sync succeeds.
            log_error("board " + board_id_ + ": fsync failed: " + ec.message());
            return;
        }
        if (settings_.metrics) settings_.metrics->observe_sync(std::chrono::steady_clock::now() - started);
        to_notify = mark_durable_locked();
    }
    for (const auto& m : to_notify) m->on_log_grew();
}

std::vector<std::shared_ptr<RoomMember>> Room::mark_durable_locked() {
    durable_seq_ = appended_seq_;
    maybe_compact_locked();
    return live_members_locked();
}

std::string Room::snapshot_payload_locked() const {
    std::ostringstream out;
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(board_snapshot_, last_client_op_);
    }
    return std::move(out).str();
}

void Room::maybe_compact_locked() {
    if (durable_seq_ != appended_seq_ || durable_seq_ - log_->snapshot_seq() < settings_.snapshot_every) return;
    // Everything appended is durable and applied: the board is at durable_seq_.
    std::string previous = std::move(board_snapshot_);
    board_snapshot_ = board_.snapshot();
    const std::size_t dropped = log_->ops().size();
    const std::uint64_t keep_after = durable_seq_ > settings_.log_retain ? durable_seq_ - settings_.log_retain : 0;
    std::string payload = snapshot_payload_locked();
    if (settings_.shared) settings_.shared->offer_snapshot(board_id_, durable_seq_, payload, keep_after);
    if (const std::error_code ec = log_->compact(durable_seq_, std::move(payload), keep_after)) {
        log_warn("board " + board_id_ + ": compaction failed (" + ec.message() + "); the log keeps growing");
        if (log_->snapshot_seq() != durable_seq_) board_snapshot_ = std::move(previous);
        return;
    }
    const std::size_t kept = log_->ops().size();
    // Frames of dropped ops are no longer served.
    for (auto* cache : {&binary_frames_, &json_frames_}) {
        if (cache->size() > dropped - kept) cache->erase(cache->begin(), cache->begin() + static_cast<long>(dropped - kept));
        else cache->clear();
    }
    snapshot_binary_.reset();
    snapshot_json_.reset();
    if (settings_.metrics) settings_.metrics->compactions.fetch_add(1, std::memory_order_relaxed);
}

bool Room::may_hold(std::uint64_t seq, const SequencedOp& draft) const {
    std::lock_guard lock(mutex_);
    // Not applied yet, or compacted away: nothing says otherwise.
    if (seq > appended_seq_ || seq < log_->first_seq()) return true;
    const SequencedOp& held = log_->ops()[static_cast<std::size_t>(seq - log_->first_seq())];
    return held.author == draft.author && held.client_op_id == draft.client_op_id &&
           held.server_time_ms == draft.server_time_ms;
}

std::uint64_t Room::head_seq() const {
    std::lock_guard lock(mutex_);
    return durable_seq_;
}

std::uint64_t Room::first_seq() const {
    std::lock_guard lock(mutex_);
    return log_->first_seq();
}

std::uint32_t Room::participants() const {
    std::lock_guard lock(mutex_);
    return participants_locked();
}

std::uint32_t Room::participants_locked() const {
    std::size_t count = members_.size();
    for (const auto& [process, roster] : remote_rosters_) count += roster.people.size();
    return static_cast<std::uint32_t>(count);
}

std::uint64_t Room::state_hash() const {
    std::lock_guard lock(mutex_);
    return board_.state_hash();
}

std::shared_ptr<const std::string> Room::frame(std::uint64_t seq, FrameFormat format) {
    std::lock_guard lock(mutex_);
    const std::uint64_t first = log_->first_seq();
    if (seq < first || seq > durable_seq_) return nullptr;
    const auto& ops = log_->ops();
    const std::size_t index = static_cast<std::size_t>(seq - first);
    auto& cache = format == FrameFormat::kBinary ? binary_frames_ : json_frames_;
    if (cache.size() < ops.size()) cache.resize(ops.size());
    auto& slot = cache[index];
    if (!slot) slot = std::make_shared<const std::string>(encode(ServerMessage{OpEvent{ops[index]}}, format));
    return slot;
}

std::shared_ptr<const std::string> Room::batch_frame(std::uint64_t first, std::size_t max, std::size_t& count) {
    std::lock_guard lock(mutex_);
    const std::uint64_t oldest = log_->first_seq();
    count = 0;
    if (first < oldest || first > durable_seq_) return nullptr;
    count = static_cast<std::size_t>(std::min<std::uint64_t>(max, durable_seq_ - first + 1));
    auto& slot = batch_frames_[{first, count}];
    if (!slot) {
        const auto& ops = log_->ops();
        const std::size_t begin = static_cast<std::size_t>(first - oldest);
        OpBatch batch;
        batch.ops.assign(ops.begin() + static_cast<long>(begin), ops.begin() + static_cast<long>(begin + count));
        slot = std::make_shared<const std::string>(encode(ServerMessage{std::move(batch)}, FrameFormat::kBinary));
        // Only batches near the head are asked for again; older ones go.
        while (batch_frames_.size() > 64) batch_frames_.erase(batch_frames_.begin());
    }
    return slot;
}

std::shared_ptr<const std::string> Room::snapshot_frame(FrameFormat format, std::uint64_t& seq) {
    std::lock_guard lock(mutex_);
    seq = log_->snapshot_seq();
    auto& slot = format == FrameFormat::kBinary ? snapshot_binary_ : snapshot_json_;
    if (!slot) slot = std::make_shared<const std::string>(encode(ServerMessage{BoardSnapshot{seq, board_snapshot_}}, format));
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
        count = participants_locked();
    }
    for (const auto& m : to_notify) m->on_participants_changed(count);
}

// ---- shared boards ----

void Room::deliver(SequencedOp op) {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    bool gap = false;
    {
        std::lock_guard lock(mutex_);
        if (op.seq <= appended_seq_) return;  // had it already (pub/sub and the reply both bring it)
        const std::uint64_t before = appended_seq_;
        const std::uint64_t seq = op.seq;
        ahead_.emplace(seq, std::move(op));
        while (!ahead_.empty() && ahead_.begin()->first == appended_seq_ + 1) {
            auto node = ahead_.extract(ahead_.begin());
            apply_delivered_locked(std::move(node.mapped()));
        }
        if (appended_seq_ != before) to_notify = mark_durable_locked();
        gap = !ahead_.empty();
    }
    // Pub/sub may lose messages: nothing past a gap is served until it is filled.
    if (gap && settings_.shared) settings_.shared->fill_gap(board_id_);
    for (const auto& m : to_notify) m->on_log_grew();
}

void Room::apply_delivered_locked(SequencedOp op) {
    assign_server_ids(op);
    if (const std::error_code ec = log_->append(op)) {
        log_error("board " + board_id_ + ": keeping seq " + std::to_string(op.seq) + " failed: " + ec.message());
    }
    board_.apply(op);
    auto& last = last_client_op_[op.author];
    last = std::max(last, op.client_op_id);
    appended_seq_ = op.seq;
}

void Room::receive_remote_peer(const ServerMessage& update) {
    if (const auto* presence = std::get_if<PeerPresence>(&update)) {
        // Newcomers are told the current name and colour, not the first ones.
        std::lock_guard lock(mutex_);
        for (auto& [process, roster] : remote_rosters_) {
            for (PeerPresence& p : roster.people) {
                if (p.author == presence->author) p = *presence;
            }
        }
    }
    send_to_others(nullptr, update);
}

void Room::receive_roster(const std::string& process, std::vector<PeerPresence> roster) {
    std::vector<PeerPresence> changes;
    bool count_changed = false;
    {
        std::lock_guard lock(mutex_);
        auto it = remote_rosters_.find(process);
        const std::vector<PeerPresence> before = it == remote_rosters_.end() ? std::vector<PeerPresence>{} : it->second.people;
        auto has = [](const std::vector<PeerPresence>& people, std::uint64_t author) {
            return std::any_of(people.begin(), people.end(), [&](const PeerPresence& p) { return p.author == author; });
        };
        for (const PeerPresence& p : roster) {
            if (!has(before, p.author)) changes.push_back(p);
        }
        for (PeerPresence p : before) {
            if (has(roster, p.author)) continue;
            p.state = PeerState::kLeft;
            changes.push_back(p);
        }
        count_changed = before.size() != roster.size();
        if (roster.empty()) {
            if (it != remote_rosters_.end()) remote_rosters_.erase(it);
        } else {
            remote_rosters_[process] = {std::move(roster), std::chrono::steady_clock::now()};
        }
    }
    for (const PeerPresence& p : changes) send_to_others(nullptr, ServerMessage{p});
    if (count_changed || !changes.empty()) announce_participants();
}

void Room::expire_rosters(std::chrono::steady_clock::time_point cutoff) {
    std::vector<std::string> silent;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [process, roster] : remote_rosters_) {
            if (roster.heard < cutoff) silent.push_back(process);
        }
    }
    for (const std::string& process : silent) {
        log_info("board " + board_id_ + ": process " + process + " went silent; its people left");
        receive_roster(process, {});
    }
}

std::vector<PeerPresence> Room::local_roster() const {
    std::lock_guard lock(mutex_);
    std::vector<PeerPresence> people;
    for (const Member& m : members_) people.push_back(m.presence);
    return people;
}

void Room::set_status(const ServiceStatus& status) {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    {
        std::lock_guard lock(mutex_);
        if (status_.writable == status.writable) return;
        status_ = status;
        to_notify = live_members_locked();
    }
    for (const auto& m : to_notify) m->on_status(status);
    if (status.writable) republish_presence();
}

void Room::republish_presence() {
    if (!settings_.shared) return;
    std::vector<ServerMessage> updates;
    {
        std::lock_guard lock(mutex_);
        for (const Member& m : members_) {
            if (m.presence.state != PeerState::kJoined) updates.push_back(ServerMessage{m.presence});
            if (m.cursor) updates.push_back(ServerMessage{PeerCursor{m.author, *m.cursor}});
            if (m.viewport) updates.push_back(ServerMessage{PeerViewport{m.author, *m.viewport}});
        }
    }
    settings_.shared->publish_roster(board_id_, local_roster());
    for (const ServerMessage& update : updates) settings_.shared->publish_peer(board_id_, update);
}

void Room::close_all() {
    std::vector<std::shared_ptr<RoomMember>> to_notify;
    {
        std::lock_guard lock(mutex_);
        to_notify = live_members_locked();
    }
    for (const auto& m : to_notify) m->on_room_closed();
}

}  // namespace squiggle::server
