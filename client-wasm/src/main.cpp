// The browser client's entry point: picks the board from the link (or starts a
// new one), opens the canvas with GLFW and WebGL2, wires the parts together
// and runs the frame loop. The parts themselves live in their own files.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "app.hpp"
#include "board_import.hpp"
#include "board_link.hpp"
#include "board_renderer.hpp"
#include "browser_files.hpp"
#include "canvas_overlay.hpp"
#include "browser_page.hpp"
#include "browser_timers.hpp"
#include "browser_transport.hpp"
#include "export_panel.hpp"
#include "imgui_layer.hpp"
#include "keyboard_input.hpp"
#include "notice_log.hpp"
#include "page_input.hpp"
#include "png_export.hpp"
#include "random_ids.hpp"
#include "squiggle/limits.hpp"
#include "sync_client.hpp"
#include "test_hooks.hpp"
#include "tool_strip.hpp"
#include "toolbar.hpp"
#include "ui_rects.hpp"
#include "view_input.hpp"
#include "view_navigation.hpp"
#include "view_panel.hpp"

namespace squiggle::client {
namespace {

constexpr const char* kCanvasSelector = "#canvas";
// Frames are drawn while something happens, and for this long after the last
// input (hover highlights, popups); an idle page otherwise redraws only this
// often, which keeps a background whiteboard from burning battery.
constexpr double kActiveAfterInputMs = 1000.0;
constexpr double kIdleRedrawMs = 500.0;

struct BoardChoice {
    std::string id;
    std::string key;      // as the link has it: may be empty or malformed (SyncClient refuses those)
    std::string problem;  // set when the link named a board we cannot use
};

// The board named by the link, or a new one (with a new edit key) whose link
// replaces the address.
BoardChoice choose_board() {
    const LinkedBoard linked = board_from_fragment(page::location_hash());
    if (linked.kind == LinkedBoard::Kind::kValid) return {linked.id, linked.key, ""};
    BoardChoice choice{new_board_id(), new_board_key(), ""};
    if (linked.kind == LinkedBoard::Kind::kInvalid) {
        std::string shown = linked.id.substr(0, 40);
        if (linked.id.size() > shown.size()) shown += "...";
        choice.problem = "This link's board id \"" + shown +
                         "\" is not valid (a board id is 22 letters, digits, '-' or '_'), so a new, empty "
                         "board was started instead. Check the link you were given to join that board.";
    }
    page::replace_location_hash(fragment_for_board(choice.id, choice.key));
    return choice;
}

void remember_identity(const Identity& identity) {
    page::store_setting("name", identity.name);
    page::store_setting("color", color_to_hex(identity.color));
}

// The name and colour this browser used before, or new random ones (which are
// remembered, so a reload keeps them).
Identity load_identity() {
    Identity identity;
    const std::optional<std::string> name = page::stored_setting("name");
    const std::optional<std::string> color = page::stored_setting("color");
    const std::optional<Rgba> stored_color = color ? color_from_hex(*color) : std::nullopt;
    identity.name = name && !name->empty() ? truncate_utf8(*name, squiggle::limits::kMaxNameLength)
                                           : guest_name(random_below(9000));
    identity.color = stored_color ? *stored_color
                                  : kPersonColors[random_below(static_cast<std::uint32_t>(kPersonColors.size()))];
    if (!name || name->empty() || !stored_color) remember_identity(identity);
    return identity;
}

void start_new_board() {
    // Navigating to the new fragment reloads the page there (web/loader.js).
    page::open_fragment(fragment_for_board(new_board_id(), new_board_key()));
}

// Everything the page keeps alive; allocated once and never freed (the page's
// lifetime is the program's).
struct Client {
    GLFWwindow* window = nullptr;
    PageInput* input = nullptr;
    ViewInput* view_input = nullptr;
    ViewNavigation navigation;
    BoardImport import;
    std::unique_ptr<ExportPanel> export_panel;
    NoticeLog notices;
    BrowserTransport transport;
    BrowserTimers timers;
    std::unique_ptr<SyncClient> sync;
    std::unique_ptr<App> app;
    std::unique_ptr<Toolbar> toolbar;
    ToolStrip tool_strip;
    CanvasOverlay overlay;
    ImGuiLayer ui;
    BoardRenderer renderer;

