// Zooming, panning, zoom-to-fit and culling: the view's arithmetic and the
// navigation gestures, without a browser.
#include <catch2/catch.hpp>

#include "fakes.hpp"

#include "culling.hpp"
#include "drawn_bounds.hpp"
#include "view_navigation.hpp"
#include "view_transform.hpp"

using namespace squiggle;
using namespace squiggle::client;
using namespace squiggle::client::test;

namespace {

StrokeOp stroke(std::uint64_t counter, std::vector<Point> points, std::uint32_t width = 48) {
    StrokeOp s;
    s.id = ObjectId{7, counter};
    s.width = width;
    s.points = std::move(points);
    return s;
}

Board board_of(const std::vector<Op>& ops) {
    Board board;
    std::uint64_t seq = 0;
    for (const Op& op : ops) REQUIRE(board.apply(sequenced(++seq, op)) == Board::ApplyResult::kApplied);
    return board;
}

bool contains(const Box& outer, const Box& inner) {
    return outer.min_x <= inner.min_x && outer.min_y <= inner.min_y && outer.max_x >= inner.max_x &&
           outer.max_y >= inner.max_y;
}

PointerEvent touch(PointerEvent::Type type, int id, double x, double y) {
    return PointerEvent{type, id, PointerKind::kTouch, x, y};
}

}  // namespace

TEST_CASE("Zooming about a point keeps the model point under it fixed") {
    ViewTransform view;
    view.origin_x = 1234;
    view.origin_y = -5678;
    const double x = 321.5, y = 123.25;
    const double model_x = view.model_x(x), model_y = view.model_y(y);
    for (const double factor : {2.0, 0.5, 1.37, 0.1}) {
        view.zoom_by(factor, x, y);
        CHECK(view.model_x(x) == Approx(model_x).margin(1e-6));
        CHECK(view.model_y(y) == Approx(model_y).margin(1e-6));
    }
    CHECK(view.zoom() == Approx(2.0 * 0.5 * 1.37 * 0.1));
}

TEST_CASE("Zoom stays within its limits, still about the point") {
    ViewTransform view;
    const double model_x = view.model_x(50);
    view.zoom_by(1e6, 50, 50);
    CHECK(view.zoom() == Approx(ViewTransform::kMaxZoom));
    CHECK(view.model_x(50) == Approx(model_x));
    view.zoom_by(1e-9, 50, 50);
    CHECK(view.zoom() == Approx(ViewTransform::kMinZoom));
}

TEST_CASE("Panning moves the board with the pointer") {
    ViewTransform view;
    view.zoom_to(2.0, 0, 0);
    const double model_x = view.model_x(100), model_y = view.model_y(100);
    view.pan_by(30, -20);
    CHECK(view.model_x(130) == Approx(model_x));
    CHECK(view.model_y(80) == Approx(model_y));
    // Drawing goes through the same mapping.
    CHECK(view.to_model(130, 80) == Point{static_cast<std::int32_t>(std::lround(model_x)),
                                          static_cast<std::int32_t>(std::lround(model_y))});
}

TEST_CASE("Zoom-to-fit shows every object's bounds") {
    const Board board = board_of({stroke(1, {{0, 0}, {1600, 800}}),
                                  stroke(2, {{-400'000, 90'000}, {-390'000, 95'000}}, 160),
                                  stroke(3, {{2'000'000, -3'000'000}})});
    ViewTransform view;
    const double w = 1000, h = 700;
    zoom_to_fit(view, board, w, h);
    const Box visible = view.visible_box(w, h);
    for (const auto& [z, object] : board.objects_by_z()) {
        CHECK(contains(visible, drawn_bounds(object)));
    }
    // ... and not much more: the whole board spans one of the canvas's sides.
    const Box all = *board_bounds(board);
    const double shown_w = (static_cast<double>(all.max_x) - all.min_x) / view.units_per_css_px;
    const double shown_h = (static_cast<double>(all.max_y) - all.min_y) / view.units_per_css_px;
    CHECK(std::max(shown_w / (w - 2 * ViewNavigation::kFitMargin), shown_h / (h - 2 * ViewNavigation::kFitMargin)) ==
          Approx(1.0));
}

