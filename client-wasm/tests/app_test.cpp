// App: drawing input for editors and viewers, the cursor, idleness, banners,
// and the small identity helpers.
#include <catch2/catch.hpp>

#include "app_harness.hpp"

using namespace squiggle;
using namespace squiggle::client;
using namespace squiggle::client::test;


TEST_CASE("An editor's drag becomes a stroke") {
    Harness h;
    h.join(Role::kEditor);
    h.drag(10, 10, 50, 60);
    CHECK(h.transport.sent_of<SubmitOp>().size() == 1);
    CHECK(h.sync.pending().size() == 1);
}

TEST_CASE("A viewer's drag draws nothing and sends no op") {
    Harness h;
    h.join(Role::kViewer);
    CHECK_FALSE(h.app.can_draw());
    h.drag(10, 10, 50, 60);
    CHECK_FALSE(h.app.live_stroke().active());
    CHECK(h.transport.sent_of<SubmitOp>().empty());
    CHECK(h.sync.pending().empty());
    // ... but the others still see where the viewer points.
    REQUIRE_FALSE(h.transport.sent_of<Cursor>().empty());
}

TEST_CASE("A gesture under way when the page turns out to be a viewer is abandoned") {
    Harness h;
    h.sync.start();
    h.transport.accept();
    h.app.handle_pointer_events({PointerEvent{PointerEvent::Type::kDown, 1, PointerKind::kMouse, 5, 5}}, false);
    CHECK(h.app.live_stroke().active());
    h.transport.deliver(Welcome{kBoard, kMe, 0, Role::kViewer, ""});
    h.app.handle_pointer_events({PointerEvent{PointerEvent::Type::kUp, 1, PointerKind::kMouse, 9, 9}}, false);
    CHECK_FALSE(h.app.live_stroke().active());
    CHECK(h.transport.sent_of<SubmitOp>().empty());
}

TEST_CASE("Pointer moves become the cursor position in model units") {
    Harness h;
    h.join(Role::kEditor);
    h.app.handle_pointer_events({PointerEvent{PointerEvent::Type::kMove, 1, PointerKind::kMouse, 100, 50}}, true);
    const auto cursors = h.transport.sent_of<Cursor>();
    REQUIRE(cursors.size() == 1);
    CHECK(cursors[0].position == Point{100 * kUnitsPerPixel, 50 * kUnitsPerPixel});
}

TEST_CASE("A minute without input makes the user idle, input makes them active") {
    Harness h;
    h.join(Role::kEditor);
    h.app.update(30'000, 0);
    CHECK_FALSE(h.sync.idle());
    h.app.update(App::kIdleAfterMs + 1, 0);
    CHECK(h.sync.idle());
    h.app.update(App::kIdleAfterMs + 500, App::kIdleAfterMs + 400);
    CHECK_FALSE(h.sync.idle());
    const auto sent = h.transport.sent_of<PresenceUpdate>();
    REQUIRE(sent.size() == 3);
    CHECK(sent[1].idle);
    CHECK_FALSE(sent[2].idle);
}

TEST_CASE("A refused key becomes a banner that offers a new board") {
    Harness h("");
    h.sync.start();
    h.app.update(0, 0);
    REQUIRE(h.app.banner().has_value());
    CHECK(h.app.banner()->offer_new_board);
    CHECK_FALSE(h.app.can_draw());
    h.drag(10, 10, 50, 60);
    CHECK(h.sync.pending().empty());
    CHECK(h.app.banner()->text.find("key is wrong or missing") != std::string::npos);
    // Dismissed, it stays dismissed.
    h.app.dismiss_banner();
    h.app.update(10, 0);
    CHECK_FALSE(h.app.banner().has_value());
}

TEST_CASE("Changing name and colour tells the others and remembers them") {
    Harness h;
    h.join(Role::kEditor);
    Identity remembered;
    h.app.on_identity_changed([&](const Identity& identity) { remembered = identity; });
    h.app.set_identity(Identity{"Grace", 0xE03131FF});
    CHECK(remembered.name == "Grace");
    CHECK(remembered.color == 0xE03131FFu);
    CHECK(h.transport.sent_of<PresenceUpdate>().back().name == "Grace");
}

TEST_CASE("Identity helpers") {
    CHECK(guest_name(0) == "Guest 1000");
    CHECK(guest_name(8999) == "Guest 9999");
    CHECK(color_to_hex(0x1C7ED6FF) == "#1c7ed6");
    CHECK(color_from_hex("#1C7ED6") == std::optional<Rgba>(0x1C7ED6FF));
    CHECK_FALSE(color_from_hex("#12345").has_value());
    CHECK_FALSE(color_from_hex("123456").has_value());
    CHECK_FALSE(color_from_hex("#12345g").has_value());
}
