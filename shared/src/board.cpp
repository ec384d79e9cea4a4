#include "squiggle/board.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <type_traits>

namespace squiggle {
namespace {

// Feeds integers to the hash as little-endian bytes, whatever the host order.
class CanonicalHasher {
public:
    CanonicalHasher() { XXH64_reset(&state_, 0); }

    template <class Int>
    void add(Int value) {
        static_assert(std::is_integral_v<Int>);
        using U = std::make_unsigned_t<Int>;
        auto u = static_cast<U>(value);
        unsigned char bytes[sizeof(U)];
        for (std::size_t i = 0; i < sizeof(U); ++i) {
            bytes[i] = static_cast<unsigned char>(u & 0xFF);
            u = static_cast<U>(u >> 8);
        }
        XXH64_update(&state_, bytes, sizeof(U));
    }

    std::uint64_t digest() const { return XXH64_digest(&state_); }

private:
    XXH64_state_t state_{};
};

void hash_object(CanonicalHasher& h, const StrokeOp& s) {
    h.add(std::uint8_t{0});  // object kind
    h.add(s.id.author);
    h.add(s.id.counter);
    h.add(s.color);
    h.add(s.width);
    h.add(static_cast<std::uint32_t>(s.points.size()));
    for (const Point& p : s.points) {
        h.add(p.x);
        h.add(p.y);
    }
}

}  // namespace

Board::ApplyResult Board::apply(const SequencedOp& op) {
    if (op.seq != head_seq_ + 1) return ApplyResult::kOutOfOrder;
    head_seq_ = op.seq;
    ++revision_;
    return std::visit(
        [&](const auto& o) -> ApplyResult {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, StrokeOp>) {
                // An id that already exists is a no-op: ids are never reused.
                if (z_by_id_.count(o.id) != 0) return ApplyResult::kNoOp;
                const std::uint64_t z = next_z_++;
                z_by_id_.emplace(o.id, z);
                by_z_.emplace(z, o);
                return ApplyResult::kApplied;
            }
        },
        op.op);
}

std::uint64_t Board::state_hash() const {
    CanonicalHasher h;
    h.add(head_seq_);
    h.add(static_cast<std::uint64_t>(by_z_.size()));
    for (const auto& [z, object] : by_z_) {
        std::visit([&](const auto& o) { hash_object(h, o); }, object);
    }
    return h.digest();
}

}  // namespace squiggle
