// The state hash: XXH64 over a canonical encoding of the board.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <type_traits>

#include "squiggle/board.hpp"

namespace squiggle {
namespace {

// Feeds values to the hash as little-endian bytes, whatever the host order.
// Bytes are gathered in a buffer and hashed in blocks: one XXH64_update per
// integer would cost more than the hashing itself.
class CanonicalHasher {
public:
    CanonicalHasher() {
        XXH64_reset(&state_, 0);
        buffer_.reserve(kBlock + 64);
    }

    template <class Int>
    void add(Int value) {
        static_assert(std::is_integral_v<Int>);
        using U = std::make_unsigned_t<Int>;
        auto u = static_cast<U>(value);
        for (std::size_t i = 0; i < sizeof(U); ++i) {
            buffer_.push_back(static_cast<char>(u & 0xFF));
            u = static_cast<U>(u >> 8);
        }
        if (buffer_.size() >= kBlock) flush();
    }
    void add(const ObjectId& id) {
        add(id.author);
        add(id.counter);
    }
    void add(Point p) {
        add(p.x);
        add(p.y);
    }
    void add(const std::string& s) {
        add(static_cast<std::uint64_t>(s.size()));
        buffer_ += s;
        if (buffer_.size() >= kBlock) flush();
    }
    void add(const Object& object) {
        add(static_cast<std::uint8_t>(object.index()));
        std::visit([&](const auto& o) { add_fields(o); }, object);
    }
    void add(const std::optional<Object>& object) {
        add(static_cast<std::uint8_t>(object.has_value()));
        if (object) add(*object);
    }

    std::uint64_t digest() {
        flush();
        return XXH64_digest(&state_);
    }

private:
    void add_fields(const StrokeOp& s) {
        add(s.id);
        add(s.color);
        add(s.width);
        add(static_cast<std::uint64_t>(s.points.size()));
        for (Point p : s.points) add(p);
    }
    void add_fields(const ShapeOp& s) {
        add(s.id);
        add(static_cast<std::uint8_t>(s.kind));
        add(s.from);
        add(s.to);
        add(s.color);
        add(s.width);
        add(s.fill);
    }
    void add_fields(const TextOp& t) {
        add(t.id);
        add(t.position);
        add(t.size);
        add(t.color);
        add(t.text);
    }

    void flush() {
        XXH64_update(&state_, buffer_.data(), buffer_.size());
        buffer_.clear();
    }

    static constexpr std::size_t kBlock = 16 * 1024;
    XXH64_state_t state_{};
    std::string buffer_;
};

}  // namespace

std::uint64_t Board::state_hash() const {
    CanonicalHasher h;
    h.add(head_seq_);
    h.add(next_z_);
    h.add(static_cast<std::uint64_t>(by_z_.size()));
    for (const auto& [z, object] : by_z_) {
        h.add(z);
        h.add(meta_.at(id_of(object)).rev);
        h.add(object);
    }
    // Retired ids and the full history decide how later ops apply, so they
    // are part of the state too.
    h.add(static_cast<std::uint64_t>(meta_.size()));
    for (const auto& [id, meta] : meta_) {
        h.add(id);
        h.add(meta.z);
        h.add(meta.rev);
        h.add(static_cast<std::uint8_t>(meta.alive));
    }
    h.add(static_cast<std::uint64_t>(histories_.size()));
    auto add_action = [&](const Action& a) {
        h.add(a.applied_seq);
        h.add(static_cast<std::uint64_t>(a.changes.size()));
        for (const Change& c : a.changes) {
            h.add(c.id);
            h.add(c.z);
            h.add(c.found);
            h.add(c.produced);
        }
    };
    for (const auto& [author, history] : histories_) {
        h.add(author);
        h.add(static_cast<std::uint64_t>(history.undo.size()));
        for (const Action& a : history.undo) add_action(a);
        h.add(static_cast<std::uint64_t>(history.redo.size()));
        for (const Action& a : history.redo) add_action(a);
    }
    return h.digest();
}

}  // namespace squiggle
