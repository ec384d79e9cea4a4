#pragma once
// Where named interface items were drawn in the latest frame, in CSS pixels,
// so the browser tests can click them as a person would (test hooks read it).
#include <optional>
#include <string>

namespace squiggle::client {

struct UiRect {
    float x0, y0, x1, y1;
};

// Records the item ImGui submitted last under `name`; `pixel_ratio` turns
// ImGui's framebuffer pixels into CSS pixels.
void note_item_rect(const std::string& name, float pixel_ratio);
std::optional<UiRect> item_rect(const std::string& name);

}  // namespace squiggle::client
