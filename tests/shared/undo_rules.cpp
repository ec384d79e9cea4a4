// The conflict and undo/redo rules of docs/UNDO.md, one scenario each.
#include <catch2/catch.hpp>

#include "squiggle/board.hpp"
#include "squiggle/object_geometry.hpp"

using namespace squiggle;

namespace {

constexpr std::uint64_t A = 1, B = 2, C = 3;

// A board fed in server order, one author per op.
struct Session {
    Board board;
    Board::ApplyResult op(std::uint64_t author, Op o) {
        const auto seq = board.head_seq() + 1;
        return board.apply({seq, author, seq, 0, std::move(o)});
    }
    const Object* get(ObjectId id) const { return board.find(id); }
    Point at(ObjectId id) const { return anchor(*board.find(id)); }
    // The objects in stacking order, as ids.
    std::vector<ObjectId> order() const {
        std::vector<ObjectId> ids;
        for (const auto& [z, o] : board.objects_by_z()) ids.push_back(id_of(o));
        return ids;
    }
};

StrokeOp stroke(ObjectId id, Point start = {0, 0}, int points = 6) {
    StrokeOp s{id, 0x000000FF, 32, {}};
    for (int i = 0; i < points; ++i) s.points.push_back({start.x + i * 16, start.y});
    return s;
}

TransformOp move(const Session& s, ObjectId id, std::int32_t dx, std::int32_t dy) {
    return TransformOp{{id}, {s.at(id)}, dx, dy, {}, TransformOp::kScaleOne};
}

}  // namespace

TEST_CASE("undo removes my latest object; redo puts it back in its place") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(B, stroke({B, 1}));
    s.op(A, stroke({A, 2}));
    const auto before = s.order();
    CHECK(s.op(A, UndoOp{}) == Board::ApplyResult::kApplied);
    CHECK(s.order() == std::vector<ObjectId>{{A, 1}, {B, 1}});
    CHECK(s.op(A, RedoOp{}) == Board::ApplyResult::kApplied);
    CHECK(s.order() == before);
    CHECK(s.op(A, RedoOp{}) == Board::ApplyResult::kNoOp);  // nothing left to redo
}

TEST_CASE("an op on an object that no longer exists is a no-op") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(B, EraseOp{{{A, 1}}});
    CHECK(s.op(A, TransformOp{{{A, 1}}, {{0, 0}}, 10, 10, {}, 1024}) == Board::ApplyResult::kNoOp);
    CHECK(s.op(A, StyleOp{{{A, 1}}, 0xFF0000FF, {}, {}}) == Board::ApplyResult::kNoOp);
    CHECK(s.op(C, EraseOp{{{A, 1}}}) == Board::ApplyResult::kNoOp);
    CHECK(s.op(C, PartialEraseOp{{A, 1}, {{{C, 1}, 0, 2}}}) == Board::ApplyResult::kNoOp);
    CHECK(s.board.object_count() == 0);
    // Ids are never reused: re-creating an erased id is a no-op too.
    CHECK(s.op(A, stroke({A, 1})) == Board::ApplyResult::kNoOp);
}

TEST_CASE("concurrent moves: the last in server order wins") {
    Session s;
    s.op(A, stroke({A, 1}, {100, 100}));
    // A and B both saw the stroke at (100, 100) and dragged it.
    const TransformOp by_a{{{A, 1}}, {{100, 100}}, 50, 0, {}, 1024};
    const TransformOp by_b{{{A, 1}}, {{100, 100}}, 0, 80, {}, 1024};
    s.op(A, by_a);
    s.op(B, by_b);
    CHECK(s.at({A, 1}) == Point{100, 180});  // B's move, not the sum of both
}

TEST_CASE("concurrent style changes: the last in server order wins, per property") {
    Session s;
    s.op(A, ShapeOp{{A, 1}, ShapeKind::kRectangle, {0, 0}, {160, 160}, 0x000000FF, 16, 0});
    s.op(A, StyleOp{{{A, 1}}, 0xFF0000FF, {}, {}});
    s.op(B, StyleOp{{{A, 1}}, 0x0000FFFF, 64u, {}});
    const auto& shape = std::get<ShapeOp>(*s.get({A, 1}));
    CHECK(shape.color == 0x0000FFFF);
    CHECK(shape.width == 64);
}