    Viewport viewport;
    float pixel_ratio = 1.0f;
    double last_drawn_ms = -1e9;
    ViewTransform shown_view;
    // What the last drawn frame showed; any difference needs a new frame.
    using Shown = std::tuple<std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t, std::uint64_t,
                             std::uint64_t, ConnectionState, std::uint32_t, bool, std::optional<Role>, bool, bool>;
    Shown shown{};
};

Client::Shown what_to_show(const Client& c) {
    const SyncClient& sync = *c.sync;
    return {sync.board().revision(), sync.board_generation(), sync.pending_revision(),
            c.app->preview_revision(), c.notices.revision(), sync.peers_revision(), sync.state(),
            sync.participants(), c.app->banner().has_value(), sync.role(), sync.idle(), sync.writable()};
}

// Follows the canvas's CSS size and the device pixel ratio. True on change.
bool update_viewport(Client& c) {
    const page::CanvasSize size = page::canvas_size(kCanvasSelector);
    const int width = std::max(1, static_cast<int>(std::lround(size.css_width * size.device_pixel_ratio)));
    const int height = std::max(1, static_cast<int>(std::lround(size.css_height * size.device_pixel_ratio)));
    const bool changed = width != c.viewport.framebuffer_width || height != c.viewport.framebuffer_height ||
                         size.css_width != c.viewport.css_width || size.css_height != c.viewport.css_height ||
                         static_cast<float>(size.device_pixel_ratio) != c.pixel_ratio;
    if (!changed) return false;
    if (width != c.viewport.framebuffer_width || height != c.viewport.framebuffer_height) {
        page::set_canvas_pixel_size(width, height);
    }
    c.viewport = Viewport{width, height, size.css_width, size.css_height};
    c.pixel_ratio = static_cast<float>(size.device_pixel_ratio);
    return true;
}

// Zooming and panning from this frame's input; the pointer events that are
// not navigation go on to drawing.
void navigate_and_draw_input(Client& c) {
    // Keys typed into a text field are text, not shortcuts.
    const bool typing = ImGui::GetIO().WantTextInput;
    ViewTransform& view = c.app->view();
    c.navigation.set_space_held(c.view_input->space_held() && !typing);
    // Zoom-to-fit keeps the objects clear of the tool panel (as of the last frame).
    const std::optional<UiRect> panel = item_rect(kToolPanel);
    c.navigation.set_covered_top(panel ? panel->y1 : 0.0);
    const ViewNavigation::Filtered filtered =
        c.navigation.filter(c.input->take_pointer_events(), view, c.ui.wants_pointer());
    c.app->handle_pointer_events(filtered.for_drawing, c.ui.wants_pointer());
    if (filtered.abandon_drawing) c.app->abandon_gesture();
    for (const WheelInput& wheel : c.view_input->take_wheel_events()) {
        // Over a panel the wheel scrolls the panel (ImGui has it).
        if (!c.ui.wants_pointer()) c.navigation.wheel(wheel, view);
    }
    for (const ViewKey key : c.view_input->take_keys()) {
        if (!typing) c.navigation.key(key, view, c.viewport.css_width, c.viewport.css_height, c.sync->board());
    }
}

bool view_changed(const Client& c) {
    const ViewTransform& now = c.app->view();
    return now.origin_x != c.shown_view.origin_x || now.origin_y != c.shown_view.origin_y ||
           now.units_per_css_px != c.shown_view.units_per_css_px;
}

void frame(void* arg) {
    Client& c = *static_cast<Client*>(arg);
    const double now = emscripten_get_now();
    c.app->update(now, c.input->last_activity_ms());
    const bool resized = update_viewport(c);
    c.import.pump(*c.app, now);
    const bool needed = resized || now - c.input->last_activity_ms() < kActiveAfterInputMs ||
                        what_to_show(c) != c.shown || view_changed(c) || c.import.busy() ||
                        now - c.last_drawn_ms >= kIdleRedrawMs;
    if (!needed) return;  // the canvas keeps showing the last frame

    c.ui.begin_frame(c.pixel_ratio, c.input->ui_pointer_for_frame());
    set_ui_pixel_ratio(c.pixel_ratio);
    navigate_and_draw_input(c);
    dispatch_shortcuts(*c.app, c.input->take_key_presses());
    // Texts and the selection first: the panels and cursors go over them.
    c.overlay.draw(*c.app, c.pixel_ratio);
    c.toolbar->draw(*c.app, now, c.pixel_ratio);
    c.tool_strip.draw(*c.app, c.pixel_ratio, c.toolbar->tools_panel_right());

    c.renderer.sync_board(c.app->shown_board(), c.app->shown_generation());
    c.renderer.sync_overlay(c.app->preview(), c.app->preview_revision());
    glViewport(0, 0, c.viewport.framebuffer_width, c.viewport.framebuffer_height);
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    c.renderer.draw(c.app->view(), c.viewport);
    c.ui.render();

    note_frame_drawn();
    c.last_drawn_ms = now;
    c.shown = what_to_show(c);
    c.shown_view = c.app->view();
}

// Frames stop in a background tab; idleness is still noticed and told.
void watch_idleness(Client* c) {
    constexpr int kCheckEveryMs = 5000;
    c->timers.start(kCheckEveryMs, [c] {
        c->app->update(emscripten_get_now(), c->input->last_activity_ms());
        watch_idleness(c);
    });
}

bool open_canvas(Client& c) {
    if (!glfwInit()) {
        page::show_fatal_error("The page could not start its graphics (GLFW failed to initialise).");
        return false;
    }
    // The board is opaque white and antialiased in the shader: no alpha,
    // depth, stencil or multisampling needed.
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_SAMPLES, 0);
    const page::CanvasSize size = page::canvas_size(kCanvasSelector);
    const int width = std::max(1, static_cast<int>(std::lround(size.css_width * size.device_pixel_ratio)));
    const int height = std::max(1, static_cast<int>(std::lround(size.css_height * size.device_pixel_ratio)));
    c.window = glfwCreateWindow(width, height, "SquiggleSync", nullptr, nullptr);
    if (!c.window) {
        page::show_fatal_error("This browser could not give SquiggleSync a WebGL 2 canvas. "
                               "Try an up-to-date Chrome, Edge, Firefox or Safari, with hardware acceleration on.");
        return false;
    }
    glfwMakeContextCurrent(c.window);
    if (!c.ui.init(c.window)) {
        page::show_fatal_error("The page could not start its interface (ImGui backends failed).");
        return false;
    }
    if (!c.renderer.init()) {
        page::show_fatal_error("The page could not prepare its drawing shaders: " + c.renderer.error());
        return false;
    }
    return true;
}

}  // namespace
}  // namespace squiggle::client