TEST_CASE("Zoom-to-fit of a small drawing shows it at 100%, centred") {
    const Board board = board_of({stroke(1, {{1600, 1600}, {3200, 3200}})});
    ViewTransform view;
    view.zoom_to(5.0, 0, 0);
    zoom_to_fit(view, board, 800, 600);
    CHECK(view.zoom() == Approx(1.0));
    CHECK(view.css_x(2400) == Approx(400));
    CHECK(view.css_y(2400) == Approx(300));
}

TEST_CASE("Culling drops objects outside the visible area and merges neighbours") {
    const Board board = board_of({stroke(1, {{0, 0}, {160, 160}}),                 // on screen
                                  stroke(2, {{100'000, 100'000}, {100'160, 100'160}}),  // far away
                                  stroke(3, {{800, 800}}),                          // on screen
                                  stroke(4, {{1000, 1000}, {1100, 1000}})});        // on screen
    std::vector<ObjectSpan> spans;
    std::size_t next = 0;
    for (const auto& [z, object] : board.objects_by_z()) {
        spans.push_back(ObjectSpan{drawn_bounds(object), next, 6});
        next += 6;
    }
    ViewTransform view;
    const Box visible = view.visible_box(400, 300);  // 6400 x 4800 units
    std::size_t drawn = 0;
    const std::vector<DrawRun> runs = visible_runs(spans, visible, &drawn);
    CHECK(drawn == 3);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0] == DrawRun{0, 6});
    CHECK(runs[1] == DrawRun{12, 12});

    // Panned to the far stroke, only it is drawn.
    view.origin_x = 99'000;
    view.origin_y = 99'000;
    CHECK(visible_runs(spans, view.visible_box(400, 300), &drawn) == std::vector<DrawRun>{{6, 6}});
    CHECK(drawn == 1);
    // An object just outside the edge, but whose width reaches in, is drawn.
    const Box edge = drawn_bounds(stroke(5, {{-20, 0}}, 64));
    CHECK(overlaps(edge, ViewTransform{}.visible_box(10, 10)));
}

TEST_CASE("The wheel zooms about the pointer; ctrl+wheel (a pinch) too, finer") {
    ViewNavigation nav;
    ViewTransform view;
    const double model_x = view.model_x(200), model_y = view.model_y(150);
    nav.wheel(WheelInput{200, 150, 0, -100, false, false}, view);
    CHECK(view.zoom() > 1.1);
    CHECK(view.model_x(200) == Approx(model_x));
    CHECK(view.model_y(150) == Approx(model_y));
    const double zoom = view.zoom();
    nav.wheel(WheelInput{200, 150, 0, 10, true, false}, view);
    CHECK(view.zoom() < zoom);
    CHECK(view.zoom() > zoom * 0.8);
    CHECK(view.model_x(200) == Approx(model_x));
}

TEST_CASE("Keys zoom about the centre, 0 goes back to 100%, Shift+1 fits") {
    ViewNavigation nav;
    ViewTransform view;
    const Board board = board_of({stroke(1, {{-50'000, -50'000}, {90'000, 60'000}})});
    const double centre_x = view.model_x(500);
    nav.key(ViewKey::kZoomIn, view, 1000, 800, board);
    CHECK(view.zoom() == Approx(ViewNavigation::kKeyZoomStep));
    CHECK(view.model_x(500) == Approx(centre_x));
    nav.key(ViewKey::kZoomOut, view, 1000, 800, board);
    nav.key(ViewKey::kZoomOut, view, 1000, 800, board);
    CHECK(view.zoom() == Approx(1 / ViewNavigation::kKeyZoomStep));
    nav.key(ViewKey::kZoomReset, view, 1000, 800, board);
    CHECK(view.zoom() == Approx(1.0));
    nav.key(ViewKey::kFit, view, 1000, 800, board);
    CHECK(contains(view.visible_box(1000, 800), *board_bounds(board)));
}

