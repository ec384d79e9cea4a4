#include "ui_rects.hpp"

#include <imgui.h>

#include <map>

namespace squiggle::client {
namespace {
std::map<std::string, UiRect>& rects() {
    static std::map<std::string, UiRect> all;
    return all;
}
}  // namespace

void note_item_rect(const std::string& name, float pixel_ratio) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    rects()[name] = UiRect{min.x / pixel_ratio, min.y / pixel_ratio, max.x / pixel_ratio, max.y / pixel_ratio};
}

std::optional<UiRect> item_rect(const std::string& name) {
    const auto it = rects().find(name);
    if (it == rects().end()) return std::nullopt;
    return it->second;
}

}  // namespace squiggle::client
