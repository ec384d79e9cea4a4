#pragma once
// Zooming and panning the board: the mouse wheel (zoom about the pointer;
// ctrl+wheel, which browsers send for a trackpad pinch, zooms finer), keys
// (+, -, 0 for 100%, Shift+1 to fit everything), dragging with the middle
// button or with the space bar held, and two-finger touch (pinch and pan).
// It takes the pointer events that navigate and leaves the rest for drawing.
// Platform-free: the page feeds it browser events (view_input).
#include <map>
#include <optional>
#include <vector>

#include "pointer_event.hpp"
#include "squiggle/board.hpp"
#include "view_transform.hpp"

namespace squiggle::client {

// One wheel event, deltas in CSS pixels (lines and pages already converted).
struct WheelInput {
    double x = 0, y = 0;  // pointer position on the canvas
    double dx = 0, dy = 0;
    bool ctrl = false;  // ctrl held, or a trackpad pinch
    bool shift = false;
};

enum class ViewKey { kZoomIn, kZoomOut, kZoomReset, kFit };

class ViewNavigation {
public:
    // Zoom factor of one +/- key press.
    static constexpr double kKeyZoomStep = 1.25;
    // CSS pixels kept clear around everything by zoom-to-fit.
    static constexpr double kFitMargin = 40.0;

    struct Filtered {
        std::vector<PointerEvent> for_drawing;  // the events that did not navigate
        // A touch that may have started drawing became part of a pinch: the
        // gesture under way must be dropped, not finished.
        bool abandon_drawing = false;
    };
    // Applies the navigating pointer events to `view`. Pans do not start over
    // the interface (`ui_wants_pointer`).
    Filtered filter(const std::vector<PointerEvent>& events, ViewTransform& view, bool ui_wants_pointer);

    void wheel(const WheelInput& input, ViewTransform& view) const;
    // Keys act about the canvas's centre; kFit shows every object of `board`.
    void key(ViewKey key, ViewTransform& view, double css_width, double css_height, const Board& board) const;

    // How far down from the canvas's top the interface covers it (CSS px):
    // zoom-to-fit places the objects below that, on a canvas tall enough.
    void set_covered_top(double css) { covered_top_ = css; }

    // While the space bar is held, the main button pans instead of drawing.
    void set_space_held(bool held) { space_held_ = held; }
    bool space_held() const { return space_held_; }
    // A drag or pinch is moving the view right now.
    bool navigating() const { return pan_.has_value() || touch_navigating_; }

private:
    struct Position {
        double x = 0, y = 0;
    };
    struct Pan {
        int pointer_id = 0;
        Position last;
    };
    struct Pinch {
        int first = 0, second = 0;
        Position first_start, second_start;
        ViewTransform view_start;
    };

    // Returns true when the touch event navigates (and so is not for drawing).
    bool touch(const PointerEvent& e, ViewTransform& view, bool& abandon);
    void follow_pinch(ViewTransform& view) const;

    bool space_held_ = false;
    double covered_top_ = 0;
    std::optional<Pan> pan_;
    std::map<int, Position> touches_;  // fingers down, by pointer id
    std::optional<Pinch> pinch_;
    // From a pinch's start until every finger is lifted: touches only navigate.
    bool touch_navigating_ = false;
};

// Zooms and pans `view` so that every object of `board` is on screen, below
// `covered_top` CSS pixels when that leaves at least half the canvas; an
// empty board goes back to the origin at 100%.
void zoom_to_fit(ViewTransform& view, const Board& board, double css_width, double css_height,
                 double covered_top = 0);

}  // namespace squiggle::client
