#include "toolbar.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "board_link.hpp"
#include "ui_rects.hpp"
#include "squiggle/limits.hpp"

namespace squiggle::client {
namespace {

constexpr std::array<Rgba, 8> kPalette = {
    0x1E1E1EFF,  // ink
    0x868E96FF,  // grey
    0xE03131FF,  // red
    0xF08C00FF,  // orange
    0xF2C200FF,  // yellow
    0x2F9E44FF,  // green
    0x1971C2FF,  // blue
    0x9C36B5FF,  // violet
};
constexpr std::array<const char*, 8> kPaletteNames = {"Ink", "Grey", "Red", "Orange",
                                                      "Yellow", "Green", "Blue", "Violet"};

constexpr float kMinWidthPx = 1.0f;
constexpr float kMaxWidthPx = 48.0f;
constexpr double kCopyFeedbackMs = 2000.0;

ImVec4 to_imvec4(Rgba c) {
    return ImVec4(static_cast<float>((c >> 24) & 0xFF) / 255.0f, static_cast<float>((c >> 16) & 0xFF) / 255.0f,
                  static_cast<float>((c >> 8) & 0xFF) / 255.0f, static_cast<float>(c & 0xFF) / 255.0f);
}

ImU32 to_imu32(Rgba c, float alpha = 1.0f) {
    ImVec4 v = to_imvec4(c);
    v.w *= alpha;
    return ImGui::GetColorU32(v);
}

Rgba to_rgba(const float rgb[3]) {
    const auto channel = [](float v) {
        return static_cast<Rgba>(std::lround(std::fmin(std::fmax(v, 0.0f), 1.0f) * 255.0f));
    };
    return (channel(rgb[0]) << 24) | (channel(rgb[1]) << 16) | (channel(rgb[2]) << 8) | 0xFFu;
}

// Black or white, whichever reads better on `c`.
ImU32 text_on(Rgba c) {
    const double luminance = 0.299 * ((c >> 24) & 0xFF) + 0.587 * ((c >> 16) & 0xFF) + 0.114 * ((c >> 8) & 0xFF);
    return luminance > 160.0 ? IM_COL32(20, 20, 20, 255) : IM_COL32(255, 255, 255, 255);
}

ImVec4 state_color(ConnectionState state) {
    switch (state) {
        case ConnectionState::kConnected: return ImVec4(0.18f, 0.62f, 0.27f, 1.0f);
        case ConnectionState::kConnecting: return ImVec4(0.95f, 0.60f, 0.05f, 1.0f);
        case ConnectionState::kReconnecting: return ImVec4(0.95f, 0.45f, 0.05f, 1.0f);
        case ConnectionState::kOffline: return ImVec4(0.85f, 0.15f, 0.15f, 1.0f);
    }
    return ImVec4(0.5f, 0.5f, 0.5f, 1.0f);
}

const char* state_label(ConnectionState state) {
    switch (state) {
        case ConnectionState::kConnected: return "Connected";
        case ConnectionState::kConnecting: return "Connecting...";
        case ConnectionState::kReconnecting: return "Reconnecting...";
        case ConnectionState::kOffline: return "Offline";
    }
    return "";
}

const ImVec4 kErrorText(0.75f, 0.1f, 0.1f, 1.0f);
constexpr Rgba kViewOnlyColor = 0xE8590CFF;
constexpr Rgba kSavingPausedColor = 0xC92A2AFF;
constexpr const char* kSavingPausedText =
    "Saving paused: the server lost its storage; your strokes are kept and will be sent when it is back.";

// Connected, but the server stores nothing right now (its storage is down).
// Viewers store nothing anyway, so it is no news to them.
bool saving_paused(const SyncClient& sync) {
    return sync.state() == ConnectionState::kConnected && !sync.writable() && !sync.read_only();
}

float ui_scale() { return ImGui::GetFontSize() / 13.0f; }

// A coloured dot the height of a text line, then the cursor stays on the line.
void color_dot(const ImVec4& color) {
    const float size = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + size * 0.5f, at.y + size * 0.5f), size * 0.3f,
                                                ImGui::GetColorU32(color));
    ImGui::Dummy(ImVec2(size, size));
    ImGui::SameLine();
}

