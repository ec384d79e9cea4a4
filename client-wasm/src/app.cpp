#include "app.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "squiggle/limits.hpp"

namespace squiggle::client {

std::string guest_name(std::uint32_t number) {
    return "Guest " + std::to_string(1000 + number % 9000);
}

std::string color_to_hex(Rgba color) {
    char text[8];
    std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(color >> 8));
    return text;
}

std::optional<Rgba> color_from_hex(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    Rgba rgb = 0;
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = text[i];
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0) return std::nullopt;
        rgb = (rgb << 4) | static_cast<Rgba>(digit);
    }
    return (rgb << 8) | 0xFFu;
}

App::App(SyncClient& sync, NoticeLog& notices, Identity identity)
    : sync_(sync), notices_(notices), identity_(std::move(identity)) {}

void App::handle_pointer_events(const std::vector<PointerEvent>& events, bool ui_wants_pointer) {
    // The server said we may only watch: a gesture under way is abandoned.
    if (!can_draw() && gesture_pointer_) {
        stroke_.cancel();
        gesture_draws_ = false;
    }
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
    // The others see the latest position only; SyncClient throttles.
    if (!events.empty()) sync_.move_cursor(view_.to_model(events.back().x, events.back().y));
}

void App::update(double now_ms, double last_input_ms) {
    sync_.set_idle(now_ms - last_input_ms >= kIdleAfterMs);
    const Refusal refusal = sync_.refusal();
    if (refusal != shown_refusal_) {
        shown_refusal_ = refusal;
        if (refusal != Refusal::kNone) {
            banner_ = Banner{sync_.refusal_text(), refusal == Refusal::kBadKey};
        }
    }
}

void App::set_identity(Identity identity) {
    identity.name = truncate_utf8(std::move(identity.name), limits::kMaxNameLength);
    identity_ = std::move(identity);
    sync_.set_presence(identity_.name, identity_.color);
    if (remember_) remember_(identity_);
}

void App::begin_gesture(const PointerEvent& event, bool ui_wants_pointer) {
    gesture_pointer_ = event.pointer_id;
    gesture_draws_ = !ui_wants_pointer && can_draw();
    if (gesture_draws_) stroke_.begin(view_.to_model(event.x, event.y), tool_.color, width_in_units());
}

void App::end_gesture() {
    if (gesture_draws_) {
        const auto next_id = [this] { return new_object_id(); };
        for (StrokeOp& op : stroke_.finish(next_id)) sync_.submit(std::move(op));
    }
    gesture_pointer_.reset();
    gesture_draws_ = false;
}

void App::abandon_gesture() {
    if (gesture_draws_) stroke_.cancel();
    gesture_pointer_.reset();
    gesture_draws_ = false;
}

std::uint32_t App::width_in_units() const {
    const double units = std::lround(static_cast<double>(tool_.width_px) * view_.units_per_css_px);
    return static_cast<std::uint32_t>(
        std::clamp<double>(units, limits::kMinWidth, limits::kMaxWidth));
}

}  // namespace squiggle::client
