// Several server processes sharing boards through one real redis-server:
// one order for everyone, nothing lost when a process, pub/sub or Redis
// itself goes away, presence across processes, snapshots in Redis.
#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "../shared/test_ops.hpp"
#include "http_get.hpp"
#include "redis_process.hpp"
#include "server_process.hpp"
#include "ws_test_client.hpp"

using namespace squiggle;
using namespace squiggle::test;

namespace {

// One counter or gauge from the process's /metrics.
long metric(std::uint16_t port, const std::string& name) {
    const std::string body = http_get(port, "/metrics").body();
    const auto at = body.find("\n" + name + " ");
    if (at == std::string::npos) throw std::runtime_error("no metric " + name);
    return std::stol(body.substr(at + name.size() + 2));
}

void wait_for_metric(std::uint16_t port, const std::string& name, long value) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (metric(port, name) != value) {
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error(name + " never became " + std::to_string(value));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

struct Cluster {
    explicit Cluster(std::size_t processes, std::vector<std::string> extra = {}) : redis(redis_dir.path()) {
        std::vector<std::string> args{"--redis", redis.url()};
        args.insert(args.end(), extra.begin(), extra.end());
        for (std::size_t i = 0; i < processes; ++i) {
            dirs.push_back(std::make_unique<TempDir>());
            servers.push_back(std::make_unique<ServerProcess>(dirs.back()->path(), args));
        }
        // A process listens before it has reached Redis; until then it refuses
        // joins (error 15), so the tests start once every one is connected.
        for (std::size_t i = 0; i < processes; ++i) wait_for_metric(port(i), "squiggle_redis_up", 1);
    }
    std::uint16_t port(std::size_t i) const { return servers[i]->port(); }

    TempDir redis_dir;
    RedisProcess redis;
    std::vector<std::unique_ptr<TempDir>> dirs;
    std::vector<std::unique_ptr<ServerProcess>> servers;
};

// A client that keeps its own replica of the board from what it receives.
struct Drawer {
    Drawer(std::uint16_t port, std::string board_id, std::uint64_t author_id)
        : client(std::make_unique<WsTestClient>(port)), board(std::move(board_id)), author(author_id) {
        head = client->join(board, author).head_seq;
        catch_up_to(head);
    }

    // Applies one message of board content, noting refusals and any op out
    // of order. No Catch assertion here: drawers run on threads of their own,
    // and check_clean() reports on the test's thread.
    void take(const ServerMessage& m) {
        if (const auto* error = std::get_if<Error>(&m)) refusals.push_back(error->reason);
        if (const auto* s = std::get_if<BoardSnapshot>(&m)) {
            replica = *Board::from_snapshot(s->bytes);
        } else if (const auto* e = std::get_if<OpEvent>(&m)) {
            // Gap-free, in order, no repeats.
            if (e->op.seq != replica.head_seq() + 1) {
                ++out_of_order;
                if (e->op.seq <= replica.head_seq()) return;
                throw std::runtime_error("seq " + std::to_string(e->op.seq) + " after " +
                                         std::to_string(replica.head_seq()));
            }
            replica.apply(e->op);
            if (e->op.author == author) acked.insert(e->op.client_op_id);
        }
    }
    void check_clean() const {
        std::string reasons;
        for (const auto& why : refusals) reasons += why + "; ";
        INFO("author " << author << ": " << reasons);
        CHECK(out_of_order == 0);
        CHECK(refusals.empty());
    }
    void catch_up_to(std::uint64_t seq) {
        while (replica.head_seq() < seq) take(client->receive_skipping_ephemeral());
    }
    // Sends a random op of any kind and reads until it is acknowledged.
    void draw_one(std::mt19937_64& rng) {
        const std::uint64_t id = ++client_op;
        client->send(ClientMessage{SubmitOp{id, random_op(replica, author, counter, rng)}});
        while (!acked.count(id)) take(client->receive_skipping_ephemeral());
    }
    void reconnect(std::uint16_t port) {
        client = std::make_unique<WsTestClient>(port);
        head = client->join(board, author, replica.head_seq()).head_seq;
        catch_up_to(head);
    }

    std::unique_ptr<WsTestClient> client;
    std::string board;
    std::uint64_t author;
    std::uint64_t head = 0, client_op = 0, counter = 0;
    Board replica;
    std::set<std::uint64_t> acked;
    std::size_t out_of_order = 0;
    std::vector<std::string> refusals;
};

// Every op of the board as a fresh client on `port` receives it.
std::vector<SequencedOp> history(std::uint16_t port, const std::string& board) {
    return read_history(port, board, 999'999);
}

void check_exactly_once(const std::vector<SequencedOp>& log, const std::map<std::uint64_t, std::set<std::uint64_t>>& acked) {
    std::map<std::pair<std::uint64_t, std::uint64_t>, int> count;
    for (std::size_t i = 0; i < log.size(); ++i) {
        CHECK(log[i].seq == i + 1);
        ++count[{log[i].author, log[i].client_op_id}];
    }
    for (const auto& [author, ids] : acked) {
        for (std::uint64_t id : ids) CHECK(count[{author, id}] == 1);
    }
}

}  // namespace

TEST_CASE("clients on three processes draw on one board: one order, one board, every op once") {
    Cluster cluster(3);
    const std::string board = random_board_id();
    constexpr int kDrawers = 6, kOpsEach = 25;
    std::vector<std::unique_ptr<Drawer>> drawers;
    for (int i = 0; i < kDrawers; ++i) drawers.push_back(std::make_unique<Drawer>(cluster.port(i % 3), board, 10 + i));

    std::vector<std::thread> threads;
    for (int i = 0; i < kDrawers; ++i) {
        threads.emplace_back([&, i] {
            try {
                std::mt19937_64 rng(1000 + i);
                for (int n = 0; n < kOpsEach; ++n) drawers[i]->draw_one(rng);
            } catch (const std::exception& e) {
                drawers[i]->refusals.push_back(std::string("drawer stopped: ") + e.what());
            }
        });
    }
    for (auto& t : threads) t.join();
    for (auto& d : drawers) d->check_clean();

    const std::uint64_t total = kDrawers * kOpsEach;
    std::map<std::uint64_t, std::set<std::uint64_t>> acked;
    for (auto& d : drawers) {
        d->catch_up_to(total);
        acked[d->author] = d->acked;
        CHECK(d->acked.size() == kOpsEach);
        CHECK(d->replica.state_hash() == drawers[0]->replica.state_hash());
    }
    for (std::size_t p = 0; p < 3; ++p) {
        const auto log = history(cluster.port(p), board);
        CHECK(log.size() == total);
        check_exactly_once(log, acked);
    }
}

TEST_CASE("presence and cursors cross processes") {
    Cluster cluster(2);
    const std::string board = random_board_id();
    WsTestClient a(cluster.port(0)), b(cluster.port(1));
    a.join(board, 1);
    b.join(board, 2);
    // A hears of B (on the other process) and counts two people.
    PeerPresence seen;
    do seen = a.next_of_kind<PeerPresence>();
    while (seen.author != 2);
    CHECK(seen.state != PeerState::kLeft);
    std::uint32_t participants = 0;
    while (participants != 2) participants = a.next_of_kind<Presence>().participants;
    b.send(ClientMessage{Cursor{{160, 320}}});
    const PeerCursor cursor = a.next_of_kind<PeerCursor>();
    CHECK(cursor.author == 2);
    CHECK(cursor.position == Point{160, 320});
    // B leaves: A is told.
    b.stream().close(boost::beast::websocket::close_code::normal);
    do seen = a.next_of_kind<PeerPresence>();
    while (seen.author != 2 || seen.state != PeerState::kLeft);
}

TEST_CASE("a killed process's clients resume on another, and nothing is lost or doubled") {
    Cluster cluster(3);
    const std::string board = random_board_id();
    Drawer a(cluster.port(0), board, 1), c(cluster.port(2), board, 3);
    std::mt19937_64 rng(7);
    for (int n = 0; n < 10; ++n) {
        a.draw_one(rng);
        c.draw_one(rng);
    }
    // C's op goes out, then its process dies before C hears back.
    c.client->send(ClientMessage{SubmitOp{++c.client_op, stroke(3, ++c.counter)}});
    cluster.servers[2]->kill_hard();
    c.reconnect(cluster.port(1));
    // Resent with the same clientOpId: ordered at most once.
    c.client->send(ClientMessage{SubmitOp{c.client_op, stroke(3, c.counter)}});
    c.draw_one(rng);
    a.catch_up_to(c.replica.head_seq());
    CHECK(a.replica.state_hash() == c.replica.state_hash());
    const auto log = history(cluster.port(0), board);
    std::map<std::uint64_t, std::set<std::uint64_t>> acked{{1, a.acked}, {3, c.acked}};
    check_exactly_once(log, acked);
    a.check_clean();
    c.check_clean();
    CHECK(std::count_if(log.begin(), log.end(), [&](const SequencedOp& op) {
              return op.author == 3 && op.client_op_id == 11;
          }) == 1);
}

TEST_CASE("pub/sub connections killed mid-stream: the gap is filled from the log") {
    Cluster cluster(2);
    const std::string board = random_board_id();
    Drawer a(cluster.port(0), board, 1), b(cluster.port(1), board, 2);
    std::mt19937_64 rng(11);
    for (int n = 0; n < 60; ++n) {
        a.draw_one(rng);
        if (n == 20 || n == 40) CHECK(cluster.redis.cli("CLIENT KILL TYPE pubsub").find("ERR") == std::string::npos);
    }
    // B, on the other process, got every op, in order, with no gap (checked in take()).
    b.catch_up_to(a.replica.head_seq());
    CHECK(b.replica.state_hash() == a.replica.state_hash());
    CHECK(b.replica.head_seq() == 60);
    a.check_clean();
    b.check_clean();
    // ...because B's process read what pub/sub lost from the stream.
    CHECK(metric(cluster.port(1), "squiggle_redis_ops_recovered_total") > 0);
}

TEST_CASE("Redis restarted mid-session: writes pause with a clear status, nothing acknowledged is lost") {
    Cluster cluster(2);
    const std::string board = random_board_id();
    Drawer a(cluster.port(0), board, 1), b(cluster.port(1), board, 2);
    std::mt19937_64 rng(13);
    for (int n = 0; n < 10; ++n) a.draw_one(rng);
    b.catch_up_to(10);

    CHECK(metric(cluster.port(0), "squiggle_redis_up") == 1);
    cluster.redis.kill_hard();
    // Both processes tell their clients the board is read-only for now.
    CHECK_FALSE(a.client->next_of_kind<ServiceStatus>().writable);
    CHECK_FALSE(b.client->next_of_kind<ServiceStatus>().writable);
    // A write now is refused with a clear error, not dropped.
    a.client->send(ClientMessage{SubmitOp{++a.client_op, stroke(1, ++a.counter)}});
    const Error refused = a.client->expect<Error>();
    CHECK(refused.code == ErrorCode::kUnavailable);
    CHECK(refused.client_op_id == a.client_op);
    CHECK(metric(cluster.port(0), "squiggle_redis_up") == 0);

    // B's pointer moves while the processes cannot reach each other.
    b.client->send(ClientMessage{Cursor{{480, 640}}});

    cluster.redis.start();
    CHECK(b.client->next_of_kind<ServiceStatus>().writable);
    // A hears that writing works again, and where B's pointer is now
    // (told afresh once Redis is back), in either order.
    bool writable = false, cursor = false;
    while (!writable || !cursor) {
        const ServerMessage m = a.client->receive();
        if (const auto* s = std::get_if<ServiceStatus>(&m)) writable = s->writable;
        if (const auto* c = std::get_if<PeerCursor>(&m)) cursor = c->author == 2 && c->position == Point{480, 640};
    }
    for (int n = 0; n < 5; ++n) b.draw_one(rng);
    a.catch_up_to(15);
    CHECK(a.replica.state_hash() == b.replica.state_hash());
    const auto log = history(cluster.port(1), board);
    CHECK(log.size() == 15);
    check_exactly_once(log, {{1, a.acked}, {2, b.acked}});
    a.check_clean();
    b.check_clean();
}

TEST_CASE("a late joiner on a board compacted into a Redis snapshot sees the same board") {
    Cluster cluster(2, {"--snapshot-every", "20", "--log-retain", "5"});
    const std::string board = random_board_id();
    Drawer a(cluster.port(0), board, 1);
    std::mt19937_64 rng(17);
    for (int n = 0; n < 50; ++n) a.draw_one(rng);
    // The snapshot is in Redis and the stream was trimmed behind it.
    const std::string snap = "squiggle:{" + board + "}:snap";
    const std::string stream = "squiggle:{" + board + "}:log";
    std::string seq;
    for (int tries = 0; tries < 200 && (seq.empty() || seq == "\n"); ++tries) {
        seq = cluster.redis.cli("HGET " + snap + " seq");
        if (seq.empty() || seq == "\n") std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(std::stoi(seq) >= 40);
    CHECK(std::stoi(cluster.redis.cli("XLEN " + stream)) < 30);
    CHECK(metric(cluster.port(0), "squiggle_redis_snapshots_stored_total") >= 1);
    // The other process opens the board from Redis: snapshot + tail.
    WsTestClient late(cluster.port(1));
    const auto head = late.join(board, 2).head_seq;
    CHECK(head == 50);
    CHECK(std::holds_alternative<BoardSnapshot>(late.receive_skipping_ephemeral()));
    const Board seen = read_board(cluster.port(1), board, 3);
    CHECK(seen.state_hash() == a.replica.state_hash());
    a.check_clean();
}

TEST_CASE("while Redis is down a board that is not open here cannot be joined, and once it is back it can") {
    Cluster cluster(1);
    cluster.redis.kill_hard();
    const std::string board = random_board_id();
    {
        WsTestClient c(cluster.port(0));
        c.send(ClientMessage{Hello{board, 0, 1, "c", kEditKey}});
        const Error refused = c.expect<Error>();
        CHECK(refused.code == ErrorCode::kUnavailable);
        CHECK(c.wait_for_close() == std::optional<std::uint16_t>(1008));
    }
    cluster.redis.start();
    // The process reconnects by itself; joins succeed from then on.
    for (int attempt = 0;; ++attempt) {
        WsTestClient c(cluster.port(0));
        c.send(ClientMessage{Hello{board, 0, 1, "c", kEditKey}});
        const ServerMessage m = c.receive_skipping_ephemeral();
        if (std::holds_alternative<Welcome>(m)) break;
        REQUIRE(std::get<Error>(m).code == ErrorCode::kUnavailable);
        REQUIRE(attempt < 100);
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a client's reconnect backoff
    }
}
