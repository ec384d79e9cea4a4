#pragma once
// The page's input for moving the view: wheel events over the canvas (the
// browser's own page zoom on ctrl+wheel and pinch is suppressed there) and
// the keys that zoom (+, -, 0, Shift+1) or pan (space held). Collected
// between frames; ViewNavigation applies them.
#include <string>
#include <vector>

#include "view_navigation.hpp"

namespace squiggle::client {

class ViewInput {
public:
    // Starts listening. One instance per page: the browser's listeners call into it.
    static ViewInput& install(const std::string& canvas_selector);

    std::vector<WheelInput> take_wheel_events();
    std::vector<ViewKey> take_keys();
    bool space_held() const { return space_held_; }

    // Called by the browser's listeners.
    void record(const WheelInput& wheel) { wheel_.push_back(wheel); }
    void record(ViewKey key) { keys_.push_back(key); }
    void set_space_held(bool held) { space_held_ = held; }

private:
    ViewInput() = default;

    std::vector<WheelInput> wheel_;
    std::vector<ViewKey> keys_;
    bool space_held_ = false;
};

}  // namespace squiggle::client
