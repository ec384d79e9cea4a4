#pragma once
// The strip of tools along the top of the board: one icon button per tool
// (its name and shortcut in the tooltip, the current one highlighted), then
// undo, redo and "clear board", which asks before clearing for everyone.
#include "app.hpp"

namespace squiggle::client {

class ToolStrip {
public:
    // `pixel_ratio`: framebuffer (ImGui) pixels per CSS pixel.
    void draw(App& app, float pixel_ratio);

private:
    void draw_clear_confirmation(App& app, float pixel_ratio);
};

}  // namespace squiggle::client
