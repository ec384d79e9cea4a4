#include "view_panel.hpp"

#include <imgui.h>

#include <cmath>

#include "ui_rects.hpp"

namespace squiggle::client {
void draw_view_section(App& app, const ViewNavigation& navigation, double css_width, double css_height) {
    // This section is drawn inside the tool panel: where the panel is.
    note_window_rect(kToolPanel);
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    // Fixed width, so the buttons do not jump as the number changes.
    const double percent = app.view().zoom() * 100.0;
    ImGui::Text("Zoom %5.0f%%", percent < 1.0 ? std::ceil(percent) : std::round(percent));
    ViewTransform& view = app.view();
    const Board& board = app.sync().board();
    const auto act = [&](ViewKey key) { navigation.key(key, view, css_width, css_height, board); };
    ImGui::SameLine();
    if (noted_button("-", "Zoom out (-, or the mouse wheel)")) act(ViewKey::kZoomOut);
    ImGui::SameLine();
    if (noted_button("+", "Zoom in (+, or the mouse wheel)")) act(ViewKey::kZoomIn);
    ImGui::SameLine();
    if (noted_button("100%", "Actual size (0)")) act(ViewKey::kZoomReset);
    ImGui::SameLine();
    if (noted_button("Fit", "Show everything on the board (Shift+1)")) act(ViewKey::kFit);
    ImGui::TextDisabled("Pan: drag with space held, the middle button or two fingers");
}

}  // namespace squiggle::client
