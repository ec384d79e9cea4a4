#include "app.hpp"

#include <algorithm>
#include <cmath>

#include "squiggle/limits.hpp"

namespace squiggle::client {

App::App(SyncClient& sync, NoticeLog& notices) : sync_(sync), notices_(notices) {}

void App::handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer) {
    for (const PointerEvent& e : events) {
        switch (e.type) {
            case PointerEvent::Type::kDown:
                // A second finger while one is drawing is ignored; the same
                // pointer going down again means we missed its release.
                if (gesture_pointer_ && *gesture_pointer_ != e.pointer_id) break;
                if (gesture_pointer_) end_gesture();
                begin_gesture(e, ui_wants_pointer);
                break;
            case PointerEvent::Type::kMove:
                if (gesture_pointer_ == e.pointer_id && gesture_draws_) stroke_.add(view_.to_model(e.x, e.y));
                break;
            case PointerEvent::Type::kUp:
            case PointerEvent::Type::kCancel:
                // A cancelled gesture keeps what was drawn: losing ink is worse.
                if (gesture_pointer_ != e.pointer_id) break;
                if (gesture_draws_) stroke_.add(view_.to_model(e.x, e.y));
                end_gesture();
                break;
        }
    }
}

void App::begin_gesture(const PointerEvent& event, bool ui_wants_pointer) {
    gesture_pointer_ = event.pointer_id;
    gesture_draws_ = !ui_wants_pointer;
    if (gesture_draws_) stroke_.begin(view_.to_model(event.x, event.y), tool_.color, width_in_units());
}

void App::end_gesture() {
    if (gesture_draws_) {
        const auto next_id = [this] { return ObjectId{sync_.author(), ++object_counter_}; };
        for (StrokeOp& op : stroke_.finish(next_id)) sync_.submit(std::move(op));
    }
    gesture_pointer_.reset();
    gesture_draws_ = false;
}

std::uint32_t App::width_in_units() const {
    const double units = std::lround(static_cast<double>(tool_.width_px) * view_.units_per_css_px);
    return static_cast<std::uint32_t>(
        std::clamp<double>(units, limits::kMinWidth, limits::kMaxWidth));
}

}  // namespace squiggle::client
