// A snapshot at S plus the ops after S gives exactly the board of a full replay.
#include <catch2/catch.hpp>
#include <random>

#include "squiggle/replay.hpp"
#include "test_ops.hpp"

using namespace squiggle;

namespace {
std::vector<SequencedOp> random_session(std::size_t count, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Board board;
    std::vector<SequencedOp> log;
    std::uint64_t counters[5] = {};
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t author = 1 + rng() % 4;
        SequencedOp op{i + 1, author, i + 1, 0, test::random_op(board, author, counters[author], rng)};
        board.apply(op);
        log.push_back(std::move(op));
    }
    return log;
}
}  // namespace

TEST_CASE("snapshot(S) + replay of the tail equals a full replay") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const auto log = random_session(400, seed);
        const Board full = replay(log);
        for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{137}, std::size_t{399}, std::size_t{400}}) {
            Board prefix = replay(std::vector<SequencedOp>(log.begin(), log.begin() + static_cast<long>(cut)));
            const std::string bytes = prefix.snapshot();
            auto restored = Board::from_snapshot(bytes);
            REQUIRE(restored);
            CHECK(restored->state_hash() == prefix.state_hash());
            CHECK(replay(*restored, std::vector<SequencedOp>(log.begin() + static_cast<long>(cut), log.end())));
            INFO("seed " << seed << " cut " << cut);
            CHECK(restored->state_hash() == full.state_hash());
        }
    }
}

TEST_CASE("a damaged snapshot is refused, never half-loaded") {
    const Board board = replay(random_session(200, 77));
    const std::string bytes = board.snapshot();
    CHECK_FALSE(Board::from_snapshot(bytes.substr(0, bytes.size() / 2)));
    CHECK_FALSE(Board::from_snapshot(bytes + "x"));
    CHECK_FALSE(Board::from_snapshot(""));
    std::string wrong_magic = bytes;
    wrong_magic[1] ^= 0x55;
    CHECK_FALSE(Board::from_snapshot(wrong_magic));
}

TEST_CASE("snapshots are compact") {
    std::mt19937_64 rng(5);
    Board board;
    std::size_t points = 0;
    for (std::uint64_t i = 1; i <= 2000; ++i) {
        StrokeOp s{{1, i}, 0xFF, 48, test::pen_path(rng, 20)};
        points += s.points.size();
        board.apply({i, 1, i, 0, s});
    }
    const double per_point = static_cast<double>(board.snapshot().size()) / static_cast<double>(points);
    INFO("snapshot bytes per point: " << per_point);
    CHECK(per_point < 8.0);  // the undo history holds a second copy of each stroke
}
