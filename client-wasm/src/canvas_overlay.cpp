#include "canvas_overlay.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstring>

#include "imgui_layer.hpp"

namespace squiggle::client {
namespace {

constexpr ImU32 kSelectionColor = IM_COL32(66, 133, 244, 255);

ImU32 to_imu32(Rgba c) {
    return IM_COL32((c >> 24) & 0xFF, (c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
}

}  // namespace

double CanvasOverlay::measure(const TextOp& text) {
    // Text scales linearly: measuring at the model size gives model units.
    const ImFont* font = board_text_font();
    if (!font) return 0.55 * text.size * static_cast<double>(text.text.size());
    return font->CalcTextSizeA(static_cast<float>(text.size), FLT_MAX, 0.0f, text.text.c_str(),
                               text.text.c_str() + text.text.size())
        .x;
}

void CanvasOverlay::draw(App& app, float pixel_ratio) {
    pixel_ratio_ = pixel_ratio;
    draw_texts(app);
    draw_selection(app);
    draw_eraser(app);
    draw_text_editor(app);
}

namespace {
// Model units to framebuffer pixels.
struct ScreenMap {
    const ViewTransform& view;
    float ratio;
    ImVec2 operator()(double x, double y) const {
        return ImVec2(static_cast<float>((x - view.origin_x) / view.units_per_css_px) * ratio,
                      static_cast<float>((y - view.origin_y) / view.units_per_css_px) * ratio);
    }
    float length(double units) const { return static_cast<float>(units / view.units_per_css_px) * ratio; }
};
}  // namespace

void CanvasOverlay::draw_texts(App& app) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ScreenMap to_screen{app.view(), pixel_ratio_};
    ImFont* font = board_text_font();
    for (const auto& [z, object] : app.shown_board().objects_by_z()) {
        const auto* text = std::get_if<TextOp>(&object);
        if (!text) continue;
        draw->AddText(font, to_screen.length(text->size), to_screen(text->position.x, text->position.y),
                      to_imu32(text->color), text->text.c_str(), text->text.c_str() + text->text.size());
    }
}

void CanvasOverlay::draw_selection(App& app) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ScreenMap to_screen{app.view(), pixel_ratio_};
    const float s = ImGui::GetFontSize() / 13.0f;
    const Board& board = app.shown_board();
    const TextWidth width = [&app](const TextOp& t) { return app.text_width(t); };
    for (const ObjectId& id : app.selected()) {
        const Object* object = board.find(id);
        if (!object) continue;
        const Box box = visual_bounds(*object, width);
        // Clear of the ink: half the stroke width plus a few pixels.
        std::uint32_t ink = 0;
        if (const auto* stroke = std::get_if<StrokeOp>(object)) ink = stroke->width;
        if (const auto* shape = std::get_if<ShapeOp>(object)) ink = shape->width;
        const float pad = to_screen.length(ink * 0.5) + 4.0f * s;
        ImVec2 min = to_screen(box.min_x, box.min_y), max = to_screen(box.max_x, box.max_y);
        min = ImVec2(min.x - pad, min.y - pad);
        max = ImVec2(max.x + pad, max.y + pad);
        draw->AddRect(min, max, kSelectionColor, 2.0f * s, 0, 1.5f * s);
        const float h = 3.5f * s;
        for (const ImVec2& corner : {min, ImVec2(max.x, min.y), max, ImVec2(min.x, max.y)}) {
            draw->AddRectFilled(ImVec2(corner.x - h, corner.y - h), ImVec2(corner.x + h, corner.y + h),
                                IM_COL32_WHITE);
            draw->AddRect(ImVec2(corner.x - h, corner.y - h), ImVec2(corner.x + h, corner.y + h), kSelectionColor,
                          0.0f, 0, 1.2f * s);
        }
    }
    if (app.tool_kind() != ToolKind::kSelect) return;
    if (const std::optional<Box> marquee = app.select_tool().marquee()) {
        const ImVec2 min = to_screen(marquee->min_x, marquee->min_y), max = to_screen(marquee->max_x, marquee->max_y);
        draw->AddRectFilled(min, max, IM_COL32(66, 133, 244, 30));
        draw->AddRect(min, max, kSelectionColor, 0.0f, 0, 1.0f * s);
    }
}

void CanvasOverlay::draw_eraser(App& app) {
    if (app.tool_kind() != ToolKind::kEraser || ImGui::GetIO().WantCaptureMouse) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (mouse.x < 0 || mouse.y < 0) return;
    const ScreenMap to_screen{app.view(), pixel_ratio_};
    const float r = to_screen.length(app.eraser_tool().radius());
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    draw->AddCircleFilled(mouse, r, IM_COL32(255, 255, 255, 120));
    draw->AddCircle(mouse, r, IM_COL32(73, 80, 87, 220), 32, 1.2f);
}

void CanvasOverlay::draw_text_editor(App& app) {
    TextTool& tool = app.text_tool();
    const auto& editing = tool.editing();
    if (!editing) {
        editor_open_ = false;
        return;
    }
    if (!editor_open_) {
        // A new text: the field starts empty and takes the keyboard.
        std::memset(buffer_, 0, sizeof buffer_);
        editor_open_ = true;
        ImGui::SetNextWindowFocus();
    }
    const ScreenMap to_screen{app.view(), pixel_ratio_};
    const float size = to_screen.length(editing->size);
    ImGui::SetNextWindowPos(to_screen(editing->position.x, editing->position.y), ImGuiCond_Always);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(66, 133, 244, 18));
    ImGui::PushStyleColor(ImGuiCol_Text, to_imu32(editing->color));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin("##text-editor", nullptr, flags)) {
        // Typed in the font and size it will be drawn in.
        ImFont* font = board_text_font();
        ImGui::PushFont(font);
        ImGui::SetWindowFontScale(size / font->FontSize);
        const float width = std::max(ImGui::CalcTextSize(buffer_).x + size * 2.0f, size * 4.0f);
        ImGui::SetNextItemWidth(width);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool entered = ImGui::InputText("##text", buffer_, sizeof buffer_, ImGuiInputTextFlags_EnterReturnsTrue);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2),
                                            kSelectionColor, 2.0f, 0, 1.0f);
        tool.set_text(buffer_);
        if (entered) {
            tool.commit();
        } else if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            tool.cancel();
        }
        ImGui::PopFont();
    }
    ImGui::End();
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(3);
}

}  // namespace squiggle::client
