#include "redis/redis_hub.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/vector.hpp>
#include <random>
#include <sstream>

#include "log.hpp"
#include "metrics.hpp"
#include "redis/redis_scripts.hpp"
#include "store/memory_board_log.hpp"

namespace squiggle::server {

namespace net = boost::asio;

namespace {

// Presence of a process nobody has heard of for this long is dropped.
constexpr auto kHeartbeat = std::chrono::seconds(5);
constexpr auto kRosterExpiry = std::chrono::seconds(16);
// Pub/sub and script replies arrive on two connections: give a message a
// moment to arrive before reading a gap from the stream.
constexpr auto kGapGrace = std::chrono::milliseconds(20);
constexpr const char* kSnapshotLockMs = "30000";

std::string key(const std::string& board_id, const char* part) { return "squiggle:{" + board_id + "}:" + part; }

std::string board_of_channel(const std::string& channel) {
    const std::string prefix = "squiggle:{", suffix = "}:ch";
    if (channel.size() <= prefix.size() + suffix.size() || channel.rfind(prefix, 0) != 0) return {};
    return channel.substr(prefix.size(), channel.size() - prefix.size() - suffix.size());
}

std::string random_process_id() {
    std::random_device device;
    std::ostringstream out;
    out << std::hex << device() << device();
    return out.str();
}

template <class T>
std::string to_bytes(const T& value) {
    std::ostringstream out;
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(value);
    }
    return std::move(out).str();
}

template <class T>
bool from_bytes(const std::string& bytes, T& value) {
    try {
        std::istringstream in(bytes);
        cereal::PortableBinaryInputArchive ar(in);
        ar(value);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

bool parse_u64(const std::string& text, std::uint64_t& out) {
    if (text.empty() || text.size() > 20) return false;
    std::uint64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    out = v;
    return true;
}

// One XRANGE entry, [id, [field, value]], back to the op it holds.
bool op_of_entry(const RedisReply& entry, SequencedOp& op) {
    if (entry.type != RedisReply::Type::kArray || entry.elements.size() != 2) return false;
    const std::string& id = entry.elements[0].str;
    const auto& fields = entry.elements[1].elements;
    std::uint64_t seq = 0;
    if (!parse_u64(id.substr(0, id.find('-')), seq) || fields.size() != 2) return false;
    if (!from_bytes(fields[1].str, op)) return false;
    op.seq = seq;
    return true;
}

// The 128-bit key generator of the room settings, for view keys of new boards.
std::string fresh_view_key(const RoomSettings& settings) { return settings.make_key ? settings.make_key() : ""; }

}  // namespace

RedisHub::RedisHub(net::io_context& ioc, const RedisAddress& address, RoomSettings settings)
    : ioc_(ioc),
      strand_(net::make_strand(ioc)),
      settings_(std::move(settings)),
      process_id_(random_process_id()),
      heartbeat_timer_(strand_) {
    settings_.shared = this;
    // Callbacks hop onto the hub's strand; the hub outlives both connections'
    // event loop (the server stops the loop before destroying it).
    commands_ = std::make_shared<RedisConnection>(
        ioc, address, "commands", false,
        RedisConnection::Callbacks{
            [this] { net::post(strand_, [this] { on_commands_up(); }); },
            [this](const std::string& why) { net::post(strand_, [this, why] { on_commands_down(why); }); },
            nullptr, nullptr});
    subscriber_ = std::make_shared<RedisConnection>(
        ioc, address, "pubsub", true,
        RedisConnection::Callbacks{
            nullptr, nullptr,
            [this](const std::string& channel, std::string payload) {
                net::post(strand_, [this, channel, payload = std::move(payload)]() mutable {
                    on_message(channel, std::move(payload));
                });
            },
            [this](const std::string& channel) { net::post(strand_, [this, channel] { on_subscribed(channel); }); }});
}

RedisHub::~RedisHub() = default;

void RedisHub::start() {
    log_info("redis: this process is " + process_id_);
    commands_->start();
    subscriber_->start();
    net::post(strand_, [this] { heartbeat(); });
}

void RedisHub::stop() {
    net::post(strand_, [this] { heartbeat_timer_.cancel(); });
    commands_->stop();
    subscriber_->stop();
}

std::string RedisHub::lost_reason() const {
    return "the board's storage (Redis) is unreachable; drawing is paused and nothing is lost";
}

// ---- connection state ----

void RedisHub::on_commands_up() {
    set_writable(true, "");
    resolve_in_doubt();
    // Whatever was ordered while we could not hear it is in the streams.
    for (const auto& [board_id, board] : boards_) {
        if (!board.room.expired()) catch_up(board_id);
    }
}

void RedisHub::on_commands_down(const std::string& why) {
    log_warn("redis: lost (" + why + "); boards are read-only until it is back");
    set_writable(false, lost_reason());
}

void RedisHub::set_writable(bool writable, const std::string& reason) {
    writable_ = writable;
    if (settings_.metrics) settings_.metrics->redis_up.store(writable ? 1 : 0);
    for (const auto& [board_id, board] : boards_) {
        if (auto room = board.room.lock()) room->set_status({writable, reason});
    }
}

// ---- opening boards ----

void RedisHub::acquire(const std::string& board_id, const std::string& link_key, Opened done) {
    net::post(strand_, [this, board_id, link_key, done = std::move(done)]() mutable {
        if (link_key.empty()) {
            // Every board has keys, and no key matches an empty one.
            done(nullptr, ErrorCode::kBadKey, "this board link has no key");
            return;
        }
        Board& board = boards_[board_id];
        if (auto room = board.room.lock()) {
            done(std::move(room), ErrorCode::kStorageFailure, "");
            return;
        }
        board.waiters.push_back(std::move(done));
        if (board.loading) return;
        if (!writable_) {
            fail_waiters(board, ErrorCode::kUnavailable, lost_reason());
            forget(board_id);
            return;
        }
        board.loading = true;
        board.early.clear();
        board.subscribed = false;
        // Subscribed before reading the stream, so no op falls in between;
        // once the subscription is confirmed, a catch-up closes any gap.
        subscriber_->subscribe(key(board_id, "ch"));
        run_script(redis_scripts::kLoad,
                   {key(board_id, "keys"), key(board_id, "snap"), key(board_id, "log"), key(board_id, "seq"), link_key,
                    fresh_view_key(settings_)},
                   4, [this, board_id](RedisReply reply) {
                       net::post(strand_, [this, board_id, reply = std::move(reply)] { finish_load(board_id, reply); });
                   });
    });
}

void RedisHub::finish_load(const std::string& board_id, const RedisReply& reply) {
    auto it = boards_.find(board_id);
    if (it == boards_.end()) return;
    Board& board = it->second;
    board.loading = false;
    if (reply.is_error()) {
        log_error("board " + board_id + ": loading from redis failed: " + reply.str);
        fail_waiters(board, reply.from_server ? ErrorCode::kStorageFailure : ErrorCode::kUnavailable,
                     reply.from_server ? "the board cannot be opened right now" : lost_reason());
        forget(board_id);
        return;
    }
    const auto& e = reply.elements;
    if (e.empty() || e[0].integer == 0) {
        fail_waiters(board, ErrorCode::kBadKey, "this board link has no key");
        forget(board_id);
        return;
    }
    std::uint64_t snapshot_seq = 0, head = 0;
    bool ok = e.size() == 7 && parse_u64(e[3].str, snapshot_seq) && parse_u64(e[5].str, head);
    std::vector<SequencedOp> ops;
    if (ok) {
        for (const RedisReply& entry : e[6].elements) {
            SequencedOp op;
            if (!op_of_entry(entry, op) || (!ops.empty() && op.seq != ops.back().seq + 1)) {
                ok = false;
                break;
            }
            ops.push_back(std::move(op));
        }
        // The stream must reach back to the snapshot and forward to the head.
        const std::uint64_t first = ops.empty() ? snapshot_seq + 1 : ops.front().seq;
        const std::uint64_t last = ops.empty() ? snapshot_seq : ops.back().seq;
        ok = ok && first <= snapshot_seq + 1 && last == head;
    }
    std::shared_ptr<Room> room;
    if (ok) {
        auto log = std::make_unique<MemoryBoardLog>(BoardAccess{e[1].str, e[2].str}, snapshot_seq,
                                                    snapshot_seq == 0 ? std::string() : e[4].str, std::move(ops));
        room = Room::open(board_id, std::move(log), settings_);
    }
    if (!room) {
        log_error("board " + board_id + ": what redis holds is not a readable board");
        fail_waiters(board, ErrorCode::kStorageFailure, "the board cannot be opened right now");
        forget(board_id);
        return;
    }
    room->set_status({writable_, writable_ ? "" : lost_reason()});
    board.room = room;
    board.counted = true;
    ++open_rooms_;
    for (SequencedOp& op : board.early) room->deliver(std::move(op));
    board.early.clear();
    if (board.subscribed) catch_up(board_id);
    // Ask the other processes on this board who is there.
    commands_->command({"PUBLISH", key(board_id, "ch"), "Q" + process_id_}, nullptr);
    auto waiters = std::move(board.waiters);
    board.waiters.clear();
    for (auto& done : waiters) done(room, ErrorCode::kStorageFailure, "");
}

void RedisHub::fail_waiters(Board& board, ErrorCode error, const std::string& reason) {
    auto waiters = std::move(board.waiters);
    board.waiters.clear();
    for (auto& done : waiters) done(nullptr, error, reason);
}

void RedisHub::forget(const std::string& board_id) {
    auto it = boards_.find(board_id);
    if (it == boards_.end() || it->second.loading || !it->second.waiters.empty()) return;
    if (!it->second.room.expired()) return;
    subscriber_->unsubscribe(key(board_id, "ch"));
    if (it->second.catch_up_timer) it->second.catch_up_timer->cancel();
    if (it->second.counted) --open_rooms_;
    boards_.erase(it);
}

void RedisHub::room_idle(const std::string& board_id) {
    // Posted, so the last session has let go of the room by the time it runs.
    net::post(strand_, [this, board_id] { forget(board_id); });
}

std::size_t RedisHub::open_rooms() { return open_rooms_.load(); }

// ---- ordering ----

void RedisHub::order(const std::string& board_id, const SequencedOp& draft, std::function<void(Outcome)> done) {
    SequencedOp record = draft;
    record.seq = 0;
    run_script(redis_scripts::kOrder,
               {key(board_id, "seq"), key(board_id, "log"), key(board_id, "dedup"), key(board_id, "ch"),
                std::to_string(draft.author), std::to_string(draft.client_op_id), to_bytes(record)},
               4,
               [this, board_id, author = draft.author, client_op_id = draft.client_op_id,
                done = std::move(done)](RedisReply reply) mutable {
                   if (reply.is_error() && reply.maybe_ran) {
                       // The script may have run: ask Redis once it is back.
                       net::post(strand_, [this, board_id, author, client_op_id, done = std::move(done)]() mutable {
                           in_doubt_.push_back({board_id, author, client_op_id, std::move(done)});
                       });
                       return;
                   }
                   if (reply.is_error()) {
                       done({reply.from_server ? Outcome::Kind::kFailed : Outcome::Kind::kUnavailable, 0,
                             reply.from_server ? reply.str : lost_reason()});
                       return;
                   }
                   if (reply.elements.size() != 2) {
                       done({Outcome::Kind::kFailed, 0, "unexpected answer from redis"});
                       return;
                   }
                   if (reply.elements[0].integer == 0) {
                       done({Outcome::Kind::kDuplicate, 0, ""});
                       return;
                   }
                   done({Outcome::Kind::kOrdered, static_cast<std::uint64_t>(reply.elements[1].integer), ""});
               });
}

void RedisHub::resolve_in_doubt() {
    auto pending = std::move(in_doubt_);
    in_doubt_.clear();
    for (InDoubt& op : pending) {
        if (op.client_op_id == 0) {
            op.done({Outcome::Kind::kFailed, 0, "the connection to storage broke while storing it; it may be on the board"});
            continue;
        }
        commands_->command({"HGET", key(op.board_id, "dedup"), std::to_string(op.author)},
                           [op = std::move(op)](RedisReply reply) mutable {
                               std::uint64_t last = 0;
                               if (reply.is_error()) {
                                   op.done({Outcome::Kind::kUnavailable, 0, reply.str});
                               } else if (parse_u64(reply.str, last) && op.client_op_id <= last) {
                                   // It was ordered: its OpEvent comes with the catch-up.
                                   op.done({Outcome::Kind::kDuplicate, 0, ""});
                               } else {
                                   op.done({Outcome::Kind::kUnavailable, 0, "not stored: storage was unreachable"});
                               }
                           });
    }
}

void RedisHub::run_script(const char* script, std::vector<std::string> keys_and_args, std::size_t key_count,
                          RedisConnection::ReplyHandler done) {
    // EVAL with the source each time: Redis keeps the compiled script by its
    // hash, and a restarted Redis needs no reloading.
    std::vector<std::string> args{"EVAL", script, std::to_string(key_count)};
    args.insert(args.end(), std::make_move_iterator(keys_and_args.begin()), std::make_move_iterator(keys_and_args.end()));
    commands_->command(std::move(args), std::move(done));
}

// ---- following boards ----

void RedisHub::on_subscribed(const std::string& channel) {
    const std::string board_id = board_of_channel(channel);
    auto it = boards_.find(board_id);
    if (it == boards_.end()) return;
    it->second.subscribed = true;
    // Also after a pub/sub reconnect: what was published meanwhile is lost
    // to us, but not to the stream. Presence is told afresh both ways: the
    // others may have missed ours while their own link was down.
    if (auto room = it->second.room.lock()) {
        catch_up(board_id);
        commands_->command({"PUBLISH", key(board_id, "ch"), "Q" + process_id_}, nullptr);
        room->republish_presence();
    }
}

void RedisHub::on_message(const std::string& channel, std::string payload) {
    const std::string board_id = board_of_channel(channel);
    auto it = boards_.find(board_id);
    if (it == boards_.end() || payload.empty()) return;
    Board& board = it->second;
    auto room = board.room.lock();
    const char kind = payload[0];
    if (kind == 'O') {
        // "O<seq> <op bytes>", published by the order script.
        const auto space = payload.find(' ');
        SequencedOp op;
        std::uint64_t seq = 0;
        if (space == std::string::npos || !parse_u64(payload.substr(1, space - 1), seq) ||
            !from_bytes(payload.substr(space + 1), op)) {
            log_warn("board " + board_id + ": unreadable op on the channel; reading the stream instead");
            if (room) schedule_catch_up(board_id, kGapGrace);
            return;
        }
        op.seq = seq;
        if (room) {
            room->deliver(std::move(op));
        } else if (board.loading) {
            board.early.push_back(std::move(op));
        }
        return;
    }
    // Presence traffic: "<kind><process id> <bytes>"; our own comes back too.
    const auto space = payload.find(' ');
    const std::string process = payload.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    if (process == process_id_ || !room) return;
    const std::string body = space == std::string::npos ? std::string() : payload.substr(space + 1);
    if (kind == 'Q') {
        room->republish_presence();
    } else if (kind == 'R') {
        std::vector<PeerPresence> roster;
        if (from_bytes(body, roster)) room->receive_roster(process, std::move(roster));
    } else if (kind == 'P') {
        auto decoded = decode_server(body, FrameFormat::kBinary);
        if (const auto* message = std::get_if<ServerMessage>(&decoded)) room->receive_remote_peer(*message);
    }
}

void RedisHub::fill_gap(const std::string& board_id) {
    net::post(strand_, [this, board_id] { schedule_catch_up(board_id, kGapGrace); });
}

void RedisHub::schedule_catch_up(const std::string& board_id, std::chrono::milliseconds delay) {
    auto it = boards_.find(board_id);
    if (it == boards_.end() || it->second.catch_up_scheduled) return;
    Board& board = it->second;
    board.catch_up_scheduled = true;
    if (!board.catch_up_timer) board.catch_up_timer = std::make_shared<net::steady_timer>(strand_);
    board.catch_up_timer->expires_after(delay);
    board.catch_up_timer->async_wait([this, board_id](const boost::system::error_code& ec) {
        if (ec) return;
        auto found = boards_.find(board_id);
        if (found == boards_.end()) return;
        found->second.catch_up_scheduled = false;
        catch_up(board_id);
    });
}

void RedisHub::catch_up(const std::string& board_id) {
    auto it = boards_.find(board_id);
    if (it == boards_.end()) return;
    auto room = it->second.room.lock();
    if (!room) return;
    const std::uint64_t head = room->head_seq();
    commands_->command(
        {"XRANGE", key(board_id, "log"), std::to_string(head + 1) + "-0", "+"},
        [this, board_id, head, weak = std::weak_ptr<Room>(room)](RedisReply reply) {
            auto current = weak.lock();
            if (!current || reply.is_error()) return;  // a reconnect catches up again
            std::vector<SequencedOp> ops;
            for (const RedisReply& entry : reply.elements) {
                SequencedOp op;
                if (op_of_entry(entry, op)) ops.push_back(std::move(op));
            }
            if (!ops.empty() && ops.front().seq > head + 1 && current->head_seq() < ops.front().seq - 1) {
                // Trimmed past us: this window can't be mended. Members
                // reconnect and get the board afresh (snapshot + log).
                log_warn("board " + board_id + ": missed ops are trimmed from the stream; reloading the board");
                net::post(strand_, [this, board_id, current] {
                    auto found = boards_.find(board_id);
                    if (found != boards_.end() && found->second.room.lock() == current) {
                        found->second.room.reset();
                        forget(board_id);
                    }
                    current->close_all();
                });
                return;
            }
            const std::uint64_t before = current->head_seq();
            for (SequencedOp& op : ops) current->deliver(std::move(op));
            if (settings_.metrics && current->head_seq() > before) {
                settings_.metrics->redis_ops_recovered.fetch_add(current->head_seq() - before);
            }
        });
}

// ---- presence across processes ----

void RedisHub::publish_peer(const std::string& board_id, const ServerMessage& update) {
    commands_->command({"PUBLISH", key(board_id, "ch"), "P" + process_id_ + " " + encode(update, FrameFormat::kBinary)},
                       nullptr);
}

void RedisHub::publish_roster(const std::string& board_id, std::vector<PeerPresence> roster) {
    commands_->command({"PUBLISH", key(board_id, "ch"), "R" + process_id_ + " " + to_bytes(roster)}, nullptr);
}

void RedisHub::heartbeat() {
    const auto cutoff = std::chrono::steady_clock::now() - kRosterExpiry;
    std::vector<std::string> gone;
    for (const auto& [board_id, board] : boards_) {
        auto room = board.room.lock();
        if (!room) {
            if (!board.loading && board.waiters.empty()) gone.push_back(board_id);
            continue;
        }
        auto roster = room->local_roster();
        if (!roster.empty()) publish_roster(board_id, std::move(roster));
        room->expire_rosters(cutoff);
    }
    for (const auto& board_id : gone) forget(board_id);
    heartbeat_timer_.expires_after(kHeartbeat);
    heartbeat_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) heartbeat();
    });
}

