#include <catch2/catch.hpp>

#include "board_link.hpp"

using namespace squiggle::client;

namespace {
const std::string kId = "AAECAwQFBgcICQoLDA0ODw";
const std::string kKey = "CQkJCQkJCQkJCQkJCQkJCQ";
}  // namespace

TEST_CASE("Board links carry the board id and the key") {
    const LinkedBoard linked = board_from_fragment("#b=" + kId + "&k=" + kKey);
    CHECK(linked.kind == LinkedBoard::Kind::kValid);
    CHECK(linked.id == kId);
    CHECK(linked.key_kind == LinkedBoard::KeyKind::kValid);
    CHECK(linked.key == kKey);
    // Order and unknown parameters do not matter; the first of each wins.
    const LinkedBoard swapped = board_from_fragment("k=" + kKey + "&x=1&b=" + kId + "&b=zzz&k=yyy");
    CHECK(swapped.id == kId);
    CHECK(swapped.key == kKey);
}

TEST_CASE("A missing or malformed key is reported as such") {
    const LinkedBoard no_key = board_from_fragment("#b=" + kId);
    CHECK(no_key.kind == LinkedBoard::Kind::kValid);
    CHECK(no_key.key_kind == LinkedBoard::KeyKind::kMissing);
    CHECK(no_key.key.empty());
    CHECK(board_from_fragment("#b=" + kId + "&k=").key_kind == LinkedBoard::KeyKind::kMissing);
    const LinkedBoard bad = board_from_fragment("#b=" + kId + "&k=short");
    CHECK(bad.key_kind == LinkedBoard::KeyKind::kInvalid);
    CHECK(bad.key == "short");
    CHECK(board_from_fragment("").kind == LinkedBoard::Kind::kNone);
    CHECK(board_from_fragment("#b=nope&k=" + kKey).kind == LinkedBoard::Kind::kInvalid);
}

TEST_CASE("Links are built on the page address without its fragment") {
    CHECK(fragment_for_board(kId, kKey) == "#b=" + kId + "&k=" + kKey);
    CHECK(link_for_board("http://h:1/", kId, kKey) == "http://h:1/#b=" + kId + "&k=" + kKey);
    CHECK(link_for_board("http://h:1/x?y#b=old&k=old", kId, kKey) == "http://h:1/x?y#b=" + kId + "&k=" + kKey);
    const LinkedBoard round_trip = board_from_fragment(fragment_for_board(kId, kKey));
    CHECK(round_trip.id == kId);
    CHECK(round_trip.key == kKey);
}
