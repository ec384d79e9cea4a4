// The tools: each turns a pointer gesture into the right op; selection picks
// the right objects; shortcuts switch tools, undo and redo, and stay quiet
// while text is typed.
#include <catch2/catch.hpp>

#include <cmath>

#include "app_harness.hpp"
#include "stroke_cutter.hpp"

using namespace squiggle;
using namespace squiggle::client;
using namespace squiggle::client::test;

namespace {

constexpr std::int32_t U = kUnitsPerPixel;

Point px(std::int32_t x, std::int32_t y) {
    return Point{x * U, y * U};
}

KeyPress letter(char c, bool ctrl = false, bool shift = false, bool meta = false) {
    KeyPress k;
    k.letter = c;
    k.ctrl = ctrl;
    k.shift = shift;
    k.meta = meta;
    return k;
}

KeyPress special(KeyPress::Special s) {
    KeyPress k;
    k.special = s;
    return k;
}

// A horizontal pen stroke from (x0, y) to (x1, y), one sample every 2 px.
void pen_line(Harness& h, double x0, double x1, double y) {
    std::vector<std::pair<double, double>> path;
    for (double x = x0; x <= x1; x += 2) path.emplace_back(x, y);
    h.gesture(path);
}

}  // namespace

TEST_CASE("The pen sends one smoothed stroke that starts and ends where the pointer did") {
    Harness h;
    h.join(Role::kEditor);
    h.app.set_color(0xE03131FF);
    h.app.set_width(6);
    // A line along y = 100 with a pixel and a half of jitter.
    std::vector<std::pair<double, double>> path;
    for (int i = 0; i <= 40; ++i) path.emplace_back(100 + i * 5, 100 + ((i % 2) ? 1.5 : -1.5));
    path.back().second = 100;
    h.gesture(path);
    const StrokeOp stroke = h.last_op<StrokeOp>();
    CHECK(stroke.color == 0xE03131FFu);
    CHECK(stroke.width == 6u * U);
    CHECK(stroke.id == ObjectId{kMe, 1});
    CHECK(stroke.points.front() == Point{100 * U, std::lround(98.5 * U)});
    CHECK(stroke.points.back() == px(300, 100));
    // Inside, the smoothed points stay closer to the line than the samples did.
    double worst = 0;
    for (std::size_t i = 2; i + 1 < stroke.points.size(); ++i) {
        worst = std::max(worst, std::abs(stroke.points[i].y - 100.0 * U));
    }
    CHECK(worst < 1.0 * U);
    CHECK(worst > 0);
}

TEST_CASE("The pen fills long jumps with points at most a few pixels apart") {
    Harness h;
    h.join(Role::kEditor);
    h.drag(10, 10, 210, 10);
    const StrokeOp stroke = h.last_op<StrokeOp>();
    CHECK(stroke.points.front() == px(10, 10));
    CHECK(stroke.points.back() == px(210, 10));
    CHECK(stroke.points.size() >= 50);
    for (std::size_t i = 1; i < stroke.points.size(); ++i) {
        const double gap = std::hypot(double(stroke.points[i].x - stroke.points[i - 1].x),
                                      double(stroke.points[i].y - stroke.points[i - 1].y));
        CHECK(gap <= kPenMaxSpacingPx * U + 1);
    }
}

TEST_CASE("Shape tools turn a drag into a line, rectangle, ellipse or arrow") {
    Harness h;
    h.join(Role::kEditor);
    h.app.set_fill(true, 0xFFEC99FF);
    const std::pair<ToolKind, ShapeKind> cases[] = {{ToolKind::kLine, ShapeKind::kLine},
                                                    {ToolKind::kRectangle, ShapeKind::kRectangle},
                                                    {ToolKind::kEllipse, ShapeKind::kEllipse},
                                                    {ToolKind::kArrow, ShapeKind::kArrow}};
    for (const auto& [tool, kind] : cases) {
        h.app.set_tool(tool);
        h.drag(10, 20, 110, 70);
        const ShapeOp shape = h.last_op<ShapeOp>();
        CHECK(shape.kind == kind);
        CHECK(shape.from == px(10, 20));
        CHECK(shape.to == px(110, 70));
        CHECK(shape.color == h.app.settings().color);
        // Only closed shapes take the fill.
        const bool closed = kind == ShapeKind::kRectangle || kind == ShapeKind::kEllipse;
        CHECK(shape.fill == (closed ? 0xFFEC99FFu : 0u));
    }
    // While dragging, the shape is previewed; a click without a drag makes nothing.
    h.app.set_tool(ToolKind::kRectangle);
    h.app.handle_pointer_events({Harness::event(PointerEvent::Type::kDown, 5, 5),
                                 Harness::event(PointerEvent::Type::kMove, 50, 50)},
                                false);
    REQUIRE(h.app.preview().size() == 1);
    CHECK(std::get<ShapeOp>(h.app.preview()[0]).to == px(50, 50));
    h.app.handle_pointer_events({Harness::event(PointerEvent::Type::kUp, 50, 50)}, false);
    const std::size_t sent = h.ops().size();
    h.click(200, 200);
    CHECK(h.ops().size() == sent);
}

