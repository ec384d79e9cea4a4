#include "test_hooks.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>

#include "app.hpp"
#include "squiggle/base64.hpp"
#include "board_import.hpp"
#include "board_json.hpp"
#include "board_renderer.hpp"
#include "png_export.hpp"
#include "svg_export.hpp"
#include "hit_test.hpp"
#include "sync_client.hpp"
#include "ui_rects.hpp"
#include "toolbar.hpp"
#include "ui_rects.hpp"

namespace {
const squiggle::client::App* g_app = nullptr;
const squiggle::client::Toolbar* g_toolbar = nullptr;
squiggle::client::BoardRenderer* g_renderer = nullptr;
const squiggle::client::BoardImport* g_import = nullptr;
std::uint64_t g_frames_drawn = 0;

const squiggle::client::SyncClient* sync_client() {
    return g_app ? &g_app->sync() : nullptr;
}

// A JSON string literal for `text` (UTF-8 passes through; control characters,
// quotes and backslashes are escaped).
std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}


std::string json_number(double v) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

// The hooks hand out pointers into this; each call replaces it.
const char* hand_out(std::string text) {
    static std::string storage;
    storage = std::move(text);
    return storage.c_str();
}

}  // namespace

namespace squiggle::client {
void register_test_hooks(const App& app, const Toolbar& toolbar) {
    g_app = &app;
    g_toolbar = &toolbar;
}

void register_render_hooks(BoardRenderer& renderer, const BoardImport& import) {
    g_renderer = &renderer;
    g_import = &import;
}

void note_frame_drawn() {
    ++g_frames_drawn;
}
}  // namespace squiggle::client

