#pragma once
// The page around the client: address bar, configuration, clipboard, canvas
// size, network signal, and the loading indicator. Everything here calls the
// browser; the rest of the client stays free of it.
#include <functional>
#include <optional>
#include <string>

namespace squiggle::client::page {

// location.hash, e.g. "#b=...". Empty when the URL has no fragment.
std::string location_hash();
// Puts `fragment` into the address bar without reloading or adding a history entry.
void replace_location_hash(const std::string& fragment);
// The full address, as someone else would open it.
std::string location_href();
// The address without its fragment: what board links are built on.
std::string page_url();
// Goes to `fragment` ("#b=...&k=...") on this page, which reloads it there.
void open_fragment(const std::string& fragment);

// A small value remembered by this browser (localStorage, "squiggle.<name>");
// nullopt when it was never stored or storage is unavailable.
std::optional<std::string> stored_setting(const std::string& name);
// Remembers a value; silently does nothing where storage is unavailable.
void store_setting(const std::string& name, const std::string& value);

// SQUIGGLE_CONFIG.wsUrl when the page sets it (relative URLs and http(s)
// schemes are turned into ws(s) URLs), else ws(s)://<this host>/ws.
std::string server_url();

// Copies `text` to the clipboard. False when the browser refused at once; the
// asynchronous Clipboard API can still fail later, which it logs as a warning.
bool copy_to_clipboard(const std::string& text);

struct CanvasSize {
    double css_width = 0;
    double css_height = 0;
    double device_pixel_ratio = 1;
};
CanvasSize canvas_size(const std::string& selector);
// Sets the canvas's drawing-buffer size (its CSS size stays as styled) and
// tells GLFW, whose window is the canvas.
void set_canvas_pixel_size(int width, int height);

bool network_online();
// Calls `on_change` with the new state on the page's online/offline events.
void watch_network(std::function<void(bool online)> on_change);

// The client is up: hide the loading indicator, window.squiggle.ready() turns true.
void mark_ready();
// Something the client cannot run without is missing: tell the user on the page.
void show_fatal_error(const std::string& message);

}  // namespace squiggle::client::page
