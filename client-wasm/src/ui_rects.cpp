#include "ui_rects.hpp"

#include <imgui.h>

#include <map>

namespace squiggle::client {
namespace {

float g_ratio = 1.0f;

std::map<std::string, UiRect>& rects() {
    static std::map<std::string, UiRect> all;
    return all;
}

void note(const std::string& name, ImVec2 min, ImVec2 max) {
    rects()[name] = UiRect{min.x / g_ratio, min.y / g_ratio, max.x / g_ratio, max.y / g_ratio};
}

}  // namespace

void set_ui_pixel_ratio(float ratio) { g_ratio = ratio > 0 ? ratio : 1.0f; }

void note_item_rect(const std::string& name) { note(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()); }

void note_window_rect(const std::string& name) {
    const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    note(name, at, ImVec2(at.x + size.x, at.y + size.y));
}

std::optional<UiRect> item_rect(const std::string& name) {
    const auto it = rects().find(name);
    if (it == rects().end()) return std::nullopt;
    return it->second;
}

bool noted_button(const char* label, const char* tooltip) {
    const bool pressed = ImGui::Button(label);
    note_item_rect(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

}  // namespace squiggle::client
