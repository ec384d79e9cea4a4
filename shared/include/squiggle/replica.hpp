#pragma once
// A client's copy of a board: the confirmed board (server order only) plus the
// client's own ops that the server has not acknowledged yet. What the user
// sees is the optimistic board: confirmed + pending ops applied on top. When
// the server's order arrives, pending ops are confirmed (or dropped when the
// server refused them), so every replica converges on the server's board.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>

#include "squiggle/board.hpp"
#include "squiggle/protocol.hpp"

namespace squiggle {

class Replica {
public:
    explicit Replica(std::uint64_t author) : author_(author) {}

    std::uint64_t author() const { return author_; }

    // A new id for an object this client creates.
    ObjectId next_object_id() { return {author_, ++object_counter_}; }

    // Records a local op as pending and returns the message to send.
    SubmitOp submit(Op op);

    // An op in server order; may arrive early (it is held until its turn).
    // Returns false for a duplicate or an op already applied.
    bool receive(const SequencedOp& op);

    // The server refused a pending op: it will never be ordered.
    void reject(std::uint64_t client_op_id);

    // Ops the server has not acknowledged, oldest first: after a reconnect
    // (and after catching up) they are sent again.
    const std::deque<SubmitOp>& pending() const { return pending_; }

    const Board& confirmed() const { return confirmed_; }

    // Confirmed board with the pending ops applied, rebuilt only when needed.
    const Board& optimistic();

    // Starts over from a snapshot (e.g. when the server's log was compacted).
    void reset(Board board);

private:
    std::uint64_t author_;
    std::uint64_t object_counter_ = 0;
    std::uint64_t client_op_counter_ = 0;
    Board confirmed_;
    std::deque<SubmitOp> pending_;
    std::map<std::uint64_t, SequencedOp> early_;  // received ahead of a gap, by seq
    std::optional<Board> optimistic_;
};

}  // namespace squiggle
