#pragma once
// The client's state apart from transport and graphics: the drawing tool and
// its settings, the gesture in progress, who the user is to the others (name,
// colour, idle), and what the user has been told. The board and the pending
// ops live in the SyncClient that it feeds.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "notice_log.hpp"
#include "pointer_event.hpp"
#include "stroke_builder.hpp"
#include "sync_client.hpp"
#include "view_transform.hpp"

namespace squiggle::client {

struct ToolSettings {
    Rgba color = 0x1E1E1EFF;
    float width_px = 4.0f;  // pen diameter in CSS pixels at zoom 1
};

// How this user appears to the others on the board.
struct Identity {
    std::string name;
    Rgba color = 0x3366CCFF;
};

// Colours people pick for themselves: distinct, and dark enough for white
// name labels.
inline constexpr std::array<Rgba, 10> kPersonColors = {
    0xE03131FF,  // red
    0xD6336CFF,  // pink
    0xAE3EC9FF,  // grape
    0x7048E8FF,  // violet
    0x4263EBFF,  // indigo
    0x1C7ED6FF,  // blue
    0x1098ADFF,  // cyan
    0x0CA678FF,  // teal
    0x37B24DFF,  // green
    0xF76707FF,  // orange
};

// "Guest 1234" with `number` in 1000..9999 (taken modulo otherwise).
std::string guest_name(std::uint32_t number);
// "#rrggbb" for an opaque colour (alpha is dropped).
std::string color_to_hex(Rgba color);
// Reads "#rrggbb" (case-insensitive) as an opaque colour; nullopt otherwise.
std::optional<Rgba> color_from_hex(const std::string& text);

// A message the user must see and dismiss. With `offer_new_board` it comes
// with a button that starts a new board (the link cannot be used).
struct Banner {
    std::string text;
    bool offer_new_board = false;
};

class App {
public:
    // No input for this long marks the user idle for the others.
    static constexpr double kIdleAfterMs = 60'000.0;

    App(SyncClient& sync, NoticeLog& notices, Identity identity);

    SyncClient& sync() { return sync_; }
    const SyncClient& sync() const { return sync_; }
    NoticeLog& notices() { return notices_; }
    const NoticeLog& notices() const { return notices_; }

    ToolSettings& tool() { return tool_; }
    const ToolSettings& tool() const { return tool_; }
    const ViewTransform& view() const { return view_; }
    // Zooming and panning change it (ViewNavigation).
    ViewTransform& view() { return view_; }

    // False once the server said this page may only watch, or that it may
    // not open the board at all.
    bool can_draw() const { return !sync_.read_only() && sync_.refusal() == Refusal::kNone; }

    // Feeds the pointer events gathered since the last frame. When
    // `ui_wants_pointer` is set (the interface is under the pointer or holds
    // it), a gesture starting now belongs to the interface and draws nothing.
    // Every event also moves this user's cursor as the others see it.
    void handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer);

    // Call regularly (every frame, and from a timer while frames are paused):
    // goes idle after kIdleAfterMs without input, back on input, and turns a
    // refusal from the server into a banner.
    void update(double now_ms, double last_input_ms);

    // Drops the gesture under way without submitting it: its pointer turned
    // out to be navigating (a second finger landed for a pinch).
    void abandon_gesture();

    // A new id for an object this user creates.
    ObjectId new_object_id() { return ObjectId{sync_.author(), ++object_counter_}; }

    // The stroke being drawn; shown on top of everything until released.
    const StrokeBuilder& live_stroke() const { return stroke_; }

    const Identity& identity() const { return identity_; }
    // Changes the name and colour, tells the others and remembers them.
    void set_identity(Identity identity);
    // Where set_identity() stores the identity (e.g. the browser's storage).
    void on_identity_changed(std::function<void(const Identity&)> remember) { remember_ = std::move(remember); }

    const std::optional<Banner>& banner() const { return banner_; }
    void set_banner(Banner banner) { banner_ = std::move(banner); }
    void dismiss_banner() { banner_.reset(); }

private:
    void begin_gesture(const PointerEvent& event, bool ui_wants_pointer);
    void end_gesture();
    std::uint32_t width_in_units() const;

    SyncClient& sync_;
    NoticeLog& notices_;
    ToolSettings tool_;
    ViewTransform view_;
    StrokeBuilder stroke_;
    std::optional<int> gesture_pointer_;  // the pointer whose gesture is under way
    bool gesture_draws_ = false;
    std::uint64_t object_counter_ = 0;  // the counter half of our object ids
    Identity identity_;
    std::function<void(const Identity&)> remember_;
    std::optional<Banner> banner_;
    Refusal shown_refusal_ = Refusal::kNone;
};

}  // namespace squiggle::client
