#include "export_panel.hpp"

#include <imgui.h>

#include "board_json.hpp"
#include "svg_export.hpp"
#include "ui_rects.hpp"

namespace squiggle::client {
ExportPanel::ExportPanel(ExportActions actions, const BoardImport& import)
    : actions_(std::move(actions)), import_(import) {}

std::string ExportPanel::file_name(const App& app, const char* extension) const {
    return "squigglesync-" + app.sync().board_id() + "." + extension;
}

void ExportPanel::draw(App& app) {
    ImGui::Separator();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Export:");
    const Board& board = app.sync().board();
    ImGui::SameLine();
    if (noted_button("PNG", "The whole board as a picture")) {
        const std::string png = actions_.png();
        if (png.empty()) app.notices().add(NoticeLevel::kError, "The PNG could not be made (no offscreen canvas).");
        else actions_.download(file_name(app, "png"), "image/png", png);
    }
    ImGui::SameLine();
    if (noted_button("SVG", "The whole board as a vector drawing")) {
        actions_.download(file_name(app, "svg"), "image/svg+xml", board_svg(board));
    }
    ImGui::SameLine();
    if (noted_button("JSON", "The board's objects as a file that can be imported again")) {
        actions_.download(file_name(app, "json"), "application/json", board_json(board));
    }
    if (!app.can_draw()) return;
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (noted_button("Import JSON...", "Replace this board's objects with those of a JSON board file, for everyone")) {
        actions_.choose_import();
    }
    if (import_.busy()) ImGui::TextDisabled("Importing: %zu ops to send", import_.remaining());
}

}  // namespace squiggle::client
