#include "imgui_layer.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cmath>
#include <cstdio>

namespace squiggle::client {
namespace {

// ImGui's built-in font is drawn for 13 px; other sizes are scaled from it.
constexpr float kBaseFontPixels = 13.0f;
// Where the build embeds the text font, and the size its glyphs are
// rasterised at: large, so text stays smooth when drawn big; smaller sizes
// are scaled down from it.
constexpr const char* kTextFontPath = "/fonts/text.ttf";
constexpr float kTextFontPixels = 48.0f;

ImFont* g_text_font = nullptr;

void apply_theme(ImGuiStyle& style) {
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 6.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.PopupRounding = 4.0f;
    style.WindowBorderSize = 1.0f;
    style.FramePadding = ImVec2(6.0f, 4.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.Colors[ImGuiCol_WindowBg].w = 0.96f;
}

}  // namespace

ImFont* board_text_font() {
    if (g_text_font) return g_text_font;
    const ImGuiIO& io = ImGui::GetIO();
    return io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
}

ImGuiLayer::~ImGuiLayer() {
    if (!initialized_) return;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
}

bool ImGuiLayer::init(GLFWwindow* window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to persist, and no file system to do it in
    if (!ImGui_ImplGlfw_InitForOpenGL(window, true)) return false;
    if (!ImGui_ImplOpenGL3_Init("#version 300 es")) return false;
    initialized_ = true;
    return true;
}

void ImGuiLayer::apply_scale(float scale) {
    scale_ = scale;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig font;
    font.SizePixels = std::round(kBaseFontPixels * scale);
    io.Fonts->AddFontDefault(&font);
    g_text_font = nullptr;
    if (std::FILE* file = std::fopen(kTextFontPath, "rb")) {
        std::fclose(file);
        ImFontConfig text;
        // At this size sub-pixel oversampling buys nothing but a bigger atlas.
        text.OversampleH = 1;
        text.OversampleV = 1;
        g_text_font = io.Fonts->AddFontFromFileTTF(kTextFontPath, kTextFontPixels, &text);
    }
    // The backend uploads the atlas lazily only once; a rebuilt one must be re-uploaded.
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();

    ImGuiStyle style;
    apply_theme(style);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

void ImGuiLayer::begin_frame(float scale, const std::optional<PageInput::UiPointer>& touch) {
    ImGui_ImplOpenGL3_NewFrame();
    if (scale != scale_) apply_scale(scale);
    ImGui_ImplGlfw_NewFrame();
    if (touch) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = touch->present ? ImVec2(static_cast<float>(touch->x * scale), static_cast<float>(touch->y * scale))
                                     : ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = touch->down;
    }
    ImGui::NewFrame();
}

bool ImGuiLayer::wants_pointer() const {
    return ImGui::GetIO().WantCaptureMouse;
}

void ImGuiLayer::render() {
    ImGui::Render();
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace squiggle::client
