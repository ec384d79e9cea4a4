#pragma once
// The process's side of boards shared through Redis. It is the room registry
// (boards load from Redis: keys, snapshot and log) and each room's
// SharedBoard: it orders ops with one Lua script (next seq, append to the
// board's stream, PUBLISH), follows the channel of every board open here,
// fills any gap in what pub/sub delivered from the stream, relays presence
// and cursors between processes, and writes snapshots, one process at a time
// per board (a lock key).
//
// Redis lost: rooms keep serving what they have, ops are refused with
// kUnavailable and members are told (ServiceStatus); when Redis is back the
// rooms catch up from the stream and take ops again.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "redis/redis_connection.hpp"
#include "room_registry.hpp"

namespace squiggle::server {

class RedisHub : public RoomRegistry, public SharedBoard, public std::enable_shared_from_this<RedisHub> {
public:
    RedisHub(boost::asio::io_context& ioc, const RedisAddress& address, RoomSettings settings);
    ~RedisHub() override;

    void start();
    void stop();

    // RoomRegistry
    void acquire(const std::string& board_id, const std::string& key, Opened done) override;
    std::size_t open_rooms() override;

    // SharedBoard
    void order(const std::string& board_id, const SequencedOp& draft, std::function<void(Outcome)> done) override;
    void fill_gap(const std::string& board_id) override;
    void offer_snapshot(const std::string& board_id, std::uint64_t seq, std::string payload,
                        std::uint64_t keep_after) override;
    void publish_peer(const std::string& board_id, const ServerMessage& update) override;
    void publish_roster(const std::string& board_id, std::vector<PeerPresence> roster) override;
    void room_idle(const std::string& board_id) override;

    const std::string& process_id() const { return process_id_; }

private:
    struct Board {
        std::weak_ptr<Room> room;
        bool loading = false;
        bool subscribed = false;
        bool counted = false;  // in open_rooms_
        std::vector<Opened> waiters;
        std::vector<SequencedOp> early;  // published while the board was loading
        bool catch_up_scheduled = false;
        std::shared_ptr<boost::asio::steady_timer> catch_up_timer;
    };
    // An op whose script ran into a broken connection: ordered or not is
    // only known once Redis answers again.
    struct InDoubt {
        std::string board_id;
        std::uint64_t author;
        std::uint64_t client_op_id;
        std::function<void(Outcome)> done;
    };

    void on_commands_up();
    void on_commands_down(const std::string& why);
    void on_message(const std::string& channel, std::string payload);
    void on_subscribed(const std::string& channel);
    void finish_load(const std::string& board_id, const RedisReply& reply);
    void fail_waiters(Board& board, ErrorCode error, const std::string& reason);
    void catch_up(const std::string& board_id);
    void schedule_catch_up(const std::string& board_id, std::chrono::milliseconds delay);
    void forget(const std::string& board_id);
    void resolve_in_doubt();
    void heartbeat();
    void run_script(const char* script, std::vector<std::string> keys_and_args, std::size_t key_count,
                    RedisConnection::ReplyHandler done);
    void set_writable(bool writable, const std::string& reason);
    std::string lost_reason() const;

    boost::asio::io_context& ioc_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    RoomSettings settings_;
    const std::string process_id_;
    std::shared_ptr<RedisConnection> commands_;
    std::shared_ptr<RedisConnection> subscriber_;
    std::map<std::string, Board> boards_;
    std::vector<InDoubt> in_doubt_;
    bool writable_ = false;
    std::atomic<std::size_t> open_rooms_{0};
    boost::asio::steady_timer heartbeat_timer_;
};

}  // namespace squiggle::server