// ---- snapshots ----

void RedisHub::offer_snapshot(const std::string& board_id, std::uint64_t seq, std::string payload,
                              std::uint64_t keep_after) {
    // Only the process that takes the lock uploads; the others' snapshots
    // would be the same bytes.
    const std::string token = process_id_ + ":" + std::to_string(seq);
    commands_->command(
        {"SET", key(board_id, "lock"), token, "NX", "PX", kSnapshotLockMs},
        [this, board_id, seq, token, keep_after, payload = std::move(payload)](RedisReply reply) mutable {
            if (reply.type != RedisReply::Type::kStatus) return;  // someone else is at it
            run_script(redis_scripts::kStoreSnapshot,
                       {key(board_id, "snap"), key(board_id, "log"), key(board_id, "lock"), std::to_string(seq),
                        std::move(payload), std::to_string(keep_after + 1), token},
                       3, [this, board_id, seq](RedisReply stored) {
                           if (stored.is_error()) {
                               log_warn("board " + board_id + ": storing the snapshot in redis failed: " + stored.str);
                           } else if (stored.integer == 1) {
                               if (settings_.metrics) settings_.metrics->redis_snapshots_stored.fetch_add(1);
                               log_info("board " + board_id + ": snapshot at seq " + std::to_string(seq) +
                                        " stored in redis; stream trimmed");
                           }
                       });
        });
}

}  // namespace squiggle::server