TEST_CASE("undo after someone else moved the same object") {
    SECTION("undoing my move leaves it where they put it, and undoes my earlier action instead") {
        Session s;
        s.op(B, stroke({B, 1}, {0, 0}));
        s.op(A, stroke({A, 1}, {0, 500}));
        s.op(A, move(s, {B, 1}, 100, 0));
        s.op(B, move(s, {B, 1}, 0, 100));
        CHECK(s.op(A, UndoOp{}) == Board::ApplyResult::kApplied);
        CHECK(s.at({B, 1}) == Point{100, 100});  // B's later move stands
        CHECK(s.get({A, 1}) == nullptr);           // A's stroke was the latest undoable action
    }
    SECTION("undoing my move when nobody touched it since restores the old place exactly") {
        Session s;
        s.op(B, stroke({B, 1}, {0, 0}));
        s.op(A, TransformOp{{{B, 1}}, {{0, 0}}, 333, -77, {5, 5}, 1536});
        s.op(B, stroke({B, 2}));  // unrelated
        s.op(A, UndoOp{});
        CHECK(*s.get({B, 1}) == Object{stroke({B, 1}, {0, 0})});
    }
    SECTION("undoing my creation removes it even after others moved it") {
        Session s;
        s.op(A, stroke({A, 1}));
        s.op(B, move(s, {A, 1}, 10, 10));
        s.op(A, UndoOp{});
        CHECK(s.get({A, 1}) == nullptr);
    }
    SECTION("undoing my style change keeps the properties someone changed since") {
        Session s;
        s.op(A, ShapeOp{{A, 1}, ShapeKind::kEllipse, {0, 0}, {160, 160}, 0x000000FF, 16, 0});
        s.op(A, StyleOp{{{A, 1}}, 0xFF0000FF, 48u, {}});
        s.op(B, StyleOp{{{A, 1}}, {}, 96u, {}});
        s.op(B, move(s, {A, 1}, 1000, 0));
        s.op(A, UndoOp{});
        const auto& e = std::get<ShapeOp>(*s.get({A, 1}));
        CHECK(e.color == 0x000000FF);  // mine, reverted
        CHECK(e.width == 96);          // B's, kept
        CHECK(e.from == Point{1000, 0});
    }
}

TEST_CASE("undo after someone else erased the same object") {
    Session s;
    s.op(A, stroke({A, 1}, {0, 0}));
    s.op(B, stroke({B, 1}, {0, 300}));
    s.op(A, move(s, {B, 1}, 50, 50));
    s.op(B, EraseOp{{{B, 1}}});
    // A's move has nothing left to act on: A's undo skips it and removes A's stroke.
    s.op(A, UndoOp{});
    CHECK(s.board.object_count() == 0);
    // B's undo of the erase brings B's stroke back, as it was when erased.
    s.op(B, UndoOp{});
    CHECK(s.at({B, 1}) == Point{50, 350});
}

TEST_CASE("undo of my erase brings the objects back in their old stacking order") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(B, stroke({B, 1}));
    s.op(A, stroke({A, 2}));
    const auto before = s.order();
    s.op(B, EraseOp{{{A, 1}, {A, 2}}});
    s.op(C, stroke({C, 1}));
    s.op(B, UndoOp{});
    CHECK(s.order() == std::vector<ObjectId>{{A, 1}, {B, 1}, {A, 2}, {C, 1}});
    (void)before;
}

TEST_CASE("undo of a clear restores the whole board") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(B, ShapeOp{{B, 1}, ShapeKind::kArrow, {0, 0}, {16, 16}, 0xFF, 16, 0});
    s.op(C, TextOp{{C, 1}, {0, 0}, 256, 0xFF, "hi"});
    const auto before = s.order();
    std::vector<Object> objects_before;
    for (const auto& [z, o] : s.board.objects_by_z()) objects_before.push_back(o);
    s.op(A, ClearOp{});
    CHECK(s.board.object_count() == 0);
    s.op(A, UndoOp{});
    CHECK(s.order() == before);
    std::vector<Object> objects_after;
    for (const auto& [z, o] : s.board.objects_by_z()) objects_after.push_back(o);
    CHECK(objects_after == objects_before);
    // Redo clears again.
    s.op(A, RedoOp{});
    CHECK(s.board.object_count() == 0);
}

TEST_CASE("partial erase replaces a stroke by its pieces, in its place; undo restores it") {
    Session s;
    s.op(A, stroke({A, 1}, {0, 0}, 10));
    s.op(B, stroke({B, 1}));
    s.op(C, PartialEraseOp{{A, 1}, {{{C, 1}, 0, 3}, {{C, 2}, 6, 10}}});
    CHECK(s.get({A, 1}) == nullptr);
    const auto& left = std::get<StrokeOp>(*s.get({C, 1}));
    const auto& right = std::get<StrokeOp>(*s.get({C, 2}));
    CHECK(left.points.size() == 3);
    CHECK(right.points.size() == 4);
    CHECK(right.points.front() == Point{96, 0});
    // The pieces stay below B's stroke, where A's stroke was.
    CHECK(s.order() == std::vector<ObjectId>{{C, 1}, {C, 2}, {B, 1}});

    s.op(C, UndoOp{});
    CHECK(s.order() == std::vector<ObjectId>{{A, 1}, {B, 1}});
    CHECK(*s.get({A, 1}) == Object{stroke({A, 1}, {0, 0}, 10)});
    s.op(C, RedoOp{});
    CHECK(s.order() == std::vector<ObjectId>{{C, 1}, {C, 2}, {B, 1}});
}