int main() {
    using namespace squiggle::client;
    auto* c = new Client();  // never freed: see Client

    const BoardChoice board = choose_board();
    if (!open_canvas(*c)) return 1;
    c->input = &PageInput::install(kCanvasSelector);
    c->view_input = &ViewInput::install(kCanvasSelector);

    const Identity identity = load_identity();
    SyncSettings settings;
    settings.server_url = page::server_url();
    settings.board_id = board.id;
    settings.key = board.key;
    settings.author = new_author_id();
    settings.name = identity.name;
    settings.color = identity.color;
    c->sync = std::make_unique<SyncClient>(
        c->transport, c->timers, settings,
        [c](NoticeLevel level, std::string text) { c->notices.add(level, std::move(text)); });
    c->app = std::make_unique<App>(*c->sync, c->notices, identity);
    c->app->on_identity_changed(&remember_identity);
    c->app->set_text_measure(&CanvasOverlay::measure);
    if (!board.problem.empty()) {
        c->app->set_banner(Banner{board.problem, false});
        c->notices.add(NoticeLevel::kError, board.problem);
    }
    const auto import_file = [c] {
        page::choose_text_file(
            ".json,application/json",
            [c](std::string name, std::string text) {
                import_board_file(*c->app, c->import, name, text, emscripten_get_now());
            },
            [c](std::string why) { c->notices.add(NoticeLevel::kError, "The file could not be read: " + why); });
    };
    c->export_panel = std::make_unique<ExportPanel>(
        ExportActions{[c] { return export_png(c->renderer, c->sync->board(), c->sync->board_generation()); },
                      &page::download_file, import_file},
        c->import);
    const auto more_sections = [c](App& app) {
        draw_view_section(app, c->navigation, c->viewport.css_width, c->viewport.css_height);
        c->export_panel->draw(app);
    };
    c->toolbar = std::make_unique<Toolbar>(ToolbarActions{page::page_url(), &page::copy_to_clipboard,
                                                          &start_new_board, more_sections});

    c->sync->set_network_available(page::network_online());
    page::watch_network([c](bool online) { c->sync->set_network_available(online); });
    register_test_hooks(*c->app, *c->toolbar);
    register_render_hooks(c->renderer, c->import);
    c->sync->start();
    c->app->update(emscripten_get_now(), c->input->last_activity_ms());
    watch_idleness(c);
    page::mark_ready();

    // Never returns: the browser calls frame() on every animation frame.
    emscripten_set_main_loop_arg(&frame, c, 0, true);
    return 0;
}
