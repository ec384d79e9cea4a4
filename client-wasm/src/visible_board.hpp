#pragma once
// The board as this user sees it: the confirmed board with the pending ops
// applied on top (what the tools work on), and that again with the gesture's
// provisional ops (what is drawn). Without any it is the confirmed board
// itself; otherwise copies, rebuilt only when one of their sources changed.
#include <cstdint>
#include <optional>
#include <vector>

#include "squiggle/board.hpp"
#include "sync_client.hpp"

namespace squiggle::client {

class VisibleBoard {
public:
    // Confirmed + pending.
    const Board& base(const SyncClient& sync);
    // Confirmed + pending + `provisional` (which changes with `revision`).
    const Board& shown(const SyncClient& sync, const std::vector<Op>& provisional, std::uint64_t revision);

    // Bumped whenever shown() is rebuilt or switches between the confirmed
    // board and a copy: a view must then take it as a new board.
    std::uint64_t generation() const { return generation_; }

private:
    struct Key {
        std::uint64_t generation = 0, revision = 0, pending = 0, provisional = 0;
        bool operator==(const Key&) const = default;
    };
    static void apply_all(Board& board, std::uint64_t author, const std::vector<Op>& ops);

    std::optional<Board> base_;
    std::optional<Key> base_key_;
    std::optional<Board> shown_;
    std::optional<Key> shown_key_;
    bool shown_is_copy_ = false;
    std::uint64_t shown_sync_generation_ = 0;
    std::uint64_t generation_ = 0;
};

}  // namespace squiggle::client
