#include "toolbar.hpp"

#include <imgui.h>

#include <array>
#include <cmath>

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

Rgba to_rgba(const float rgb[3]) {
    const auto channel = [](float v) {
        return static_cast<Rgba>(std::lround(std::fmin(std::fmax(v, 0.0f), 1.0f) * 255.0f));
    };
    return (channel(rgb[0]) << 24) | (channel(rgb[1]) << 16) | (channel(rgb[2]) << 8) | 0xFFu;
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

// A coloured dot the height of a text line, then the cursor stays on the line.
void status_dot(const ImVec4& color) {
    const float size = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + size * 0.5f, at.y + size * 0.5f), size * 0.3f,
                                                ImGui::GetColorU32(color));
    ImGui::Dummy(ImVec2(size, size));
    ImGui::SameLine();
}

// Marks the item just submitted as the current choice.
void ring_last_item() {
    const float ring = 2.0f * ImGui::GetFontSize() / 13.0f;
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

}  // namespace

Toolbar::Toolbar(std::string board_link, std::function<bool(const std::string&)> copy_text)
    : board_link_(std::move(board_link)), copy_text_(std::move(copy_text)) {}

void Toolbar::draw(App& app, double now_ms) {
    draw_tools(app, now_ms);
    draw_status_bar(app);
    if (show_log_) draw_log(app);
    if (!app.banner().empty()) draw_banner(app);
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
    ToolSettings& tool = app.tool();
    const float swatch = ImGui::GetFrameHeight() * 1.2f;
    const ImGuiColorEditFlags swatch_flags = ImGuiColorEditFlags_NoAlpha | ImGuiColorEditFlags_NoTooltip |
                                             ImGuiColorEditFlags_NoDragDrop;

    // The palette; the current colour gets a ring.
    for (std::size_t i = 0; i < kPalette.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::ColorButton(kPaletteNames[i], to_imvec4(kPalette[i]), swatch_flags, ImVec2(swatch, swatch))) {
            tool.color = kPalette[i];
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kPaletteNames[i]);
        if (tool.color == kPalette[i]) ring_last_item();
        ImGui::PopID();
    }

    // Any other colour: picking one makes it the pen's colour.
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    const bool custom_selected = to_rgba(custom_color_) == tool.color;
    if (ImGui::ColorEdit3("##custom", custom_color_,
                          ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel | ImGuiColorEditFlags_NoAlpha |
                              ImGuiColorEditFlags_PickerHueWheel)) {
        tool.color = to_rgba(custom_color_);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Custom colour");
    if (custom_selected) ring_last_item();

    // Pen width, with a sample of the stroke it makes.
    ImGui::SetNextItemWidth(swatch * 6.0f);
    ImGui::SliderFloat("Width", &tool.width_px, kMinWidthPx, kMaxWidthPx, "%.0f px", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    // The interface is scaled like its 13 px font, so the sample is too.
    const float ui_scale = ImGui::GetFontSize() / 13.0f;
    const float sample_height = ImGui::GetFrameHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float sample_width = swatch * 2.5f;
    const float thickness = std::fmin(tool.width_px * ui_scale, sample_height);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x + thickness * 0.5f, at.y + sample_height * 0.5f),
                                        ImVec2(at.x + sample_width - thickness * 0.5f, at.y + sample_height * 0.5f),
                                        ImGui::GetColorU32(to_imvec4(tool.color)), thickness);
    ImGui::Dummy(ImVec2(sample_width, sample_height));

    // The link others open to join this board.
    ImGui::Separator();
    ImGui::TextUnformatted("Board link:");
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) {
        copy_succeeded_ = copy_text_ && copy_text_(board_link_);
        copy_feedback_until_ms_ = now_ms + kCopyFeedbackMs;
    }
    if (now_ms < copy_feedback_until_ms_) {
        ImGui::SameLine();
        if (copy_succeeded_) ImGui::TextDisabled("Copied");
        else ImGui::TextColored(kErrorText, "Copying failed: select the link below");
    }
    ImGui::TextUnformatted(board_link_.c_str());
    ImGui::End();
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
    status_dot(state_color(state));
    ImGui::TextUnformatted(state_label(state));

    if (state == ConnectionState::kConnected) {
        status_separator();
        const std::uint32_t people = sync.participants();
        ImGui::Text(people == 1 ? "%u person here" : "%u people here", people);
    }

    if (!sync.pending().empty()) {
        status_separator();
        const std::size_t n = sync.pending().size();
        ImGui::Text(n == 1 ? "%zu stroke not saved yet" : "%zu strokes not saved yet", n);
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
    if (ImGui::Begin("Notice", nullptr, flags)) {
        ImGui::TextWrapped("%s", app.banner().c_str());
        if (ImGui::Button("OK")) app.dismiss_banner();
    }
    ImGui::End();
}

}  // namespace squiggle::client
