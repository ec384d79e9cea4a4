#include "ui_locations.hpp"

#include <imgui.h>

#include <map>

namespace squiggle::client {
namespace {

float g_ratio = 1.0f;

std::map<std::string, UiRect>& rects() {
    static std::map<std::string, UiRect> r;
    return r;
}

}  // namespace

void set_ui_pixel_ratio(float ratio) { g_ratio = ratio > 0 ? ratio : 1.0f; }

void note_ui_item(const std::string& label) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    rects()[label] = UiRect{min.x / g_ratio, min.y / g_ratio, (max.x - min.x) / g_ratio, (max.y - min.y) / g_ratio};
}

void note_ui_window(const std::string& label) {
    const ImVec2 at = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    rects()[label] = UiRect{at.x / g_ratio, at.y / g_ratio, size.x / g_ratio, size.y / g_ratio};
}

std::optional<UiRect> ui_item_rect(const std::string& label) {
    const auto it = rects().find(label);
    if (it == rects().end()) return std::nullopt;
    return it->second;
}

}  // namespace squiggle::client
