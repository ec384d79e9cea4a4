#pragma once
// The strip of tools along the top of the board: one icon button per tool
// (its name and shortcut in the tooltip, the current one highlighted), then
// undo, redo and "clear board", which asks before clearing for everyone.
#include "app.hpp"

namespace squiggle::client {

class ToolStrip {
public:
    // `pixel_ratio`: framebuffer (ImGui) pixels per CSS pixel; `min_x`: where
    // the panel to its left ends (ImGui pixels), which the strip keeps clear of.
    void draw(App& app, float pixel_ratio, float min_x);

private:
    void draw_clear_confirmation(App& app, float pixel_ratio);

    float width_ = 0.0f;  // as drawn last frame
};

}  // namespace squiggle::client