TEST_CASE("Text: a click places it, Enter or a click elsewhere commits it, Escape drops it") {
    Harness h;
    h.join(Role::kEditor);
    h.app.set_tool(ToolKind::kText);
    h.app.set_text_size(32);
    h.click(40, 50);
    REQUIRE(h.app.text_tool().editing().has_value());
    CHECK(h.app.text_tool().editing()->position == px(40, 50));
    h.app.text_tool().set_text("Hello");
    h.app.text_tool().commit();  // what Enter does
    TextOp text = h.last_op<TextOp>();
    CHECK(text.text == "Hello");
    CHECK(text.position == px(40, 50));
    CHECK(text.size == 32u * U);
    CHECK_FALSE(h.app.text_tool().editing().has_value());

    // A click away commits the text being typed and starts no new one.
    h.click(100, 100);
    h.app.text_tool().set_text("World");
    h.click(300, 300);
    CHECK(h.last_op<TextOp>().text == "World");
    CHECK_FALSE(h.app.text_tool().editing().has_value());

    // Escape drops it; empty text sends nothing.
    const std::size_t sent = h.ops().size();
    h.click(100, 200);
    h.app.text_tool().set_text("gone");
    CHECK(h.app.handle_key(special(KeyPress::Special::kEscape), true));
    CHECK_FALSE(h.app.text_tool().editing().has_value());
    h.click(100, 200);
    h.click(150, 250);
    CHECK(h.ops().size() == sent);
}

TEST_CASE("The eraser removes every object it touches in one op") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);  // id 1
    pen_line(h, 100, 200, 200);  // id 2
    h.app.set_tool(ToolKind::kRectangle);
    h.drag(300, 80, 400, 220);   // id 3
    h.app.set_tool(ToolKind::kEraser);
    // Down through the first stroke and across the rectangle's left edge.
    h.gesture({{150, 80}, {150, 120}, {300, 150}});
    const EraseOp erase = h.last_op<EraseOp>();
    CHECK(erase.ids == std::vector<ObjectId>{{kMe, 1}, {kMe, 3}});
    // Shown gone at once, before the server confirms.
    CHECK(h.app.shown_board().object_count() == 1);
}

TEST_CASE("In partial mode the eraser cuts a stroke into the pieces it did not touch") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 300, 100);
    const StrokeOp stroke = h.last_op<StrokeOp>();
    h.app.set_tool(ToolKind::kEraser);
    h.app.set_partial_erase(true);
    h.gesture({{200, 60}, {200, 140}});
    const PartialEraseOp cut = h.last_op<PartialEraseOp>();
    CHECK(cut.target == stroke.id);
    REQUIRE(cut.pieces.size() == 2);
    // The pieces keep the points left and right of the eraser, with new ids.
    const double reach = h.app.eraser_tool().radius() + stroke.width * 0.5;
    CHECK(cut.pieces[0].begin == 0);
    CHECK(stroke.points[cut.pieces[0].end - 1].x < 200 * U - reach);
    CHECK(stroke.points[cut.pieces[0].end].x >= 200 * U - reach);
    CHECK(cut.pieces[1].end == stroke.points.size());
    CHECK(stroke.points[cut.pieces[1].begin].x > 200 * U + reach);
    CHECK(cut.pieces[0].id != cut.pieces[1].id);
    CHECK(cut.pieces[0].id.author == kMe);
    // The board shows the two pieces instead of the stroke.
    CHECK(h.app.shown_board().object_count() == 2);
    CHECK(h.app.shown_board().find(stroke.id) == nullptr);
}

TEST_CASE("A path that misses a stroke leaves it alone; one over all of it removes it") {
    StrokeOp stroke;
    stroke.id = {1, 1};
    stroke.width = 2 * U;
    for (int i = 0; i < 10; ++i) stroke.points.push_back(px(i * 10, 0));
    std::uint64_t counter = 0;
    const auto next = [&] { return ObjectId{1, 100 + ++counter}; };
    CHECK_FALSE(cut_stroke(stroke, {px(0, 50), px(90, 50)}, 6 * U, next).has_value());
    const auto all = cut_stroke(stroke, {px(-10, 0), px(100, 0)}, 6 * U, next);
    REQUIRE(all.has_value());
    CHECK(all->pieces.empty());
}

