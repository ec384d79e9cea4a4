#include "board_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <variant>

#include "drawn_bounds.hpp"

namespace squiggle::client {
namespace {

// A segment with a negative half width is a filled area instead (see
// StrokeSegment): the quad covers its box and the shader cuts out the shape.
// Each segment is a capsule: from..to with round ends of radius half_width.
// It is drawn as a quad (two triangles, six vertices that all carry the same
// segment) one pixel larger than the capsule on every side; the vertex's index
// picks its corner, and the fragment shader shades by distance to the segment,
// which gives round caps and joins and an antialiased edge.
// Plain triangles rather than instancing: software renderers (SwiftShader,
// used where there is no GPU) run instanced draws one instance at a time.
constexpr const char* kVertexShader = R"(#version 300 es
precision highp float;
layout(location = 0) in vec2 a_from;
layout(location = 1) in vec2 a_to;
layout(location = 2) in float a_half_width;
layout(location = 3) in vec4 a_color;
// x: -1 at the start, +1 at the end; y: -1 / +1 for the side.
const vec2 kCorners[6] = vec2[6](vec2(-1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, -1.0),
                                 vec2(1.0, -1.0), vec2(-1.0, 1.0), vec2(1.0, 1.0));
uniform vec2 u_origin;   // model coordinates at the canvas's top-left corner
uniform vec2 u_scale;    // model units -> clip space
uniform float u_pixel;   // model units per framebuffer pixel
out vec2 v_position;
flat out vec2 v_from;
flat out vec2 v_to;
flat out float v_half_width;
flat out vec4 v_color;
void main() {
    vec2 corner = kCorners[gl_VertexID % 6];
    vec2 position;
    if (a_half_width < 0.0) {
        // A filled area (rectangle or ellipse) spanning a_from..a_to.
        vec2 lo = min(a_from, a_to) - vec2(u_pixel);
        vec2 hi = max(a_from, a_to) + vec2(u_pixel);
        position = vec2(corner.x < 0.0 ? lo.x : hi.x, corner.y < 0.0 ? lo.y : hi.y);
    } else {
        vec2 d = a_to - a_from;
        float len = length(d);
        vec2 along = len > 0.0 ? d / len : vec2(1.0, 0.0);
        vec2 across = vec2(-along.y, along.x);
        float reach = a_half_width + u_pixel;
        vec2 end = corner.x < 0.0 ? a_from - along * reach : a_to + along * reach;
        position = end + across * (corner.y * reach);
    }
    v_position = position;
    v_from = a_from;
    v_to = a_to;
    v_half_width = a_half_width;
    v_color = a_color;
    gl_Position = vec4((position - u_origin) * u_scale + vec2(-1.0, 1.0), 0.0, 1.0);
}
)";

constexpr const char* kFragmentShader = R"(#version 300 es
precision highp float;
in vec2 v_position;
flat in vec2 v_from;
flat in vec2 v_to;
flat in float v_half_width;
flat in vec4 v_color;
uniform float u_pixel;
out vec4 out_color;
// Signed distance (model units, negative inside) to a filled area's edge.
float fill_distance() {
    vec2 lo = min(v_from, v_to);
    vec2 hi = max(v_from, v_to);
    if (v_half_width < -1.5) {
        // Ellipse: the implicit function over its gradient's length.
        vec2 r = max((hi - lo) * 0.5, vec2(1e-3));
        vec2 q = (v_position - (lo + hi) * 0.5) / r;
        return (dot(q, q) - 1.0) / max(length(2.0 * q / r), 1e-6);
    }
    vec2 outside = max(lo - v_position, v_position - hi);
    return max(outside.x, outside.y);
}
void main() {
    float coverage;
    if (v_half_width < 0.0) {
        coverage = clamp(0.5 - fill_distance() / u_pixel, 0.0, 1.0);
    } else {
        vec2 d = v_to - v_from;
        float len2 = dot(d, d);
        float t = len2 > 0.0 ? clamp(dot(v_position - v_from, d) / len2, 0.0, 1.0) : 0.0;
        float distance_to_segment = length(v_position - (v_from + d * t));
        coverage = clamp((v_half_width - distance_to_segment) / u_pixel + 0.5, 0.0, 1.0);
    }
    if (coverage <= 0.0) discard;
    out_color = vec4(v_color.rgb, v_color.a * coverage);
}
)";

