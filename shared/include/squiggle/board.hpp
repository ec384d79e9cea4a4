#pragma once
// The board: the state that replaying a board's ordered log produces. Every
// replica applies the same ops in the same order and so holds the same board,
// which the state hash lets anyone check.
#include <cstdint>
#include <map>
#include <variant>

#include "squiggle/op.hpp"

namespace squiggle {

// Everything that can be on a board. Mirrors the drawing ops.
using Object = std::variant<StrokeOp>;

class Board {
public:
    enum class ApplyResult {
        kApplied,
        kNoOp,       // valid in order, but changed nothing (e.g. duplicate object id)
        kOutOfOrder  // seq was not head_seq() + 1: the caller must apply in order
    };

    ApplyResult apply(const SequencedOp& op);

    std::uint64_t head_seq() const { return head_seq_; }
    std::size_t object_count() const { return by_z_.size(); }

    // Objects from back to front. The key is the z position: it only grows, so
    // a renderer can upload just the objects above the last one it has seen.
    const std::map<std::uint64_t, Object>& objects_by_z() const { return by_z_; }

    // Bumped on every change; lets views skip work when nothing changed.
    std::uint64_t revision() const { return revision_; }

    // XXH64 over a canonical little-endian encoding of head_seq and every
    // object in z order: equal on every platform for equal boards.
    std::uint64_t state_hash() const;

private:
    std::uint64_t head_seq_ = 0;
    std::uint64_t revision_ = 0;
    std::uint64_t next_z_ = 1;
    std::map<ObjectId, std::uint64_t> z_by_id_;
    std::map<std::uint64_t, Object> by_z_;
};

}  // namespace squiggle