// A filled, rounded label: "View only" and the like.
void badge(const char* text, Rgba color) {
    const ImVec2 padding(ImGui::GetStyle().FramePadding.x, ImGui::GetStyle().FramePadding.y * 0.5f);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 end(at.x + size.x + 2 * padding.x, at.y + size.y + 2 * padding.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, end, to_imu32(color), ImGui::GetStyle().FrameRounding);
    draw->AddText(ImVec2(at.x + padding.x, at.y + padding.y), text_on(color), text);
    ImGui::Dummy(ImVec2(end.x - at.x, end.y - at.y));
}

// Marks the item just submitted as the current choice.
void ring_last_item() {
    const float ring = 2.0f * ui_scale();
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - ring, min.y - ring), ImVec2(max.x + ring, max.y + ring),
                                        ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetStyle().FrameRounding, 0,
                                        ring);
}

void status_separator() {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
}

const char* shown_name(const std::string& name) { return name.empty() ? "Someone" : name.c_str(); }

}  // namespace

Toolbar::Toolbar(ToolbarActions actions) : actions_(std::move(actions)) {}

std::string Toolbar::edit_link(const App& app) const {
    const std::string key = app.sync().edit_key();
    return key.empty() ? std::string() : link_for_board(actions_.page_url, app.sync().board_id(), key);
}

std::string Toolbar::view_link(const App& app) const {
    const std::string& key = app.sync().view_key();
    return key.empty() ? std::string() : link_for_board(actions_.page_url, app.sync().board_id(), key);
}

void Toolbar::draw(App& app, double now_ms, float pixel_ratio) {
    pixel_ratio_ = pixel_ratio;
    draw_peer_cursors(app, pixel_ratio);
    draw_tools(app, now_ms);
    if (app.sync().refusal() == Refusal::kNone) draw_people(app);
    draw_status_bar(app);
    if (show_log_) draw_log(app);
    if (app.banner()) draw_banner(app);
}

void Toolbar::draw_tools(App& app, double now_ms) {
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetNextWindowPos(ImVec2(style.WindowPadding.x, style.WindowPadding.y), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
    if (!ImGui::Begin("SquiggleSync", nullptr, flags)) {
        ImGui::End();
        return;
    }
    const Refusal refusal = app.sync().refusal();
    if (refusal != Refusal::kNone) {
        // Nothing drawn here could be saved: no tools, just the way out.
        ImGui::TextColored(kErrorText, "This board cannot be opened from this page.");
        if (refusal == Refusal::kBadKey && actions_.start_new_board && ImGui::Button("Start a new board")) {
            actions_.start_new_board();
        }
    } else if (app.can_draw()) {
        draw_pen(app);
        if (saving_paused(app.sync())) {
            // Next to the pen, where the user looks while drawing.
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 24.0f);
            ImGui::TextColored(kErrorText, "%s", kSavingPausedText);
            ImGui::PopTextWrapPos();
        }
    } else {
        // A viewer gets no drawing tools at all, and is told why.
        badge("View only", kViewOnlyColor);
        ImGui::SameLine();
        ImGui::TextUnformatted("You can watch this board, not draw on it.");
    }
    ImGui::Separator();
    draw_identity(app);
    if (refusal == Refusal::kNone) {
        ImGui::Separator();
        draw_links(app, now_ms);
        if (actions_.draw_more_sections) actions_.draw_more_sections(app);
    }
    tools_panel_right_ = ImGui::GetWindowPos().x + ImGui::GetWindowWidth();
    ImGui::End();
}