TEST_CASE("a partial erase with pieces outside the stroke is a no-op") {
    Session s;
    s.op(A, stroke({A, 1}, {0, 0}, 4));
    CHECK(s.op(B, PartialEraseOp{{A, 1}, {{{B, 1}, 2, 5}}}) == Board::ApplyResult::kNoOp);
    CHECK(s.op(B, PartialEraseOp{{A, 1}, {{{A, 1}, 0, 1}}}) == Board::ApplyResult::kNoOp);  // id in use
    CHECK(s.get({A, 1}) != nullptr);
}

TEST_CASE("redo after a new action does nothing: the redo stack is cut") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(A, UndoOp{});
    CHECK(s.board.redo_depth(A) == 1);
    s.op(A, stroke({A, 2}));
    CHECK(s.board.redo_depth(A) == 0);
    CHECK(s.op(A, RedoOp{}) == Board::ApplyResult::kNoOp);
    CHECK(s.get({A, 1}) == nullptr);
    // Someone else's new action does not cut my redo stack.
    s.op(A, UndoOp{});
    s.op(B, stroke({B, 1}));
    CHECK(s.op(A, RedoOp{}) == Board::ApplyResult::kApplied);
    CHECK(s.get({A, 2}) != nullptr);
}

TEST_CASE("many users undoing at once each undo their own latest action") {
    Session s;
    for (std::uint64_t round = 1; round <= 3; ++round) {
        for (std::uint64_t author : {A, B, C}) s.op(author, stroke({author, round}, {0, static_cast<std::int32_t>(round * 100)}));
    }
    // Interleaved undos, in server order.
    s.op(B, UndoOp{});
    s.op(A, UndoOp{});
    s.op(C, UndoOp{});
    s.op(A, UndoOp{});
    for (std::uint64_t author : {A, B, C}) CHECK(s.get({author, 1}) != nullptr);
    CHECK(s.get({A, 2}) == nullptr);
    CHECK(s.get({A, 3}) == nullptr);
    CHECK(s.get({B, 2}) != nullptr);
    CHECK(s.get({B, 3}) == nullptr);
    CHECK(s.get({C, 3}) == nullptr);
    // An undo with nothing left to undo changes nothing.
    Session empty;
    CHECK(empty.op(A, UndoOp{}) == Board::ApplyResult::kNoOp);
}

TEST_CASE("undo of an undo is a redo, and they can alternate") {
    Session s;
    s.op(A, stroke({A, 1}));
    s.op(A, StyleOp{{{A, 1}}, 0xFF0000FF, {}, {}});
    for (int i = 0; i < 5; ++i) {
        s.op(A, UndoOp{});
        CHECK(std::get<StrokeOp>(*s.get({A, 1})).color == 0x000000FF);
        s.op(A, RedoOp{});
        CHECK(std::get<StrokeOp>(*s.get({A, 1})).color == 0xFF0000FF);
    }
}

TEST_CASE("the undo history is bounded") {
    Session s;
    for (std::uint64_t i = 1; i <= limits::kMaxUndoDepth + 10; ++i) s.op(A, stroke({A, i}));
    CHECK(s.board.undo_depth(A) == limits::kMaxUndoDepth);
    for (std::size_t i = 0; i < limits::kMaxUndoDepth + 10; ++i) s.op(A, UndoOp{});
    CHECK(s.board.object_count() == 10);  // the oldest ten fell off the history
}

TEST_CASE("transforms scale about the pivot with exact integer rounding") {
    Session s;
    s.op(A, ShapeOp{{A, 1}, ShapeKind::kLine, {-3, 10}, {7, 20}, 0xFF, 16, 0});
    s.op(A, TransformOp{{{A, 1}}, {{-3, 10}}, 0, 0, {0, 0}, 512});  // half size
    const auto& line = std::get<ShapeOp>(*s.get({A, 1}));
    CHECK(line.from == Point{-2, 5});  // floor(-1.5) = -2
    CHECK(line.to == Point{3, 10});
    // Coordinates are clamped to the model's range.
    s.op(A, TransformOp{{{A, 1}}, {{-2, 5}}, limits::kMaxCoordinate, 0, {0, 0}, 1024});
    CHECK(std::get<ShapeOp>(*s.get({A, 1})).to.x == limits::kMaxCoordinate);
}