TEST_CASE("Select: click picks the topmost object, Shift adds, empty space clears") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);  // id 1
    h.app.set_tool(ToolKind::kEllipse);
    h.drag(300, 50, 400, 150);   // id 2
    h.app.set_tool(ToolKind::kSelect);
    h.click(150, 101);
    CHECK(h.app.selected() == Selection{{kMe, 1}});
    h.click(300, 100, true);  // the ellipse's left edge, with Shift
    CHECK(h.app.selected() == Selection{{kMe, 1}, {kMe, 2}});
    h.click(150, 101, true);  // Shift again takes it out
    CHECK(h.app.selected() == Selection{{kMe, 2}});
    h.click(600, 400);
    CHECK(h.app.selected().empty());
    // Selecting sends nothing.
    CHECK(h.ops().size() == 2);
}

TEST_CASE("Box select picks the objects entirely inside the box") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);  // id 1
    pen_line(h, 100, 200, 200);  // id 2
    h.app.set_tool(ToolKind::kLine);
    h.drag(150, 300, 500, 300);  // id 3, sticks out of the box
    h.app.set_tool(ToolKind::kSelect);
    h.drag(80, 80, 320, 320);
    CHECK(h.app.selected() == Selection{{kMe, 1}, {kMe, 2}});
    // Shift keeps what was selected.
    h.click(500, 300);
    CHECK(h.app.selected() == Selection{{kMe, 3}});
    h.gesture({{80, 80}, {250, 150}}, true);
    CHECK(h.app.selected() == Selection{{kMe, 1}, {kMe, 3}});
}

TEST_CASE("Dragging the selection moves it with one transform op") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);  // id 1
    h.app.set_tool(ToolKind::kRectangle);
    h.drag(300, 50, 400, 150);   // id 2
    h.app.set_tool(ToolKind::kSelect);
    h.drag(80, 40, 420, 160);    // both
    REQUIRE(h.app.selected().size() == 2);
    h.gesture({{150, 100}, {170, 130}, {190, 160}});
    const TransformOp move = h.last_op<TransformOp>();
    CHECK(move.ids == std::vector<ObjectId>{{kMe, 1}, {kMe, 2}});
    CHECK(move.dx == 40 * U);
    CHECK(move.dy == 60 * U);
    CHECK(move.scale == TransformOp::kScaleOne);
    REQUIRE(move.origins.size() == 2);
    CHECK(move.origins[0] == px(100, 100));  // the stroke's first point
    CHECK(move.origins[1] == px(300, 50));   // the rectangle's `from`
    const Object* moved = h.app.shown_board().find({kMe, 2});
    REQUIRE(moved != nullptr);
    CHECK(std::get<ShapeOp>(*moved).from == px(340, 110));
}

TEST_CASE("Delete and Backspace erase the selection") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);
    pen_line(h, 100, 200, 200);
    h.app.set_tool(ToolKind::kSelect);
    h.click(150, 200);
    CHECK(h.app.handle_key(special(KeyPress::Special::kDelete), false));
    CHECK(h.last_op<EraseOp>().ids == std::vector<ObjectId>{{kMe, 2}});
    CHECK(h.app.selected().empty());
    h.click(150, 100);
    h.app.handle_key(special(KeyPress::Special::kBackspace), false);
    CHECK(h.last_op<EraseOp>().ids == std::vector<ObjectId>{{kMe, 1}});
    // Nothing selected: nothing sent.
    const std::size_t sent = h.ops().size();
    h.app.handle_key(special(KeyPress::Special::kDelete), false);
    CHECK(h.ops().size() == sent);
}

TEST_CASE("Colour, width and fill changes restyle the selection") {
    Harness h;
    h.join(Role::kEditor);
    h.app.set_tool(ToolKind::kRectangle);
    h.drag(100, 100, 200, 200);
    const std::size_t drawn = h.ops().size();
    // Without a selection only the settings change.
    h.app.set_color(0x2F9E44FF);
    CHECK(h.ops().size() == drawn);
    h.app.set_tool(ToolKind::kSelect);
    h.click(100, 150);
    h.app.set_color(0xE03131FF);
    StyleOp style = h.last_op<StyleOp>();
    CHECK(style.ids == std::vector<ObjectId>{{kMe, 1}});
    CHECK(style.color == std::optional<Rgba>(0xE03131FF));
    CHECK_FALSE(style.width.has_value());
    h.app.set_width(10);
    h.app.apply_width_to_selection();
    CHECK(h.last_op<StyleOp>().width == std::optional<std::uint32_t>(10 * U));
    h.app.set_fill(true, 0xFFEC99FF);
    CHECK(h.last_op<StyleOp>().fill == std::optional<Rgba>(0xFFEC99FF));
    h.app.set_fill(false, 0xFFEC99FF);
    CHECK(h.last_op<StyleOp>().fill == std::optional<Rgba>(0));
    const Object* shown = h.app.shown_board().find({kMe, 1});
    REQUIRE(shown != nullptr);
    CHECK(std::get<ShapeOp>(*shown).color == 0xE03131FFu);
}

