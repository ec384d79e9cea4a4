#include "view_navigation.hpp"

#include <algorithm>
#include <cmath>

#include "drawn_bounds.hpp"

namespace squiggle::client {
namespace {

// Zoom per CSS pixel of wheel delta. A mouse notch is about 100 px (a 22%
// step); a trackpad pinch sends small ctrl+wheel deltas, hence the larger rate.
constexpr double kWheelZoomRate = 0.002;
constexpr double kPinchZoomRate = 0.01;
// One event never zooms more than this many deltas' worth (fast flicks).
constexpr double kMaxWheelDelta = 100.0;
constexpr double kMaxPinchDelta = 50.0;

}  // namespace

ViewNavigation::Filtered ViewNavigation::filter(const std::vector<PointerEvent>& events, ViewTransform& view,
                                                bool ui_wants_pointer) {
    Filtered out;
    for (const PointerEvent& e : events) {
        if (e.kind == PointerKind::kTouch) {
            if (!touch(e, view, out.abandon_drawing)) out.for_drawing.push_back(e);
            continue;
        }
        if (pan_ && pan_->pointer_id == e.pointer_id) {
            if (e.type == PointerEvent::Type::kMove) {
                view.pan_by(e.x - pan_->last.x, e.y - pan_->last.y);
                pan_->last = {e.x, e.y};
            } else if (e.type != PointerEvent::Type::kDown) {
                pan_.reset();
            }
            continue;
        }
        if (e.type == PointerEvent::Type::kDown) {
            const bool pans = e.button == 1 || (space_held_ && e.button == 0);
            if (pans && !ui_wants_pointer) {
                pan_ = Pan{e.pointer_id, {e.x, e.y}};
                continue;
            }
            // Only the main button draws.
            if (e.button != 0) continue;
        }
        out.for_drawing.push_back(e);
    }
    return out;
}

bool ViewNavigation::touch(const PointerEvent& e, ViewTransform& view, bool& abandon) {
    switch (e.type) {
        case PointerEvent::Type::kDown:
            touches_[e.pointer_id] = {e.x, e.y};
            if (touches_.size() == 2 && !pinch_) {
                const auto first = touches_.begin();
                const auto second = std::next(first);
                pinch_ = Pinch{first->first, second->first, first->second, second->second, view};
                // The first finger was drawing until now.
                if (!touch_navigating_) abandon = true;
                touch_navigating_ = true;
            }
            return touch_navigating_;
        case PointerEvent::Type::kMove: {
            const auto it = touches_.find(e.pointer_id);
            if (it != touches_.end()) it->second = {e.x, e.y};
            if (pinch_ && (e.pointer_id == pinch_->first || e.pointer_id == pinch_->second)) follow_pinch(view);
            return touch_navigating_;
        }
        case PointerEvent::Type::kUp:
        case PointerEvent::Type::kCancel: {
            touches_.erase(e.pointer_id);
            if (pinch_ && (e.pointer_id == pinch_->first || e.pointer_id == pinch_->second)) pinch_.reset();
            const bool navigated = touch_navigating_;
            if (touches_.empty()) touch_navigating_ = false;
            return navigated;
        }
    }
    return false;
}

void ViewNavigation::follow_pinch(ViewTransform& view) const {
    const Position a = touches_.at(pinch_->first);
    const Position b = touches_.at(pinch_->second);
    const Position a0 = pinch_->first_start;
    const Position b0 = pinch_->second_start;
    const double start_distance = std::hypot(b0.x - a0.x, b0.y - a0.y);
    const double distance = std::hypot(b.x - a.x, b.y - a.y);
    const double cx0 = (a0.x + b0.x) / 2, cy0 = (a0.y + b0.y) / 2;
    const double cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    // From the view at the pinch's start: what was under the fingers' midpoint
    // stays under it, scaled by how far the fingers spread.
    view = pinch_->view_start;
    if (start_distance > 1.0 && distance > 1.0) view.zoom_by(distance / start_distance, cx0, cy0);
    view.pan_by(cx - cx0, cy - cy0);
}

void ViewNavigation::wheel(const WheelInput& input, ViewTransform& view) const {
    if (input.shift) {
        // Shift+wheel scrolls sideways, as in other canvases.
        view.pan_by(-(input.dx + input.dy), 0);
        return;
    }
    const double rate = input.ctrl ? kPinchZoomRate : kWheelZoomRate;
    const double limit = input.ctrl ? kMaxPinchDelta : kMaxWheelDelta;
    if (input.dy != 0) view.zoom_by(std::exp(-std::clamp(input.dy, -limit, limit) * rate), input.x, input.y);
    if (input.dx != 0 && !input.ctrl) view.pan_by(-input.dx, 0);
}

void ViewNavigation::key(ViewKey key, ViewTransform& view, double css_width, double css_height,
                         const Board& board) const {
    const double cx = css_width / 2, cy = css_height / 2;
    switch (key) {
        case ViewKey::kZoomIn: view.zoom_by(kKeyZoomStep, cx, cy); break;
        case ViewKey::kZoomOut: view.zoom_by(1.0 / kKeyZoomStep, cx, cy); break;
        case ViewKey::kZoomReset: view.zoom_to(1.0, cx, cy); break;
        case ViewKey::kFit: zoom_to_fit(view, board, css_width, css_height, covered_top_); break;
    }
}

void zoom_to_fit(ViewTransform& view, const Board& board, double css_width, double css_height,
                 double covered_top) {
    const std::optional<Box> all = board_bounds(board);
    if (!all) {
        view = ViewTransform{};
        return;
    }
    // On a small screen the panel would leave too little room: fit the whole canvas.
    const double inset = covered_top <= css_height / 2 ? covered_top : 0.0;
    view.fit(*all, css_width, css_height, ViewNavigation::kFitMargin, inset);
}

}  // namespace squiggle::client