GLuint compile(GLenum kind, const char* source, std::string& error) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok == GL_TRUE) return shader;
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    error = std::string(kind == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + log;
    glDeleteShader(shader);
    return 0;
}

constexpr GLsizei kStride = sizeof(StrokeSegment);
constexpr std::size_t kVerticesPerSegment = 6;

}  // namespace

BoardRenderer::~BoardRenderer() {
    destroy_layer(board_layer_);
    destroy_layer(overlay_layer_);
    if (program_) glDeleteProgram(program_);
}

bool BoardRenderer::init() {
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader, error_);
    if (!vertex) return false;
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader, error_);
    if (!fragment) {
        glDeleteShader(vertex);
        return false;
    }
    program_ = glCreateProgram();
    glAttachShader(program_, vertex);
    glAttachShader(program_, fragment);
    glLinkProgram(program_);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        GLint length = 0;
        glGetProgramiv(program_, GL_INFO_LOG_LENGTH, &length);
        std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
        glGetProgramInfoLog(program_, length, nullptr, log.data());
        error_ = "shader program: " + log;
        return false;
    }
    origin_uniform_ = glGetUniformLocation(program_, "u_origin");
    scale_uniform_ = glGetUniformLocation(program_, "u_scale");
    pixel_uniform_ = glGetUniformLocation(program_, "u_pixel");

    create_layer(board_layer_);
    create_layer(overlay_layer_);
    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return true;
}

void BoardRenderer::create_layer(VertexLayer& layer) {
    glGenVertexArrays(1, &layer.vertex_array);
    glGenBuffers(1, &layer.buffer);
    layer.capacity = 1024 * kVerticesPerSegment;
    glBindBuffer(GL_ARRAY_BUFFER, layer.buffer);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(layer.capacity * kStride), nullptr, GL_DYNAMIC_DRAW);
    bind_vertex_attributes(layer);
}