TEST_CASE("Letter shortcuts pick tools, but not while typing") {
    Harness h;
    h.join(Role::kEditor);
    const std::pair<char, ToolKind> keys[] = {{'L', ToolKind::kLine},    {'R', ToolKind::kRectangle},
                                              {'O', ToolKind::kEllipse}, {'A', ToolKind::kArrow},
                                              {'T', ToolKind::kText},    {'E', ToolKind::kEraser},
                                              {'V', ToolKind::kSelect},  {'P', ToolKind::kPen}};
    for (const auto& [key, tool] : keys) {
        CHECK(h.app.handle_key(letter(key), false));
        CHECK(h.app.tool_kind() == tool);
    }
    // A text field of the interface has the keyboard.
    CHECK_FALSE(h.app.handle_key(letter('L'), true));
    CHECK(h.app.tool_kind() == ToolKind::kPen);
    // The text tool is typing.
    h.app.set_tool(ToolKind::kText);
    h.click(50, 50);
    CHECK_FALSE(h.app.handle_key(letter('P'), false));
    CHECK_FALSE(h.app.handle_key(special(KeyPress::Special::kBackspace), false));
    CHECK(h.app.tool_kind() == ToolKind::kText);
    // Ctrl with a letter is the browser's, not a tool.
    h.app.text_tool().cancel();
    CHECK_FALSE(h.app.handle_key(letter('R', true), false));
    CHECK(h.app.tool_kind() == ToolKind::kText);
}

TEST_CASE("Undo and redo keys and buttons send the shared undo and redo ops") {
    Harness h;
    h.join(Role::kEditor);
    h.app.handle_key(letter('Z', true), false);
    CHECK(std::holds_alternative<UndoOp>(h.ops().back()));
    h.app.handle_key(letter('Z', true, true), false);
    CHECK(std::holds_alternative<RedoOp>(h.ops().back()));
    h.app.handle_key(letter('Y', true), false);
    CHECK(std::holds_alternative<RedoOp>(h.ops().back()));
    h.app.handle_key(letter('Z', false, false, true), false);  // Cmd+Z
    CHECK(std::holds_alternative<UndoOp>(h.ops().back()));
    CHECK(h.ops().size() == 4);
    // Not while typing.
    h.app.handle_key(letter('Z', true), true);
    CHECK(h.ops().size() == 4);
    // An undone stroke is gone from the shown board at once; redo brings it back.
    pen_line(h, 100, 200, 100);
    CHECK(h.app.can_undo());
    h.app.undo();
    CHECK(h.app.shown_board().object_count() == 0);
    CHECK(h.app.can_redo());
    h.app.redo();
    CHECK(h.app.shown_board().object_count() == 1);
}

TEST_CASE("Clear sends the clear op and drops the selection") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);
    h.app.set_tool(ToolKind::kSelect);
    h.click(150, 100);
    h.app.clear_board();
    CHECK(std::holds_alternative<ClearOp>(h.ops().back()));
    CHECK(h.app.selected().empty());
    CHECK(h.app.shown_board().object_count() == 0);
}

TEST_CASE("Escape drops the gesture under way, or else the selection") {
    Harness h;
    h.join(Role::kEditor);
    pen_line(h, 100, 200, 100);
    h.app.set_tool(ToolKind::kSelect);
    h.click(150, 100);
    h.app.handle_key(special(KeyPress::Special::kEscape), false);
    CHECK(h.app.selected().empty());
    h.app.set_tool(ToolKind::kLine);
    h.app.handle_pointer_events({Harness::event(PointerEvent::Type::kDown, 5, 5),
                                 Harness::event(PointerEvent::Type::kMove, 50, 50)},
                                false);
    h.app.handle_key(special(KeyPress::Special::kEscape), false);
    h.app.handle_pointer_events({Harness::event(PointerEvent::Type::kUp, 50, 50)}, false);
    CHECK(h.ops().size() == 1);
}

TEST_CASE("A viewer's tools send nothing") {
    Harness h;
    h.join(Role::kViewer);
    for (const ToolKind tool : kAllTools) {
        h.app.set_tool(tool);
        h.drag(10, 10, 100, 100);
    }
    h.app.undo();
    h.app.clear_board();
    h.app.handle_key(letter('Z', true), false);
    CHECK(h.ops().empty());
}
