#pragma once
// The client's state apart from transport and graphics: the drawing tool and
// its settings, the gesture in progress, and what the user has been told.
// The board and the pending ops live in the SyncClient that it feeds.
#include <cstdint>
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

class App {
public:
    App(SyncClient& sync, NoticeLog& notices);

    SyncClient& sync() { return sync_; }
    const SyncClient& sync() const { return sync_; }
    NoticeLog& notices() { return notices_; }
    const NoticeLog& notices() const { return notices_; }

    ToolSettings& tool() { return tool_; }
    const ToolSettings& tool() const { return tool_; }
    const ViewTransform& view() const { return view_; }

    // Feeds the pointer events gathered since the last frame. When
    // `ui_wants_pointer` is set (the interface is under the pointer or holds
    // it), a gesture starting now belongs to the interface and draws nothing.
    void handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer);

    // The stroke being drawn; shown on top of everything until released.
    const StrokeBuilder& live_stroke() const { return stroke_; }

    // A message the user must see and dismiss, e.g. about a broken board link.
    const std::string& banner() const { return banner_; }
    void set_banner(std::string text) { banner_ = std::move(text); }
    void dismiss_banner() { banner_.clear(); }

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
    std::string banner_;
};

}  // namespace squiggle::client
