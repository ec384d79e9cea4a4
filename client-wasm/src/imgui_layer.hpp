#pragma once
// Dear ImGui on the page: its GLFW and WebGL2 backends, a light theme, and
// sharp text on HiDPI screens, and a smooth font for the board's text objects. GLFW works in framebuffer pixels here, so the
// interface is scaled by the device pixel ratio (font atlas rebuilt, sizes
// scaled) rather than stretched.
#include <optional>

#include "page_input.hpp"

struct GLFWwindow;
struct ImFont;

namespace squiggle::client {

// The font text objects are drawn in: DejaVu Sans when the page has it
// (embedded at build time), else ImGui's own. Changes when the atlas is rebuilt.
ImFont* board_text_font();

class ImGuiLayer {
public:
    ImGuiLayer() = default;
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    bool init(GLFWwindow* window);

    // Starts a frame. `scale`: framebuffer pixels per CSS pixel. `touch`:
    // where a touch or pen is (CSS pixels), which GLFW cannot report.
    void begin_frame(float scale, const std::optional<PageInput::UiPointer>& touch);
    // True when the pointer is over the interface or held by it: a gesture
    // starting now is not drawing.
    bool wants_pointer() const;
    // Draws the interface over whatever is in the framebuffer.
    void render();

private:
    void apply_scale(float scale);

    bool initialized_ = false;
    float scale_ = 0.0f;
};

}  // namespace squiggle::client
