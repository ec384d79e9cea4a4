// Property test: random sessions of several users with optimistic clients all
// converge on the server's board.
#include <catch2/catch.hpp>
#include <deque>
#include <random>

#include "squiggle/replica.hpp"
#include "test_ops.hpp"

using namespace squiggle;

namespace {

struct SimClient {
    Replica replica;
    std::deque<SubmitOp> outbox;        // sent, not yet at the server
    std::deque<SequencedOp> inbox;      // ordered by the server, not yet delivered
    std::uint64_t counter = 0;
};

// One session: clients act on their optimistic view; the network delays
// messages at random; the server orders what reaches it.
void run_session(std::uint64_t seed, int users, int steps) {
    std::mt19937_64 rng(seed);
    std::vector<SimClient> clients;
    for (int u = 0; u < users; ++u) clients.push_back({Replica(100 + u), {}, {}, 0});
    Board server;
    std::vector<SequencedOp> log;

    auto server_receive = [&](std::size_t from) {
        SimClient& c = clients[from];
        SubmitOp m = std::move(c.outbox.front());
        c.outbox.pop_front();
        SequencedOp op{server.head_seq() + 1, c.replica.author(), m.client_op_id, 0, m.op};
        server.apply(op);
        log.push_back(op);
        // Delivered to everyone, the author included (its acknowledgement).
        for (SimClient& other : clients) other.inbox.push_back(op);
    };

    for (int step = 0; step < steps; ++step) {
        const std::size_t who = rng() % clients.size();
        SimClient& c = clients[who];
        switch (rng() % 4) {
            case 0:
            case 1: {  // the user acts on what they see
                const Board& view = c.replica.optimistic();
                Op op = test::random_op(view, c.replica.author(), c.counter, rng);
                c.outbox.push_back(c.replica.submit(std::move(op)));
                break;
            }
            case 2:
                if (!c.outbox.empty()) server_receive(who);
                break;
            case 3: {  // deliver a few ordered ops, sometimes out of order
                for (int k = 0; k < 3 && !c.inbox.empty(); ++k) {
                    const std::size_t i = (rng() % 4 == 0 && c.inbox.size() > 1) ? 1 : 0;
                    c.replica.receive(c.inbox[i]);
                    c.inbox.erase(c.inbox.begin() + static_cast<long>(i));
                }
                break;
            }
        }
    }
    // Drain: everything reaches the server, then everyone.
    for (std::size_t i = 0; i < clients.size(); ++i) {
        while (!clients[i].outbox.empty()) server_receive(i);
    }
    for (SimClient& c : clients) {
        while (!c.inbox.empty()) {
            c.replica.receive(c.inbox.back());  // worst case: newest first
            c.inbox.pop_back();
        }
    }
    const std::uint64_t expected = server.state_hash();
    for (SimClient& c : clients) {
        INFO("seed " << seed << " author " << c.replica.author());
        REQUIRE(c.replica.pending().empty());
        REQUIRE(c.replica.confirmed().head_seq() == server.head_seq());
        REQUIRE(c.replica.confirmed().state_hash() == expected);
        REQUIRE(c.replica.optimistic().state_hash() == expected);
    }
    // A late joiner replaying the log gets the same board.
    Board late;
    for (const SequencedOp& op : log) late.apply(op);
    REQUIRE(late.state_hash() == expected);
}

}  // namespace

TEST_CASE("1000 random sessions converge on the server's board") {
    for (std::uint64_t seed = 1; seed <= 1000; ++seed) run_session(seed, 2 + static_cast<int>(seed % 4), 120);
}

TEST_CASE("a rejected pending op is dropped and the client still converges") {
    Replica r(5);
    const SubmitOp sent = r.submit(StrokeOp{{5, 1}, 0xFF, 16, {{0, 0}}});
    CHECK(r.optimistic().object_count() == 1);
    r.reject(sent.client_op_id);
    CHECK(r.pending().empty());
    CHECK(r.optimistic().object_count() == 0);
}
