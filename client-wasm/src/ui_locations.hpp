#pragma once
// Where the interface's buttons and panels were last drawn, in CSS pixels:
// browser tests click buttons with real mouse events (window.squiggle.uiButton),
// zoom-to-fit keeps clear of the tool panel.
#include <optional>
#include <string>

namespace squiggle::client {

struct UiRect {
    double x = 0, y = 0, width = 0, height = 0;
};

// Framebuffer (ImGui) pixels per CSS pixel for this frame.
void set_ui_pixel_ratio(float ratio);
// Records the item ImGui just submitted under `label`.
void note_ui_item(const std::string& label);
// Records the ImGui window being submitted (its size as of the last frame).
void note_ui_window(const std::string& label);
std::optional<UiRect> ui_item_rect(const std::string& label);

}  // namespace squiggle::client