void Toolbar::draw_pen(App& app) {
    const ToolSettings& tool = app.settings();
    const float swatch = ImGui::GetFrameHeight() * 1.2f;
    const ImGuiColorEditFlags swatch_flags = ImGuiColorEditFlags_NoAlpha | ImGuiColorEditFlags_NoTooltip |
                                             ImGuiColorEditFlags_NoDragDrop;

    // The palette; the current colour gets a ring. With a selection, a pick
    // also recolours the selected objects.
    for (std::size_t i = 0; i < kPalette.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::ColorButton(kPaletteNames[i], to_imvec4(kPalette[i]), swatch_flags, ImVec2(swatch, swatch))) {
            app.set_color(kPalette[i]);
        }
        note_item_rect(std::string("swatch:") + kPaletteNames[i]);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kPaletteNames[i]);
        if (tool.color == kPalette[i]) ring_last_item();
        ImGui::PopID();
    }

    // Any other colour: picking one makes it the current colour.
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    const bool custom_selected = to_rgba(custom_color_) == tool.color;
    if (ImGui::ColorEdit3("##custom", custom_color_,
                          ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel | ImGuiColorEditFlags_NoAlpha |
                              ImGuiColorEditFlags_PickerHueWheel)) {
        app.set_color(to_rgba(custom_color_));
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Custom colour");
    if (custom_selected) ring_last_item();

    // Width, with a sample of the stroke it makes; a selection is restyled
    // once the slider is let go (one op, not one per frame).
    float width = tool.width_px;
    ImGui::SetNextItemWidth(swatch * 6.0f);
    if (ImGui::SliderFloat("Width", &width, kMinWidthPx, kMaxWidthPx, "%.0f px", ImGuiSliderFlags_AlwaysClamp)) {
        app.set_width(width);
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) app.apply_width_to_selection();
    ImGui::SameLine();
    // The interface is scaled like its 13 px font, so the sample is too.
    const float sample_height = ImGui::GetFrameHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float sample_width = swatch * 2.5f;
    const float thickness = std::fmin(tool.width_px * ui_scale(), sample_height);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x + thickness * 0.5f, at.y + sample_height * 0.5f),
                                        ImVec2(at.x + sample_width - thickness * 0.5f, at.y + sample_height * 0.5f),
                                        ImGui::GetColorU32(to_imvec4(tool.color)), thickness);
    ImGui::Dummy(ImVec2(sample_width, sample_height));

    draw_tool_options(app);
}

