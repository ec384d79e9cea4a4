#include "squiggle/replay.hpp"

#include <catch2/catch.hpp>

#include "squiggle/codec.hpp"
#include "test_ops.hpp"

using namespace squiggle;

TEST_CASE("replaying an ordered log equals applying its ops one by one") {
    const auto log = test::make_log(500, 11);
    Board incremental;
    std::vector<std::uint64_t> hashes;
    for (const SequencedOp& op : log) {
        REQUIRE(incremental.apply(op) == Board::ApplyResult::kApplied);
        hashes.push_back(incremental.state_hash());
    }
    const Board replayed = replay(log);
    CHECK(replayed.head_seq() == 500);
    CHECK(replayed.object_count() == 500);
    CHECK(replayed.state_hash() == incremental.state_hash());
    // Every prefix is a board of its own: hashes of successive states differ.
    std::sort(hashes.begin(), hashes.end());
    CHECK(std::adjacent_find(hashes.begin(), hashes.end()) == hashes.end());
}

TEST_CASE("a log that went through the wire replays to the same board") {
    const auto log = test::make_log(200, 12);
    std::vector<SequencedOp> received;
    for (const SequencedOp& op : log) {
        const auto frame = encode(ServerMessage{OpEvent{op}}, FrameFormat::kBinary);
        auto decoded = decode_server(frame, FrameFormat::kBinary);
        received.push_back(std::get<OpEvent>(std::get<ServerMessage>(decoded)).op);
    }
    CHECK(replay(received).state_hash() == replay(log).state_hash());
}

TEST_CASE("ops must be applied in sequence order, without gaps") {
    const auto log = test::make_log(3, 13);
    Board board;
    CHECK(board.apply(log[1]) == Board::ApplyResult::kOutOfOrder);
    CHECK(board.head_seq() == 0);
    CHECK(board.apply(log[0]) == Board::ApplyResult::kApplied);
    CHECK(board.apply(log[0]) == Board::ApplyResult::kOutOfOrder);
    Board gapped;
    CHECK_FALSE(replay(gapped, {log[0], log[2]}));
    CHECK(gapped.head_seq() == 1);
}

TEST_CASE("a repeated object id is a no-op that still advances the sequence") {
    auto log = test::make_log(2, 14);
    std::get<StrokeOp>(log[1].op).id = std::get<StrokeOp>(log[0].op).id;
    Board board;
    CHECK(board.apply(log[0]) == Board::ApplyResult::kApplied);
    CHECK(board.apply(log[1]) == Board::ApplyResult::kNoOp);
    CHECK(board.head_seq() == 2);
    CHECK(board.object_count() == 1);
}

TEST_CASE("the state hash depends on content and order") {
    const auto log = test::make_log(2, 15);
    Board a = replay(log);
    auto swapped = log;
    std::swap(swapped[0].op, swapped[1].op);
    Board b = replay(swapped);
    CHECK(a.state_hash() != b.state_hash());
    auto recoloured = log;
    std::get<StrokeOp>(recoloured[1].op).color ^= 1;
    CHECK(replay(recoloured).state_hash() != a.state_hash());
}
