#pragma once
// The interface drawn with Dear ImGui: a tool panel (colour palette, custom
// colour, pen width, the board link with a copy button), a status bar that is
// always visible (connection state, people on the board, strokes not yet
// saved, the latest message), the message log, and a banner for things the
// user must acknowledge.
// It calls no browser API itself: copying goes through an injected function.
#include <functional>
#include <string>

#include "app.hpp"

namespace squiggle::client {

class Toolbar {
public:
    // `copy_text` puts text on the clipboard; false if that was refused.
    Toolbar(std::string board_link, std::function<bool(const std::string&)> copy_text);

    // Submits this frame's interface. `now_ms` times short-lived feedback.
    void draw(App& app, double now_ms);

private:
    void draw_tools(App& app, double now_ms);
    void draw_status_bar(App& app);
    void draw_log(App& app);
    void draw_banner(App& app);

    std::string board_link_;
    std::function<bool(const std::string&)> copy_text_;
    float custom_color_[3] = {0.35f, 0.35f, 0.85f};
    bool show_log_ = false;
    double copy_feedback_until_ms_ = 0;
    bool copy_succeeded_ = false;
};

}  // namespace squiggle::client