void Toolbar::draw_tool_options(App& app) {
    const ToolSettings& tool = app.settings();
    const ToolKind kind = app.tool_kind();
    const bool selecting = !app.selected().empty();
    // Fill: for the shapes that have an inside, and for a selection.
    if (kind == ToolKind::kRectangle || kind == ToolKind::kEllipse || selecting) {
        bool fill = tool.fill_enabled;
        if (ImGui::Checkbox("Fill", &fill)) app.set_fill(fill, tool.fill_color);
        note_item_rect("fill");
        ImGui::SameLine();
        float rgb[3];
        const ImVec4 current = to_imvec4(tool.fill_color);
        rgb[0] = current.x;
        rgb[1] = current.y;
        rgb[2] = current.z;
        if (ImGui::ColorEdit3("Fill colour", rgb,
                              ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel |
                                  ImGuiColorEditFlags_NoAlpha | ImGuiColorEditFlags_PickerHueWheel)) {
            app.set_fill(true, to_rgba(rgb));
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fill colour");
    }
    if (kind == ToolKind::kText) {
        float size = tool.text_size_px;
        ImGui::SetNextItemWidth(ImGui::GetFrameHeight() * 7.2f);
        if (ImGui::SliderFloat("Text size", &size, 10.0f, 96.0f, "%.0f px", ImGuiSliderFlags_AlwaysClamp)) {
            app.set_text_size(size);
        }
    }
    if (kind == ToolKind::kEraser) {
        if (ImGui::RadioButton("Whole objects", !tool.partial_erase)) app.set_partial_erase(false);
        ImGui::SameLine();
        if (ImGui::RadioButton("Cut strokes", tool.partial_erase)) app.set_partial_erase(true);
        note_item_rect("erase:cut");
    }
    if (selecting) {
        const std::size_t n = app.selected().size();
        ImGui::TextDisabled("%zu selected: drag to move, Delete removes", n);
    }
}

void Toolbar::draw_identity(App& app) {
    const Identity& me = app.identity();
    // A small button has no vertical padding: text and dot line up with it.
    ImGui::TextUnformatted("You:");
    ImGui::SameLine();
    color_dot(to_imvec4(me.color));
    ImGui::TextUnformatted(me.name.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Change name/colour")) {
        std::memset(name_input_, 0, sizeof name_input_);
        std::memcpy(name_input_, me.name.data(), std::min(me.name.size(), sizeof name_input_ - 1));
        color_input_ = me.color;
        name_was_empty_ = false;
        ImGui::OpenPopup("identity");
    }
    if (!ImGui::BeginPopup("identity")) return;

    ImGui::TextUnformatted("How others see you on this board");
    bool apply = false;
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14.0f);
    // The server takes at most kMaxNameLength bytes; the buffer is a bit
    // larger and App cuts the name at a character boundary.
    static_assert(sizeof(name_input_) > limits::kMaxNameLength);
    if (ImGui::InputText("Name", name_input_, limits::kMaxNameLength + 1, ImGuiInputTextFlags_EnterReturnsTrue)) {
        apply = true;
    }
    const float swatch = ImGui::GetFrameHeight();
    for (std::size_t i = 0; i < kPersonColors.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::ColorButton("##person", to_imvec4(kPersonColors[i]),
                               ImGuiColorEditFlags_NoAlpha | ImGuiColorEditFlags_NoTooltip |
                                   ImGuiColorEditFlags_NoDragDrop,
                               ImVec2(swatch, swatch))) {
            color_input_ = kPersonColors[i];
        }
        if (color_input_ == kPersonColors[i]) ring_last_item();
        ImGui::PopID();
    }
    if (ImGui::Button("Save")) apply = true;
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    if (name_was_empty_) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorText, "Type a name first");
    }
    if (apply) {
        std::string name(name_input_);
        // Leading and trailing spaces would only confuse the people list.
        const std::size_t first = name.find_first_not_of(" \t");
        const std::size_t last = name.find_last_not_of(" \t");
        name = first == std::string::npos ? std::string() : name.substr(first, last - first + 1);
        name_was_empty_ = name.empty();
        if (!name.empty()) {
            app.set_identity(Identity{name, color_input_});
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::EndPopup();
}

void Toolbar::copy_link(const std::string& link, double now_ms) {
    copied_link_ = link;
    copy_succeeded_ = actions_.copy_text && actions_.copy_text(link);
    copy_feedback_until_ms_ = now_ms + kCopyFeedbackMs;
}

void Toolbar::draw_links(App& app, double now_ms) {
    const std::string edit = edit_link(app);
    const std::string view = view_link(app);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Share:");
    if (!app.sync().role()) {
        ImGui::SameLine();
        ImGui::TextDisabled("the links appear once connected");
        return;
    }
    if (!edit.empty()) {
        ImGui::SameLine();
        if (ImGui::Button("Copy edit link")) copy_link(edit, now_ms);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Whoever opens this link can draw on the board");
    }
    ImGui::SameLine();
    if (view.empty()) {
        ImGui::TextDisabled("(no view link from the server)");
    } else {
        if (ImGui::Button("Copy view link")) copy_link(view, now_ms);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Whoever opens this link can watch, but not draw");
    }
    if (now_ms < copy_feedback_until_ms_) {
        if (copy_succeeded_) {
            ImGui::SameLine();
            ImGui::TextDisabled("Copied");
        } else {
            ImGui::TextColored(kErrorText, "Copying failed; the link is:");
            ImGui::TextUnformatted(copied_link_.c_str());
        }
    }
}

void Toolbar::draw_people(App& app) {
    const SyncClient& sync = app.sync();
    const ImGuiIO& io = ImGui::GetIO();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - style.WindowPadding.x, style.WindowPadding.y),
                            ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    char title[64];
    std::snprintf(title, sizeof title, "People here: %zu###people", sync.peers().size() + 1);
    // Auto-resizing fits the contents only; the title must fit as well.
    const float title_width = ImGui::CalcTextSize(title, std::strstr(title, "###")).x +
                              ImGui::GetFontSize() + style.FramePadding.x * 2 + style.WindowPadding.x * 2 +
                              style.ItemInnerSpacing.x;
    ImGui::SetNextWindowSizeConstraints(ImVec2(title_width, 0.0f), ImVec2(FLT_MAX, FLT_MAX));
    if (!ImGui::Begin(title, nullptr, flags)) {
        ImGui::End();
        return;
    }
    const Identity& me = app.identity();
    color_dot(to_imvec4(me.color));
    ImGui::Text("%s (you)", me.name.c_str());
    if (sync.read_only()) {
        ImGui::SameLine();
        badge("View only", kViewOnlyColor);
    }
    // By name, so the list does not jump around as people move.
    std::vector<const Peer*> peers;
    for (const auto& [author, peer] : sync.peers()) peers.push_back(&peer);
    std::stable_sort(peers.begin(), peers.end(), [](const Peer* a, const Peer* b) { return a->name < b->name; });
    for (const Peer* peer : peers) {
        const bool idle = peer->state == PeerState::kIdle;
        ImVec4 dot = to_imvec4(peer->color);
        if (idle) dot.w = 0.4f;
        color_dot(dot);
        if (idle) {
            ImGui::TextDisabled("%s (idle)", shown_name(peer->name));
        } else {
            ImGui::TextUnformatted(shown_name(peer->name));
        }
    }
    if (peers.empty()) ImGui::TextDisabled("Nobody else yet: share a link");
    ImGui::End();
}

