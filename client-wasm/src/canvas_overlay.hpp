#pragma once
// What ImGui draws over the board, under the panels: text objects (the GPU
// renderer draws strokes and shapes only), the selection's outlines and
// handles, the selection box being dragged, the eraser's reach, and the
// field the text tool types into, placed where the text will be.
#include <string>

#include "app.hpp"

struct ImFont;

namespace squiggle::client {

class CanvasOverlay {
public:
    // `pixel_ratio`: framebuffer (ImGui) pixels per CSS pixel.
    void draw(App& app, float pixel_ratio);

    // A text's width in model units with the font the overlay draws it in.
    static double measure(const TextOp& text);

private:
    void draw_texts(App& app);
    void draw_selection(App& app);
    void draw_eraser(App& app);
    void draw_text_editor(App& app);

    float pixel_ratio_ = 1.0f;
    // The field's contents while a text is typed (the protocol's limit + NUL).
    char buffer_[4097] = {};
    bool editor_open_ = false;
};

}  // namespace squiggle::client