TEST_CASE("Middle-button and space drags pan and draw nothing; the main button draws") {
    ViewNavigation nav;
    ViewTransform view;
    PointerEvent down{PointerEvent::Type::kDown, 1, PointerKind::kMouse, 100, 100};
    down.button = 1;
    const PointerEvent move{PointerEvent::Type::kMove, 1, PointerKind::kMouse, 130, 90};
    const PointerEvent up{PointerEvent::Type::kUp, 1, PointerKind::kMouse, 130, 90};
    const double model_x = view.model_x(100), model_y = view.model_y(100);
    auto out = nav.filter({down, move, up}, view, false);
    CHECK(out.for_drawing.empty());
    CHECK(view.model_x(130) == Approx(model_x));
    CHECK(view.model_y(90) == Approx(model_y));

    nav.set_space_held(true);
    down.button = 0;
    out = nav.filter({down, move}, view, false);
    CHECK(out.for_drawing.empty());
    CHECK(nav.navigating());
    out = nav.filter({up}, view, false);
    CHECK_FALSE(nav.navigating());
    nav.set_space_held(false);

    const ViewTransform before = view;
    out = nav.filter({down, move, up}, view, false);
    CHECK(out.for_drawing.size() == 3);
    CHECK(view.origin_x == before.origin_x);
    // Over the interface a middle drag does not pan.
    down.button = 1;
    out = nav.filter({down, move, up}, view, true);
    CHECK(view.origin_x == before.origin_x);
}

TEST_CASE("Two fingers pinch-zoom and pan; the first finger's stroke is abandoned") {
    ViewNavigation nav;
    ViewTransform view;
    // One finger draws...
    auto out = nav.filter({touch(PointerEvent::Type::kDown, 5, 100, 100), touch(PointerEvent::Type::kMove, 5, 110, 100)},
                          view, false);
    CHECK(out.for_drawing.size() == 2);
    CHECK_FALSE(out.abandon_drawing);
    // ...until a second lands: from then on both navigate.
    const double model_x = view.model_x(160), model_y = view.model_y(100);  // under the midpoint
    out = nav.filter({touch(PointerEvent::Type::kDown, 6, 210, 100)}, view, false);
    CHECK(out.for_drawing.empty());
    CHECK(out.abandon_drawing);
    // Spread to twice the distance, midpoint moved by (+40, +30).
    out = nav.filter({touch(PointerEvent::Type::kMove, 5, 100, 130), touch(PointerEvent::Type::kMove, 6, 300, 130)},
                     view, false);
    CHECK(out.for_drawing.empty());
    CHECK(view.zoom() == Approx(2.0));
    CHECK(view.model_x(200) == Approx(model_x));
    CHECK(view.model_y(130) == Approx(model_y));
    // Lifting one finger ends the pinch; the other does not start drawing.
    out = nav.filter({touch(PointerEvent::Type::kUp, 6, 300, 130), touch(PointerEvent::Type::kMove, 5, 90, 140)}, view,
                     false);
    CHECK(out.for_drawing.empty());
    out = nav.filter({touch(PointerEvent::Type::kUp, 5, 90, 140)}, view, false);
    CHECK(out.for_drawing.empty());
    // The next single touch draws again.
    out = nav.filter({touch(PointerEvent::Type::kDown, 7, 10, 10)}, view, false);
    CHECK(out.for_drawing.size() == 1);
}

TEST_CASE("Zoom-to-fit keeps clear of the interface at the top, unless that leaves too little room") {
    const Board board = board_of({stroke(1, {{0, 0}, {160'000, 48'000}})});
    ViewTransform view;
    zoom_to_fit(view, board, 1000, 700, 250);
    const Box all = *board_bounds(board);
    CHECK(view.css_y(all.min_y) >= 250 + ViewNavigation::kFitMargin - 1e-6);
    CHECK(view.css_y(all.max_y) <= 700 - ViewNavigation::kFitMargin + 1e-6);
    CHECK(view.css_x(all.min_x) >= ViewNavigation::kFitMargin - 1e-6);
    // Centred in the free part.
    CHECK((view.css_y(all.min_y) + view.css_y(all.max_y)) / 2 == Approx(250 + 450.0 / 2));
    // A panel covering most of a small canvas is ignored: everything is still on screen.
    zoom_to_fit(view, board, 400, 300, 250);
    CHECK(contains(view.visible_box(400, 300), all));
    CHECK(view.css_y(all.min_y) < 250);
}