void Toolbar::draw_peer_cursors(App& app, float pixel_ratio) {
    // Under the panels, over the board.
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ViewTransform& view = app.view();
    const float s = ui_scale();
    const ImGuiIO& io = ImGui::GetIO();
    for (const auto& [author, peer] : app.sync().peers()) {
        if (!peer.cursor) continue;
        const float x = static_cast<float>((peer.cursor->x - view.origin_x) / view.units_per_css_px) * pixel_ratio;
        const float y = static_cast<float>((peer.cursor->y - view.origin_y) / view.units_per_css_px) * pixel_ratio;
        if (x < -50 * s || y < -50 * s || x > io.DisplaySize.x || y > io.DisplaySize.y) continue;
        const float alpha = peer.state == PeerState::kIdle ? 0.45f : 1.0f;
        // An arrow pointer whose tip is the position, outlined in white so it
        // shows on dark ink too. The outline is concave: the head is filled as
        // a fan from the tip, the tail as a quad.
        const float u = 1.25f * s;
        const auto at = [&](float px, float py) { return ImVec2(x + px * u, y + py * u); };
        const std::array<ImVec2, 7> outline = {at(0, 0),   at(0, 17),   at(4, 13),  at(7, 20),
                                               at(9.5f, 19), at(6.5f, 12), at(12, 12)};
        const ImU32 fill = to_imu32(peer.color, alpha);
        // Without antialiasing the pieces meet without seams; the outline
        // drawn over their edges smooths them. (Corners go clockwise.)
        const ImDrawListFlags flags = draw->Flags;
        draw->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        draw->AddTriangleFilled(outline[0], outline[2], outline[1], fill);
        draw->AddTriangleFilled(outline[0], outline[5], outline[2], fill);
        draw->AddTriangleFilled(outline[0], outline[6], outline[5], fill);
        draw->AddQuadFilled(outline[5], outline[4], outline[3], outline[2], fill);
        draw->Flags = flags;
        draw->AddPolyline(outline.data(), static_cast<int>(outline.size()),
                          IM_COL32(255, 255, 255, static_cast<int>(230 * alpha)), ImDrawFlags_Closed, 1.5f * s);
        // The name on a label in the person's colour.
        const char* name = shown_name(peer.name);
        const ImVec2 text = ImGui::CalcTextSize(name);
        const ImVec2 label = at(11, 20);
        const ImVec2 padding(4.0f * s, 2.0f * s);
        draw->AddRectFilled(label, ImVec2(label.x + text.x + 2 * padding.x, label.y + text.y + 2 * padding.y),
                            fill, 4.0f * s);
        const ImU32 ink = text_on(peer.color);
        draw->AddText(ImVec2(label.x + padding.x, label.y + padding.y),
                      (ink & ~IM_COL32_A_MASK) | (static_cast<ImU32>(255 * alpha) << IM_COL32_A_SHIFT), name);
    }
}

