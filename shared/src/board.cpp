#include "squiggle/board.hpp"

#include <algorithm>
#include <set>
#include <type_traits>

#include "squiggle/object_geometry.hpp"

namespace squiggle {
namespace {

// Fresh objects are spaced this far apart in z so that the pieces of a cut
// stroke can take the cut stroke's place in the stacking order.
constexpr std::uint64_t kZStep = std::uint64_t{1} << 20;

template <class... Fs>
struct Overloaded : Fs... {
    using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

// Applies the style properties an object has; returns whether anything changed.
bool restyle(Object& object, const StyleOp& style) {
    return std::visit(Overloaded{
                          [&](StrokeOp& s) {
                              const StrokeOp old = s;
                              if (style.color) s.color = *style.color;
                              if (style.width) s.width = *style.width;
                              return !(old == s);
                          },
                          [&](ShapeOp& s) {
                              const ShapeOp old = s;
                              if (style.color) s.color = *style.color;
                              if (style.width) s.width = *style.width;
                              if (style.fill) s.fill = *style.fill;
                              return !(old == s);
                          },
                          [&](TextOp& t) {
                              const TextOp old = t;
                              if (style.color) t.color = *style.color;
                              return !(old == t);
                          },
                      },
                      object);
}

// Style merge for undo/redo after someone else changed the object: each
// property goes back to `found` only where it still has the value this
// action produced.
Object merge_style(Object current, const Object& found, const Object& produced) {
    std::visit(
        [&](auto& cur) {
            using T = std::decay_t<decltype(cur)>;
            const T& f = std::get<T>(found);
            const T& p = std::get<T>(produced);
            if (cur.color == p.color) cur.color = f.color;
            if constexpr (!std::is_same_v<T, TextOp>) {
                if (cur.width == p.width) cur.width = f.width;
            }
            if constexpr (std::is_same_v<T, ShapeOp>) {
                if (cur.fill == p.fill) cur.fill = f.fill;
            }
        },
        current);
    return current;
}

}  // namespace

const ObjectId& id_of(const Object& object) {
    return std::visit([](const auto& o) -> const ObjectId& { return o.id; }, object);
}

const Object* Board::find(const ObjectId& id) const {
    const auto it = meta_.find(id);
    if (it == meta_.end() || !it->second.alive) return nullptr;
    return &by_z_.at(it->second.z);
}

std::optional<Object> Board::current(const ObjectId& id) const {
    if (const Object* o = find(id)) return *o;
    return std::nullopt;
}

std::size_t Board::undo_depth(std::uint64_t author) const {
    const auto it = histories_.find(author);
    return it == histories_.end() ? 0 : it->second.undo.size();
}

std::size_t Board::redo_depth(std::uint64_t author) const {
    const auto it = histories_.find(author);
    return it == histories_.end() ? 0 : it->second.redo.size();
}

void Board::set_state(std::uint64_t seq, const ObjectId& id, std::uint64_t z, const std::optional<Object>& state) {
    Meta& meta = meta_[id];
    const bool added_on_top = !meta.alive && state && (by_z_.empty() || by_z_.rbegin()->first < z);
    if (!added_on_top) ++layout_revision_;
    if (meta.alive) by_z_.erase(meta.z);
    meta.z = z;
    meta.rev = seq;
    meta.alive = state.has_value();
    z_owner_[z] = id;
    if (state) by_z_[z] = *state;
}

void Board::create(std::uint64_t seq, Object object, Action& action) {
    const ObjectId id = id_of(object);
    // Ids are never reused: a second object with a known id is a no-op.
    const auto [meta, inserted] = meta_.try_emplace(id);
    if (!inserted) return;
    // A new object goes on top: appended to every z-ordered map at its end.
    next_z_ += kZStep;
    meta->second = Meta{next_z_, seq, true};
    z_owner_.emplace_hint(z_owner_.end(), next_z_, id);
    action.changes.push_back({id, next_z_, std::nullopt, object});
    by_z_.emplace_hint(by_z_.end(), next_z_, std::move(object));
}

std::uint64_t Board::z_for_piece(std::uint64_t target_z, std::size_t index, std::size_t count) const {
    // Spread the pieces over the free z range right above the cut stroke.
    const auto above = z_owner_.upper_bound(target_z);
    const std::uint64_t limit = above == z_owner_.end() ? target_z + kZStep : above->first;
    const std::uint64_t gap = limit - target_z;
    if (gap > count) return target_z + 1 + (gap - 1) / count * index;
    // No room left there (a stroke cut very many times): put it on top.
    return next_z_ + kZStep * (index + 1);
}

std::optional<Board::Action> Board::apply_op(std::uint64_t seq, std::uint64_t author, const Op& op) {
    (void)author;
    Action action;
    action.applied_seq = seq;
    std::visit(
        Overloaded{
            [&](const StrokeOp& o) { create(seq, Object{o}, action); },
            [&](const ShapeOp& o) { create(seq, Object{o}, action); },
            [&](const TextOp& o) { create(seq, Object{o}, action); },
            [&](const EraseOp& o) {
                for (const ObjectId& id : o.ids) {
                    if (auto cur = current(id)) {
                        const std::uint64_t z = meta_.at(id).z;
                        set_state(seq, id, z, std::nullopt);
                        action.changes.push_back({id, z, std::move(cur), std::nullopt});
                    }
                }
            },
            [&](const PartialEraseOp& o) {
                const Object* target = find(o.target);
                if (target == nullptr || !std::holds_alternative<StrokeOp>(*target)) return;
                const StrokeOp stroke = std::get<StrokeOp>(*target);
                // Every piece must be a non-empty range of the stroke and have a new id.
                std::vector<ObjectId> piece_ids;
                for (const StrokePiece& p : o.pieces) {
                    if (p.begin >= p.end || p.end > stroke.points.size() || meta_.count(p.id) != 0) return;
                    piece_ids.push_back(p.id);
                }
                std::sort(piece_ids.begin(), piece_ids.end());
                if (std::adjacent_find(piece_ids.begin(), piece_ids.end()) != piece_ids.end()) return;

                const std::uint64_t z = meta_.at(o.target).z;
                std::vector<std::uint64_t> piece_z;
                for (std::size_t i = 0; i < o.pieces.size(); ++i) piece_z.push_back(z_for_piece(z, i, o.pieces.size()));
                set_state(seq, o.target, z, std::nullopt);
                action.changes.push_back({o.target, z, Object{stroke}, std::nullopt});
                for (std::size_t i = 0; i < o.pieces.size(); ++i) {
                    const StrokePiece& p = o.pieces[i];
                    StrokeOp piece{p.id, stroke.color, stroke.width,
                                   std::vector<Point>(stroke.points.begin() + p.begin, stroke.points.begin() + p.end)};
                    if (piece_z[i] > next_z_) next_z_ = piece_z[i];
                    set_state(seq, p.id, piece_z[i], Object{piece});
                    action.changes.push_back({p.id, piece_z[i], std::nullopt, Object{std::move(piece)}});
                }
            },
            [&](const TransformOp& o) {
                if (o.origins.size() != o.ids.size()) return;
                std::set<ObjectId> seen;
                for (std::size_t i = 0; i < o.ids.size(); ++i) {
                    const ObjectId& id = o.ids[i];
                    auto cur = current(id);
                    if (!cur || !seen.insert(id).second) continue;
                    Object moved = transformed(placed_at(*cur, o.origins[i]), o);
                    if (moved == *cur) continue;
                    const std::uint64_t z = meta_.at(id).z;
                    set_state(seq, id, z, moved);
                    action.changes.push_back({id, z, std::move(cur), std::move(moved)});
                }
            },
            [&](const StyleOp& o) {
                std::set<ObjectId> seen;
                for (const ObjectId& id : o.ids) {
                    auto cur = current(id);
                    if (!cur || !seen.insert(id).second) continue;
                    Object styled = *cur;
                    if (!restyle(styled, o)) continue;
                    const std::uint64_t z = meta_.at(id).z;
                    set_state(seq, id, z, styled);
                    action.changes.push_back({id, z, std::move(cur), std::move(styled)});
                }
            },
            [&](const ClearOp&) {
                std::vector<std::pair<std::uint64_t, Object>> all(by_z_.begin(), by_z_.end());
                for (auto& [z, object] : all) {
                    const ObjectId id = id_of(object);
                    set_state(seq, id, z, std::nullopt);
                    action.changes.push_back({id, z, std::move(object), std::nullopt});
                }
            },
            [&](const UndoOp&) {},
            [&](const RedoOp&) {},
        },
        op);
    if (action.changes.empty()) return std::nullopt;
    return action;
}

std::optional<Board::Action> Board::reverse(std::uint64_t seq, const Action& action) {
    // Decide every object's new state first: an action is undone (or redone)
    // as a whole, or not at all when that would change nothing.
    std::vector<Change> planned;
    for (const Change& c : action.changes) {
        const Meta& meta = meta_.at(c.id);
        std::optional<Object> cur = current(c.id);
        std::optional<Object> target;
        if (meta.rev == action.applied_seq) {
            target = c.found;  // untouched since: restore exactly
        } else if (!c.found && c.produced) {
            if (!cur) continue;  // it made the object; someone removed it since
            target = std::nullopt;
        } else if (c.found && !c.produced) {
            if (cur) continue;  // it removed the object; it is back already
            target = c.found;
        } else {
            if (!cur) continue;  // it changed the object; someone removed it since
            // Someone changed it since: their geometry stays; each style
            // property goes back only where it still has this action's value.
            target = merge_style(*cur, *c.found, *c.produced);
        }
        if (target == cur) continue;
        planned.push_back({c.id, c.z, std::move(cur), std::move(target)});
    }
    if (planned.empty()) return std::nullopt;
    for (const Change& c : planned) set_state(seq, c.id, c.z, c.produced);
    Action reversed;
    reversed.applied_seq = seq;
    reversed.changes = std::move(planned);
    return reversed;
}

bool Board::undo(std::uint64_t seq, std::uint64_t author) {
    auto it = histories_.find(author);
    if (it == histories_.end()) return false;
    History& h = it->second;
    // The latest action that still changes something; the ones above it
    // (all their objects gone or already restored) are dropped.
    while (!h.undo.empty()) {
        Action action = std::move(h.undo.back());
        h.undo.pop_back();
        if (auto reversed = reverse(seq, action)) {
            h.redo.push_back(std::move(*reversed));
            return true;
        }
    }
    return false;
}

bool Board::redo(std::uint64_t seq, std::uint64_t author) {
    auto it = histories_.find(author);
    if (it == histories_.end()) return false;
    History& h = it->second;
    while (!h.redo.empty()) {
        Action action = std::move(h.redo.back());
        h.redo.pop_back();
        if (auto reversed = reverse(seq, action)) {
            h.undo.push_back(std::move(*reversed));
            return true;
        }
    }
    return false;
}

Board::ApplyResult Board::apply(const SequencedOp& op) {
    if (op.seq != head_seq_ + 1) return ApplyResult::kOutOfOrder;
    head_seq_ = op.seq;
    bool changed = false;
    if (std::holds_alternative<UndoOp>(op.op)) {
        changed = undo(op.seq, op.author);
    } else if (std::holds_alternative<RedoOp>(op.op)) {
        changed = redo(op.seq, op.author);
    } else if (auto action = apply_op(op.seq, op.author, op.op)) {
        History& h = histories_[op.author];
        h.undo.push_back(std::move(*action));
        if (h.undo.size() > limits::kMaxUndoDepth) h.undo.pop_front();
        // A new action makes the undone ones unreachable.
        h.redo.clear();
        changed = true;
    }
    if (!changed) return ApplyResult::kNoOp;
    ++revision_;
    return ApplyResult::kApplied;
}

}  // namespace squiggle
