#include "tool_strip.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "tool_icons.hpp"
#include "ui_rects.hpp"

namespace squiggle::client {
namespace {

constexpr const char* kClearPopup = "Clear the board?";

// An icon button; `selected` draws it pressed. True when clicked.
template <class DrawIcon>
bool icon_button(const char* id, bool selected, bool enabled, const char* tooltip, float pixel_ratio,
                 DrawIcon draw_icon) {
    const float size = ImGui::GetFrameHeight() * 1.2f;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    const bool clicked = ImGui::InvisibleButton("##button", ImVec2(size, size)) && enabled;
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    note_item_rect(id);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(min.x + size, min.y + size);
    const float rounding = ImGui::GetStyle().FrameRounding * 1.5f;
    if (selected) {
        draw->AddRectFilled(min, max, IM_COL32(208, 228, 255, 255), rounding);
        draw->AddRect(min, max, IM_COL32(66, 133, 244, 255), rounding, 0, 1.0f);
    } else if (hovered && enabled) {
        draw->AddRectFilled(min, max, IM_COL32(233, 236, 239, 255), rounding);
    }
    const float pad = size * 0.18f;
    const ImU32 ink = !enabled ? IM_COL32(173, 181, 189, 255)
                      : selected ? IM_COL32(25, 90, 200, 255)
                                 : IM_COL32(52, 58, 64, 255);
    draw_icon(draw, ImVec2(min.x + pad, min.y + pad), size - 2 * pad, ink);
    if (hovered) ImGui::SetTooltip("%s", tooltip);
    return clicked;
}

// A thin vertical rule between groups of buttons.
void group_separator() {
    ImGui::SameLine();
    const float height = ImGui::GetFrameHeight() * 1.2f;
    const float width = ImGui::GetStyle().ItemSpacing.x * 2.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x + width * 0.5f, at.y + height * 0.2f),
                                        ImVec2(at.x + width * 0.5f, at.y + height * 0.8f),
                                        ImGui::GetColorU32(ImGuiCol_Separator), 1.0f);
    ImGui::Dummy(ImVec2(width, height));
    ImGui::SameLine();
}

}  // namespace

void ToolStrip::draw(App& app, float pixel_ratio, float min_x) {
    if (!app.can_draw()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    // Centred on the board, unless that would run into the panel on its left.
    const float x = std::max(io.DisplaySize.x * 0.5f - width_ * 0.5f, min_x + style.WindowPadding.x);
    ImGui::SetNextWindowPos(ImVec2(x, style.WindowPadding.y), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x * 0.4f, style.ItemSpacing.y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(style.WindowPadding.x * 0.6f, style.WindowPadding.y * 0.6f));
    if (ImGui::Begin("##tools", nullptr, flags)) {
        bool first = true;
        for (const ToolKind tool : kAllTools) {
            if (!first) ImGui::SameLine();
            first = false;
            char tooltip[48];
            std::snprintf(tooltip, sizeof tooltip, "%s (%c)", tool_label(tool), tool_shortcut(tool));
            if (icon_button(tool_id(tool), app.tool_kind() == tool, true, tooltip, pixel_ratio,
                            [tool](ImDrawList* d, ImVec2 at, float s, ImU32 c) { draw_tool_icon(d, tool, at, s, c); })) {
                app.set_tool(tool);
            }
        }
        group_separator();
        const auto action = [](ActionIcon icon) {
            return [icon](ImDrawList* d, ImVec2 at, float s, ImU32 c) { draw_action_icon(d, icon, at, s, c); };
        };
        if (icon_button("undo", false, app.can_undo(), "Undo your last change (Ctrl+Z)", pixel_ratio, action(ActionIcon::kUndo))) {
            app.undo();
        }
        ImGui::SameLine();
        if (icon_button("redo", false, app.can_redo(), "Redo (Ctrl+Shift+Z or Ctrl+Y)", pixel_ratio, action(ActionIcon::kRedo))) {
            app.redo();
        }
        ImGui::SameLine();
        if (icon_button("clear", false, true, "Clear the board for everyone", pixel_ratio, action(ActionIcon::kClear))) {
            ImGui::OpenPopup(kClearPopup);
        }
        draw_clear_confirmation(app, pixel_ratio);
        width_ = ImGui::GetWindowWidth();
    }
    ImGui::End();
    ImGui::PopStyleVar(2);
}

void ToolStrip::draw_clear_confirmation(App& app, float pixel_ratio) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(kClearPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        return;
    }
    ImGui::TextUnformatted("This removes every object on the board, for everyone here.");
    ImGui::TextDisabled("You can bring them back with Undo.");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.86f, 0.21f, 0.27f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.92f, 0.30f, 0.35f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool confirmed = ImGui::Button("Clear board");
    note_item_rect("clear:confirm");
    if (confirmed) {
        app.clear_board();
        ImGui::CloseCurrentPopup();
    }
    ImGui::PopStyleColor(3);
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace squiggle::client