void Toolbar::draw_status_bar(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0.0f, io.DisplaySize.y), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, 0.0f), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    if (!ImGui::Begin("##status", nullptr, flags)) {
        ImGui::End();
        ImGui::PopStyleVar();
        return;
    }
    const SyncClient& sync = app.sync();
    const ConnectionState state = sync.state();
    color_dot(state_color(state));
    ImGui::TextUnformatted(state_label(state));

    if (sync.read_only()) {
        status_separator();
        badge("View only", kViewOnlyColor);
    }

    const bool paused = saving_paused(sync);
    if (paused) {
        status_separator();
        badge("Saving paused", kSavingPausedColor);
        if (ImGui::IsItemHovered()) {
            std::string tip = kSavingPausedText;
            if (!sync.unwritable_reason().empty()) tip += "\nThe server says: " + sync.unwritable_reason();
            ImGui::SetTooltip("%s", tip.c_str());
        }
    }

    if (state == ConnectionState::kConnected) {
        status_separator();
        const std::uint32_t people = sync.participants();
        ImGui::Text(people == 1 ? "%u person here" : "%u people here", people);
    }

    if (!sync.pending().empty()) {
        status_separator();
        const std::size_t n = sync.pending().size();
        if (paused) {
            ImGui::Text(n == 1 ? "%zu change kept until saving resumes" : "%zu changes kept until saving resumes", n);
        } else {
            ImGui::Text(n == 1 ? "%zu change not saved yet" : "%zu changes not saved yet", n);
        }
    }

    const auto& notices = app.notices().entries();
    status_separator();
    if (ImGui::SmallButton(show_log_ ? "Hide messages" : "Messages")) show_log_ = !show_log_;
    // The latest message, in red if it is a problem; the log has them all.
    if (!notices.empty()) {
        ImGui::SameLine();
        const Notice& latest = notices.back();
        if (latest.level == NoticeLevel::kError) ImGui::TextColored(kErrorText, "%s", latest.text.c_str());
        else ImGui::TextDisabled("%s", latest.text.c_str());
    }
    ImGui::End();
    ImGui::PopStyleVar();
}

void Toolbar::draw_log(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImGui::SetNextWindowSize(ImVec2(line * 28.0f, line * 12.0f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x - line, io.DisplaySize.y - line * 3.0f),
                            ImGuiCond_FirstUseEver, ImVec2(1.0f, 1.0f));
    if (ImGui::Begin("Messages", &show_log_, ImGuiWindowFlags_NoSavedSettings)) {
        const auto& notices = app.notices().entries();
        if (notices.empty()) ImGui::TextDisabled("No messages yet.");
        for (const Notice& n : notices) {
            if (n.level == NoticeLevel::kError) ImGui::PushStyleColor(ImGuiCol_Text, kErrorText);
            ImGui::TextWrapped("%s", n.text.c_str());
            if (n.level == NoticeLevel::kError) ImGui::PopStyleColor();
        }
        // Follow new messages unless the user scrolled up to read older ones.
        if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY()) ImGui::SetScrollHereY(1.0f);
    }
    ImGui::End();
}

void Toolbar::draw_banner(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    // Centred, clear of the tool panel in the top-left corner.
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::fmin(io.DisplaySize.x - 2 * line, line * 32.0f), 0.0f), ImGuiCond_Always);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoResize;
    const Banner& banner = *app.banner();
    const bool offer_new_board = banner.offer_new_board;
    if (ImGui::Begin("Notice", nullptr, flags)) {
        ImGui::TextWrapped("%s", banner.text.c_str());
        ImGui::Spacing();
        if (offer_new_board && actions_.start_new_board) {
            if (ImGui::Button("Start a new board")) actions_.start_new_board();
            ImGui::SameLine();
        }
        // `banner` is gone once dismissed: nothing reads it after this.
        if (ImGui::Button(offer_new_board ? "Close" : "OK")) app.dismiss_banner();
    }
    ImGui::End();
}

}  // namespace squiggle::client
