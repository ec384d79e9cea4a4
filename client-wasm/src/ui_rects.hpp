#pragma once
// Where named interface items and windows were drawn in the latest frame, in
// CSS pixels: browser tests click them as a person would (test hooks read
// it), and zoom-to-fit keeps clear of the tool panel.
#include <optional>
#include <string>

namespace squiggle::client {

struct UiRect {
    float x0, y0, x1, y1;
};

// Framebuffer (ImGui) pixels per CSS pixel for this frame.
void set_ui_pixel_ratio(float ratio);
// Records the item ImGui submitted last under `name`.
void note_item_rect(const std::string& name);
// Records the ImGui window being submitted (its size as of the last frame).
void note_window_rect(const std::string& name);
std::optional<UiRect> item_rect(const std::string& name);

// An ImGui button whose place is recorded under its label, with a tooltip.
bool noted_button(const char* label, const char* tooltip);

}  // namespace squiggle::client