// Numbers are returned as doubles: JS numbers hold them exactly up to 2^53,
// while a 64-bit return would need BigInt support in the page glue. Strings
// that stand for "nothing" are empty; loader.js turns them into null.
extern "C" {

EMSCRIPTEN_KEEPALIVE int squiggle_ready() {
    return g_app != nullptr ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_state_hash() {
    static char hex[17];
    if (!g_app) return "";
    std::snprintf(hex, sizeof hex, "%016" PRIx64, sync_client()->board().state_hash());
    return hex;
}

EMSCRIPTEN_KEEPALIVE double squiggle_head_seq() {
    return g_app ? static_cast<double>(sync_client()->board().head_seq()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_object_count() {
    return g_app ? static_cast<double>(sync_client()->board().object_count()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_pending_count() {
    return g_app ? static_cast<double>(sync_client()->pending().size()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_ops_sent() {
    return g_app ? static_cast<double>(sync_client()->ops_sent()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_snapshots_loaded() {
    return g_app ? static_cast<double>(sync_client()->snapshots_loaded()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE double squiggle_frames_drawn() {
    return static_cast<double>(g_frames_drawn);
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_connection_state() {
    return g_app ? squiggle::client::to_string(sync_client()->state()) : "connecting";
}

// 1 while the board takes ops, 0 while the server says its storage is down.
EMSCRIPTEN_KEEPALIVE int squiggle_writable() {
    return g_app && !sync_client()->writable() ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE double squiggle_participants() {
    return g_app ? static_cast<double>(sync_client()->participants()) : 0.0;
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_board_id() {
    return g_app ? sync_client()->board_id().c_str() : "";
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_role() {
    if (!g_app || !sync_client()->role()) return "";
    return *sync_client()->role() == squiggle::Role::kViewer ? "viewer" : "editor";
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_edit_link() {
    return hand_out(g_app ? g_toolbar->edit_link(*g_app) : std::string());
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_view_link() {
    return hand_out(g_app ? g_toolbar->view_link(*g_app) : std::string());
}

// {"name": ..., "color": "#rrggbb", "idle": bool}
EMSCRIPTEN_KEEPALIVE const char* squiggle_me() {
    if (!g_app) return "";
    const squiggle::client::Identity& me = g_app->identity();
    return hand_out("{\"name\":" + json_string(me.name) + ",\"color\":\"" +
                    squiggle::client::color_to_hex(me.color) + "\",\"idle\":" +
                    (sync_client()->idle() ? "true" : "false") + "}");
}

// [{"author": "<decimal>", "name", "color": "#rrggbb", "idle", "cursor": {x, y} | null}]
EMSCRIPTEN_KEEPALIVE const char* squiggle_peers() {
    if (!g_app) return "";
    std::string out = "[";
    for (const auto& [author, peer] : sync_client()->peers()) {
        if (out.size() > 1) out += ",";
        out += "{\"author\":\"" + std::to_string(author) + "\",\"name\":" + json_string(peer.name) +
               ",\"color\":\"" + squiggle::client::color_to_hex(peer.color) + "\",\"idle\":" +
               (peer.state == squiggle::PeerState::kIdle ? "true" : "false") + ",\"cursor\":";
        out += peer.cursor ? "{\"x\":" + std::to_string(peer.cursor->x) + ",\"y\":" + std::to_string(peer.cursor->y) + "}"
                           : std::string("null");
        out += "}";
    }
    return hand_out(out + "]");
}

// {"originX", "originY" (model units at the canvas's top-left), "unitsPerPx", "zoom"}
EMSCRIPTEN_KEEPALIVE const char* squiggle_view() {
    if (!g_app) return "";
    const squiggle::client::ViewTransform& v = g_app->view();
    return hand_out("{\"originX\":" + json_number(v.origin_x) + ",\"originY\":" + json_number(v.origin_y) +
                    ",\"unitsPerPx\":" + json_number(v.units_per_css_px) + ",\"zoom\":" + json_number(v.zoom()) +
                    "}");
}

// Confirmed objects the latest frame drew (the others were out of view).
EMSCRIPTEN_KEEPALIVE double squiggle_drawn_objects() {
    return g_renderer ? static_cast<double>(g_renderer->objects_drawn()) : 0.0;
}

// Ops of an import still waiting to be sent.
EMSCRIPTEN_KEEPALIVE double squiggle_importing() {
    return g_import ? static_cast<double>(g_import->remaining()) : 0.0;
}

// {"x", "y", "width", "height"} in CSS pixels of the button last drawn as
// `label`, or "" if none was.
EMSCRIPTEN_KEEPALIVE const char* squiggle_ui_button(const char* label) {
    const auto rect = squiggle::client::item_rect(label ? label : "");
    if (!g_app || !rect) return "";
    return hand_out("{\"x\":" + json_number(rect->x0) + ",\"y\":" + json_number(rect->y0) + ",\"width\":" +
                    json_number(rect->x1 - rect->x0) + ",\"height\":" + json_number(rect->y1 - rect->y0) + "}");
}

// The exports the Export section's buttons download, without the download.
EMSCRIPTEN_KEEPALIVE const char* squiggle_export_svg() {
    return hand_out(g_app ? squiggle::client::board_svg(sync_client()->board()) : std::string());
}

EMSCRIPTEN_KEEPALIVE const char* squiggle_export_json() {
    return hand_out(g_app ? squiggle::client::board_json(sync_client()->board()) : std::string());
}

// Base64 of the PNG file ("" if it could not be made).
EMSCRIPTEN_KEEPALIVE const char* squiggle_export_png() {
    if (!g_app || !g_renderer) return "";
    return hand_out(squiggle::base64_encode(
        squiggle::client::export_png(*g_renderer, sync_client()->board(), sync_client()->board_generation())));
}

// The current tool: "pen", "line", "rectangle", "ellipse", "arrow", "text", "eraser" or "select".
EMSCRIPTEN_KEEPALIVE const char* squiggle_tool() {
    return g_app ? squiggle::client::tool_id(g_app->tool_kind()) : "";
}

namespace {
std::string id_text(const squiggle::ObjectId& id) {
    return "\"" + std::to_string(id.author) + ":" + std::to_string(id.counter) + "\"";
}
const char* kind_text(const squiggle::Object& object) {
    if (std::holds_alternative<squiggle::StrokeOp>(object)) return "stroke";
    if (std::holds_alternative<squiggle::TextOp>(object)) return "text";
    switch (std::get<squiggle::ShapeOp>(object).kind) {
        case squiggle::ShapeKind::kLine: return "line";
        case squiggle::ShapeKind::kRectangle: return "rectangle";
        case squiggle::ShapeKind::kEllipse: return "ellipse";
        case squiggle::ShapeKind::kArrow: return "arrow";
    }
    return "";
}
}  // namespace

// The selected object ids, ["<author>:<counter>", ...] in id order.
EMSCRIPTEN_KEEPALIVE const char* squiggle_selection() {
    if (!g_app) return "";
    std::string out = "[";
    for (const squiggle::ObjectId& id : g_app->selected()) {
        if (out.size() > 1) out += ",";
        out += id_text(id);
    }
    return hand_out(out + "]");
}

// The confirmed board's objects back to front: [{"id", "kind", "color":
// "#rrggbb", "fill": "#rrggbb" | null, "text": string | null, "box": [x0, y0,
// x1, y1] in CSS pixels at zoom 1}].
EMSCRIPTEN_KEEPALIVE const char* squiggle_objects() {
    if (!g_app) return "";
    using namespace squiggle;
    const client::TextWidth width = [](const TextOp& t) { return g_app->text_width(t); };
    std::string out = "[";
    for (const auto& [z, object] : sync_client()->board().objects_by_z()) {
        if (out.size() > 1) out += ",";
        const Box box = client::visual_bounds(object, width);
        Rgba color = 0;
        std::string fill = "null", text = "null";
        std::visit([&](const auto& o) { color = o.color; }, object);
        if (const auto* shape = std::get_if<ShapeOp>(&object); shape && (shape->fill & 0xFFu) != 0) {
            fill = "\"" + client::color_to_hex(shape->fill) + "\"";
        }
        if (const auto* t = std::get_if<TextOp>(&object)) text = json_string(t->text);
        char numbers[128];
        std::snprintf(numbers, sizeof numbers, "[%g,%g,%g,%g]", box.min_x / double(kUnitsPerPixel),
                      box.min_y / double(kUnitsPerPixel), box.max_x / double(kUnitsPerPixel),
                      box.max_y / double(kUnitsPerPixel));
        out += "{\"id\":" + id_text(id_of(object)) + ",\"kind\":\"" + kind_text(object) + "\",\"color\":\"" +
               client::color_to_hex(color) + "\",\"fill\":" + fill + ",\"text\":" + text + ",\"box\":" + numbers +
               "}";
    }
    return hand_out(out + "]");
}

// Where the named interface item (ui_rects.hpp) was drawn last, in CSS
// pixels: {"x0", "y0", "x1", "y1"}, or "" if never.
EMSCRIPTEN_KEEPALIVE const char* squiggle_ui_rect(const char* name) {
    const std::optional<squiggle::client::UiRect> r = squiggle::client::item_rect(name ? name : "");
    if (!r) return "";
    char text[160];
    std::snprintf(text, sizeof text, "{\"x0\":%g,\"y0\":%g,\"x1\":%g,\"y1\":%g}", r->x0, r->y0, r->x1, r->y1);
    return hand_out(text);
}

// The text of the notice the user must acknowledge, or "".
EMSCRIPTEN_KEEPALIVE const char* squiggle_banner() {
    return hand_out(g_app && g_app->banner() ? g_app->banner()->text : std::string());
}

}  // extern "C"
