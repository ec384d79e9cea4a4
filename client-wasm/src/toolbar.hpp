#pragma once
// The interface drawn with Dear ImGui: a style panel (colour palette, custom
// colour, width, and what the current tool offers: fill, text size, eraser
// mode; for viewers a "View only" badge instead), the user's
// name and colour, the edit and view links with copy buttons; a panel of the
// people on the board; the other people's cursors over the canvas; a status
// bar that is always visible (connection state, "Saving paused" while the
// server cannot store ops, people, strokes not yet saved, the latest message), the message log, and a banner for things the
// user must acknowledge.
// It calls no browser API itself: copying and navigating go through injected
// functions.
#include <functional>
#include <string>

#include "app.hpp"

namespace squiggle::client {

struct ToolbarActions {
    // The page's address without its fragment: links are built on it.
    std::string page_url;
    // Puts text on the clipboard; false if that was refused.
    std::function<bool(const std::string&)> copy_text;
    // Leaves this board for a new, empty one (of which this user is editor).
    std::function<void()> start_new_board;
    // Draws further sections at the end of the tool panel (view, export).
    std::function<void(App&)> draw_more_sections;
};

class Toolbar {
public:
    explicit Toolbar(ToolbarActions actions);

    // Submits this frame's interface. `now_ms` times short-lived feedback;
    // `pixel_ratio` is framebuffer (ImGui) pixels per CSS pixel.
    void draw(App& app, double now_ms, float pixel_ratio);

    // The links to this board, empty while unknown (before the first Welcome,
    // or the edit link for a viewer).
    std::string edit_link(const App& app) const;
    std::string view_link(const App& app) const;

    // Where the tool panel ended on the right in the last frame (ImGui pixels).
    float tools_panel_right() const { return tools_panel_right_; }

private:
    void draw_tools(App& app, double now_ms);
    void draw_pen(App& app);
    void draw_tool_options(App& app);
    void draw_identity(App& app);
    void draw_links(App& app, double now_ms);
    void draw_people(App& app);
    void draw_peer_cursors(App& app, float pixel_ratio);
    void draw_status_bar(App& app);
    void draw_log(App& app);
    void draw_banner(App& app);
    void copy_link(const std::string& link, double now_ms);

    ToolbarActions actions_;
    float pixel_ratio_ = 1.0f;
    float tools_panel_right_ = 0.0f;
    float custom_color_[3] = {0.35f, 0.35f, 0.85f};
    bool show_log_ = false;
    double copy_feedback_until_ms_ = 0;
    bool copy_succeeded_ = false;
    std::string copied_link_;
    // The identity popup's fields while it is open.
    char name_input_[80] = {};
    Rgba color_input_ = 0;
    bool name_was_empty_ = false;
};

}  // namespace squiggle::client
