#include "squiggle/replica.hpp"

#include <algorithm>

namespace squiggle {

SubmitOp Replica::submit(Op op) {
    SubmitOp message{++client_op_counter_, std::move(op)};
    pending_.push_back(message);
    optimistic_.reset();
    return message;
}

bool Replica::receive(const SequencedOp& op) {
    if (op.seq <= confirmed_.head_seq() || early_.count(op.seq) != 0) return false;
    early_.emplace(op.seq, op);
    // Apply everything that is now contiguous.
    for (auto it = early_.begin(); it != early_.end() && it->first == confirmed_.head_seq() + 1;
         it = early_.erase(it)) {
        const SequencedOp& next = it->second;
        confirmed_.apply(next);
        if (next.author == author_) {
            // Our own op came back: it is no longer pending.
            const auto mine = std::find_if(pending_.begin(), pending_.end(),
                                           [&](const SubmitOp& p) { return p.client_op_id == next.client_op_id; });
            if (mine != pending_.end()) pending_.erase(mine);
        }
        optimistic_.reset();
    }
    return true;
}

void Replica::reject(std::uint64_t client_op_id) {
    const auto it = std::find_if(pending_.begin(), pending_.end(),
                                 [&](const SubmitOp& p) { return p.client_op_id == client_op_id; });
    if (it != pending_.end()) {
        pending_.erase(it);
        optimistic_.reset();
    }
}

const Board& Replica::optimistic() {
    if (!optimistic_) {
        optimistic_ = confirmed_;
        // Pending ops take the next sequence numbers provisionally; the server
        // may order others' ops first, and then the view is rebuilt.
        std::uint64_t seq = confirmed_.head_seq();
        for (const SubmitOp& p : pending_) optimistic_->apply({++seq, author_, p.client_op_id, 0, p.op});
    }
    return *optimistic_;
}

void Replica::reset(Board board) {
    confirmed_ = std::move(board);
    early_.erase(early_.begin(), early_.upper_bound(confirmed_.head_seq()));
    optimistic_.reset();
}

}  // namespace squiggle
