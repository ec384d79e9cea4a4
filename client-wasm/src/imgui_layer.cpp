#include "imgui_layer.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cmath>

namespace squiggle::client {
namespace {

// ImGui's built-in font is drawn for 13 px; other sizes are scaled from it.
constexpr float kBaseFontPixels = 13.0f;

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