void BoardRenderer::bind_vertex_attributes(VertexLayer& layer) {
    glBindVertexArray(layer.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, layer.buffer);
    const auto offset = [](std::size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, kStride, offset(offsetof(StrokeSegment, from_x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, kStride, offset(offsetof(StrokeSegment, to_x)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 1, GL_FLOAT, GL_FALSE, kStride, offset(offsetof(StrokeSegment, half_width)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, kStride, offset(offsetof(StrokeSegment, rgba)));
}

void BoardRenderer::append(VertexLayer& layer, const std::vector<StrokeSegment>& segments) {
    if (segments.empty()) return;
    // Every vertex of a segment's quad carries the whole segment.
    vertices_.clear();
    vertices_.reserve(segments.size() * kVerticesPerSegment);
    for (const StrokeSegment& segment : segments) vertices_.insert(vertices_.end(), kVerticesPerSegment, segment);
    const std::size_t needed = layer.count + vertices_.size();
    if (needed > layer.capacity) {
        // Grow geometrically and copy on the GPU: the CPU keeps no mirror.
        const std::size_t capacity = std::max(needed, layer.capacity * 2);
        GLuint bigger = 0;
        glGenBuffers(1, &bigger);
        glBindBuffer(GL_COPY_WRITE_BUFFER, bigger);
        glBufferData(GL_COPY_WRITE_BUFFER, static_cast<GLsizeiptr>(capacity * kStride), nullptr, GL_DYNAMIC_DRAW);
        if (layer.count > 0) {
            glBindBuffer(GL_COPY_READ_BUFFER, layer.buffer);
            glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, 0,
                                static_cast<GLsizeiptr>(layer.count * kStride));
        }
        glDeleteBuffers(1, &layer.buffer);
        layer.buffer = bigger;
        layer.capacity = capacity;
        bind_vertex_attributes(layer);
        glBindVertexArray(0);
    }
    glBindBuffer(GL_ARRAY_BUFFER, layer.buffer);
    glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(layer.count * kStride),
                    static_cast<GLsizeiptr>(vertices_.size() * kStride), vertices_.data());
    layer.count = needed;
}

void BoardRenderer::destroy_layer(VertexLayer& layer) {
    if (layer.buffer) glDeleteBuffers(1, &layer.buffer);
    if (layer.vertex_array) glDeleteVertexArrays(1, &layer.vertex_array);
    layer = VertexLayer{};
}

void BoardRenderer::sync_board(const Board& board, std::uint64_t generation) {
    if (board_synced_ && generation == board_generation_ && board.revision() == board_revision_) return;
    const auto& objects = board.objects_by_z();
    // Objects added on top are appended; any other change (erase, move,
    // restyle, undo, a different board) re-uploads from scratch. A replaced
    // board's revisions are its own, so they cannot be compared with ours.
    const bool must_rebuild = generation != board_generation_ || board.layout_revision() != layout_revision_ ||
                              objects.size() < uploaded_objects_ ||
                              (!objects.empty() && objects.rbegin()->first < last_z_);
    board_generation_ = generation;
    layout_revision_ = board.layout_revision();
    if (must_rebuild) {
        board_layer_.count = 0;
        uploaded_objects_ = 0;
        last_z_ = 0;
        spans_.clear();
    }
    scratch_.clear();
    for (auto it = objects.upper_bound(last_z_); it != objects.end(); ++it) {
        const std::size_t before = scratch_.size();
        std::visit([&](const auto& object) { append_segments(object, scratch_); }, it->second);
        spans_.push_back(ObjectSpan{drawn_bounds(it->second), board_layer_.count + before * kVerticesPerSegment,
                                    (scratch_.size() - before) * kVerticesPerSegment});
        last_z_ = it->first;
        ++uploaded_objects_;
    }
    append(board_layer_, scratch_);
    board_synced_ = true;
    board_revision_ = board.revision();
}

void BoardRenderer::sync_overlay(const std::vector<Object>& preview, std::uint64_t revision) {
    if (overlay_synced_ && revision == overlay_revision_) return;
    scratch_.clear();
    for (const Object& object : preview) {
        std::visit([&](const auto& o) { append_segments(o, scratch_); }, object);
    }
    overlay_layer_.count = 0;
    append(overlay_layer_, scratch_);
    overlay_synced_ = true;
    overlay_revision_ = revision;
}

void BoardRenderer::draw(const ViewTransform& view, const Viewport& viewport, bool with_overlay) {
    if (viewport.framebuffer_width <= 0 || viewport.css_width <= 0 || viewport.css_height <= 0) return;
    glViewport(0, 0, viewport.framebuffer_width, viewport.framebuffer_height);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);

    glUseProgram(program_);
    glUniform2f(origin_uniform_, static_cast<float>(view.origin_x), static_cast<float>(view.origin_y));
    glUniform2f(scale_uniform_, static_cast<float>(2.0 / (viewport.css_width * view.units_per_css_px)),
                static_cast<float>(-2.0 / (viewport.css_height * view.units_per_css_px)));
    glUniform1f(pixel_uniform_, static_cast<float>(view.units_per_css_px * viewport.css_width /
                                                   viewport.framebuffer_width));
    // The antialiased edge reaches a pixel past an object's bounds.
    Box visible = view.visible_box(viewport.css_width, viewport.css_height);
    const auto slack = static_cast<std::int32_t>(std::ceil(view.units_per_css_px * 2));
    visible = Box{visible.min_x - slack, visible.min_y - slack, visible.max_x + slack, visible.max_y + slack};
    if (board_layer_.count > 0) {
        glBindVertexArray(board_layer_.vertex_array);
        for (const DrawRun& run : visible_runs(spans_, visible, &objects_drawn_)) {
            glDrawArrays(GL_TRIANGLES, static_cast<GLint>(run.first), static_cast<GLsizei>(run.count));
        }
    } else {
        objects_drawn_ = 0;
    }
    // The overlay is a few strokes at most: not worth culling.
    if (with_overlay && overlay_layer_.count > 0) {
        glBindVertexArray(overlay_layer_.vertex_array);
        glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(overlay_layer_.count));
    }
    glBindVertexArray(0);
    glUseProgram(0);
}

}  // namespace squiggle::client
