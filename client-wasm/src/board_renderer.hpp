#pragma once
// Draws the board's strokes and shapes (outlines and fills) with WebGL2. The
// shown board lives in a GPU buffer of segment vertices: each frame uploads
// just the objects added on top; any other change (Board::layout_revision(),
// or a new generation of the shown board) rebuilds it. Each object's span of
// that buffer is remembered with its bounds, so only the objects in view are
// drawn (culling). What the gesture under way would create forms a small
// overlay on top, rebuilt only when it changes. Text is drawn by the
// interface layer (canvas_overlay).
#include <GLES3/gl3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "squiggle/board.hpp"
#include "culling.hpp"
#include "stroke_geometry.hpp"
#include "view_transform.hpp"

namespace squiggle::client {

struct Viewport {
    int framebuffer_width = 0;
    int framebuffer_height = 0;
    double css_width = 0;
    double css_height = 0;
};

class BoardRenderer {
public:
    BoardRenderer() = default;
    ~BoardRenderer();
    BoardRenderer(const BoardRenderer&) = delete;
    BoardRenderer& operator=(const BoardRenderer&) = delete;

    // Compiles the shaders; on failure error() says why.
    bool init();
    const std::string& error() const { return error_; }

    // Uploads what the board gained since the last call. `generation` changes
    // when the board was replaced as a whole (VisibleBoard::generation()):
    // then everything is uploaded again.
    void sync_board(const Board& board, std::uint64_t generation);
    // Rebuilds the overlay when `revision` changed.
    void sync_overlay(const std::vector<Object>& preview, std::uint64_t revision);

    // Draws into the bound framebuffer. Without `with_overlay` only the
    // confirmed board (what an export shows).
    void draw(const ViewTransform& view, const Viewport& viewport, bool with_overlay = true);

    // Confirmed objects the latest draw() drew; those out of view it skipped.
    std::size_t objects_drawn() const { return objects_drawn_; }

private:
    // One growable vertex buffer (each segment's quad is six vertices that
    // all carry the StrokeSegment) and the vertex array reading it.
    struct VertexLayer {
        GLuint vertex_array = 0;
        GLuint buffer = 0;
        std::size_t count = 0;     // vertices
        std::size_t capacity = 0;  // vertices
    };

    void create_layer(VertexLayer& layer);
    void bind_vertex_attributes(VertexLayer& layer);
    void append(VertexLayer& layer, const std::vector<StrokeSegment>& segments);
    void destroy_layer(VertexLayer& layer);

    std::string error_;
    GLuint program_ = 0;
    GLint origin_uniform_ = -1;
    GLint scale_uniform_ = -1;
    GLint pixel_uniform_ = -1;

    VertexLayer board_layer_;
    VertexLayer overlay_layer_;

    // What board_layer_ holds.
    bool board_synced_ = false;
    std::uint64_t board_generation_ = 0;
    std::uint64_t board_revision_ = 0;
    std::uint64_t last_z_ = 0;
    std::uint64_t layout_revision_ = 0;
    std::size_t uploaded_objects_ = 0;

    // What overlay_layer_ was built from.
    bool overlay_synced_ = false;
    std::uint64_t overlay_revision_ = 0;

    // Where each object of board_layer_ is, in buffer order.
    std::vector<ObjectSpan> spans_;
    std::size_t objects_drawn_ = 0;

    std::vector<StrokeSegment> scratch_;   // segments of the objects being uploaded
    std::vector<StrokeSegment> vertices_;  // the same, six per segment
};

}  // namespace squiggle::client
