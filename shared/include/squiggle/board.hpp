#pragma once
// The board: the state that replaying a board's ordered log produces. Every
// replica applies the same ops in the same order and so holds the same board,
// which the state hash lets anyone check. The rules for conflicts and for
// undo/redo are written down in docs/UNDO.md; this is their implementation.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "squiggle/op.hpp"

namespace squiggle {

// Everything that can be on a board: the state of an object is the op that
// created it, as later ops changed it.
using Object = std::variant<StrokeOp, ShapeOp, TextOp>;

const ObjectId& id_of(const Object& object);

class Board {
public:
    enum class ApplyResult {
        kApplied,
        kNoOp,       // in order, but changed nothing (e.g. an op on erased objects)
        kOutOfOrder  // seq was not head_seq() + 1: the caller must apply in order
    };

    ApplyResult apply(const SequencedOp& op);

    std::uint64_t head_seq() const { return head_seq_; }
    std::size_t object_count() const { return by_z_.size(); }

    // Objects from back to front, keyed by z position.
    const std::map<std::uint64_t, Object>& objects_by_z() const { return by_z_; }
    const Object* find(const ObjectId& id) const;

    // Bumped on every change; lets views skip work when nothing changed.
    std::uint64_t revision() const { return revision_; }
    // Bumped on every change other than adding an object on top: while it
    // stays the same, a view can just append the objects above the last z it saw.
    std::uint64_t layout_revision() const { return layout_revision_; }

    // What each author could undo and redo right now (for enabling buttons).
    std::size_t undo_depth(std::uint64_t author) const;
    std::size_t redo_depth(std::uint64_t author) const;

    // XXH64 over a canonical little-endian encoding of everything that
    // decides the board's future: objects, their z and revisions, and every
    // author's undo/redo history. Equal on every platform for equal boards.
    std::uint64_t state_hash() const;

    // The whole board at head_seq() in a compact binary form; restoring it and
    // applying the later ops gives exactly the board of a full replay.
    std::string snapshot() const;
    // nullopt when `bytes` is not a valid snapshot.
    static std::optional<Board> from_snapshot(std::string_view bytes);

    template <class Archive>
    void serialize(Archive& ar);

    // One object's part in an action: its state before and after the action's
    // latest application (nullopt: it did not exist).
    struct Change {
        ObjectId id;
        std::uint64_t z = 0;
        std::optional<Object> found;
        std::optional<Object> produced;

        template <class Archive>
        void serialize(Archive& ar);
    };
    // Something an author did that they can undo (and then redo).
    struct Action {
        std::uint64_t applied_seq = 0;  // seq of the latest application (op, undo or redo)
        std::vector<Change> changes;

        template <class Archive>
        void serialize(Archive& ar);
    };
    struct History {
        std::deque<Action> undo;
        std::vector<Action> redo;

        template <class Archive>
        void serialize(Archive& ar);
    };
    struct Meta {
        std::uint64_t z = 0;
        std::uint64_t rev = 0;  // seq of the latest change, removal included
        bool alive = false;

        template <class Archive>
        void serialize(Archive& ar) {
            ar(z, rev, alive);
        }
    };

private:
    std::optional<Action> apply_op(std::uint64_t seq, std::uint64_t author, const Op& op);
    void create(std::uint64_t seq, Object object, Action& action);
    void set_state(std::uint64_t seq, const ObjectId& id, std::uint64_t z, const std::optional<Object>& state);
    std::optional<Object> current(const ObjectId& id) const;
    // Reverses an action's latest application; empty when that changes nothing.
    std::optional<Action> reverse(std::uint64_t seq, const Action& action);
    bool undo(std::uint64_t seq, std::uint64_t author);
    bool redo(std::uint64_t seq, std::uint64_t author);
    std::uint64_t z_for_piece(std::uint64_t target_z, std::size_t index, std::size_t count) const;

    std::uint64_t head_seq_ = 0;
    std::uint64_t revision_ = 0;
    std::uint64_t layout_revision_ = 0;
    std::uint64_t next_z_ = 0;
    std::map<ObjectId, Meta> meta_;                 // every id ever used, alive or not
    std::map<std::uint64_t, ObjectId> z_owner_;     // every z ever used
    std::map<std::uint64_t, Object> by_z_;          // the objects on the board
    std::map<std::uint64_t, History> histories_;    // by author
};

}  // namespace squiggle
