#include "browser_page.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <utility>

// EM_JS bodies are JavaScript inside a C macro: double-quoted strings only.

namespace {

// Strings from JS arrive malloc'ed (allocateUTF8); this takes ownership.
std::string take_js_string(char* s) {
    std::string out = s ? s : "";
    std::free(s);
    return out;
}

std::function<void(bool)>& network_listener() {
    static std::function<void(bool)> listener;
    return listener;
}

}  // namespace

EM_JS(char*, squiggle_js_location_hash, (), { return allocateUTF8(location.hash); });

EM_JS(void, squiggle_js_replace_location_hash, (const char* fragment), {
    history.replaceState(history.state, "", UTF8ToString(fragment));
});

EM_JS(char*, squiggle_js_location_href, (), { return allocateUTF8(location.href); });

EM_JS(char*, squiggle_js_page_url, (), { return allocateUTF8(location.href.split("#")[0]); });

/* Setting location.hash fires hashchange, on which web/loader.js reloads the page. */
EM_JS(void, squiggle_js_open_fragment, (const char* fragment), { location.hash = UTF8ToString(fragment); });

/* localStorage can be missing or throw (private modes, storage disabled): then nothing is remembered. */
EM_JS(char*, squiggle_js_stored_setting, (const char* name), {
    var value = null;
    try { value = window.localStorage.getItem("squiggle." + UTF8ToString(name)); } catch (e) { value = null; }
    return value === null ? 0 : allocateUTF8(value);
});

EM_JS(void, squiggle_js_store_setting, (const char* name, const char* value), {
    try {
        window.localStorage.setItem("squiggle." + UTF8ToString(name), UTF8ToString(value));
    } catch (e) {
        console.warn("SquiggleSync: could not remember a setting:", e);
    }
});

EM_JS(char*, squiggle_js_server_url, (), {
    var scheme = location.protocol == "https:" ? "wss:" : "ws:";
    var sameOrigin = scheme + "//" + location.host + "/";
    var config = window.SQUIGGLE_CONFIG || {};
    if (typeof config.wsUrl != "string" || config.wsUrl.length == 0) return allocateUTF8(sameOrigin + "ws");
    try {
        var url = new URL(config.wsUrl, sameOrigin);
        if (url.protocol == "http:") url.protocol = "ws:";
        if (url.protocol == "https:") url.protocol = "wss:";
        return allocateUTF8(url.href);
    } catch (e) {
        return allocateUTF8(config.wsUrl);
    }
});

EM_JS(int, squiggle_js_copy_to_clipboard, (const char* text_ptr), {
    var text = UTF8ToString(text_ptr);
    // The textarea route works on plain-http hosts, where the Clipboard API is absent.
    function copyThroughTextarea() {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(area);
        return ok;
    }
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(function(err) {
            if (!copyThroughTextarea()) console.warn("SquiggleSync: copying the link failed:", err);
        });
        return 1;
    }
    return copyThroughTextarea() ? 1 : 0;
});

EM_JS(void, squiggle_js_canvas_size, (const char* selector, double* out), {
    var canvas = document.querySelector(UTF8ToString(selector));
    var rect = canvas ? canvas.getBoundingClientRect() : { width: 0, height: 0 };
    HEAPF64[(out >> 3) + 0] = rect.width;
    HEAPF64[(out >> 3) + 1] = rect.height;
    HEAPF64[(out >> 3) + 2] = window.devicePixelRatio || 1;
});

// Through Browser.setCanvasSize, which notifies GLFW: glfwSetWindowSize would
// switch to fullscreen whenever the size happens to equal the screen's.
EM_JS(void, squiggle_js_set_canvas_pixel_size, (int width, int height), {
    Browser.setCanvasSize(width, height);
});

EM_JS(int, squiggle_js_network_online, (), { return navigator.onLine === false ? 0 : 1; });

EM_JS(void, squiggle_js_watch_network, (), {
    window.addEventListener("online", function() { _squiggle_internal_network_changed(1); });
    window.addEventListener("offline", function() { _squiggle_internal_network_changed(0); });
});

EM_JS(void, squiggle_js_mark_ready, (), {
    Module["squiggleReady"] = true;
    if (typeof Module["onSquiggleReady"] == "function") Module["onSquiggleReady"]();
});

EM_JS(void, squiggle_js_show_fatal_error, (const char* message), {
    var text = UTF8ToString(message);
    if (typeof Module["onSquiggleFatal"] == "function") Module["onSquiggleFatal"](text);
    else console.error("SquiggleSync: " + text);
});

extern "C" EMSCRIPTEN_KEEPALIVE void squiggle_internal_network_changed(int online) {
    if (network_listener()) network_listener()(online != 0);
}

namespace squiggle::client::page {

std::string location_hash() { return take_js_string(squiggle_js_location_hash()); }

void replace_location_hash(const std::string& fragment) { squiggle_js_replace_location_hash(fragment.c_str()); }

std::string location_href() { return take_js_string(squiggle_js_location_href()); }

std::string page_url() { return take_js_string(squiggle_js_page_url()); }

void open_fragment(const std::string& fragment) { squiggle_js_open_fragment(fragment.c_str()); }

std::optional<std::string> stored_setting(const std::string& name) {
    char* value = squiggle_js_stored_setting(name.c_str());
    if (!value) return std::nullopt;
    return take_js_string(value);
}

void store_setting(const std::string& name, const std::string& value) {
    squiggle_js_store_setting(name.c_str(), value.c_str());
}

std::string server_url() { return take_js_string(squiggle_js_server_url()); }

bool copy_to_clipboard(const std::string& text) { return squiggle_js_copy_to_clipboard(text.c_str()) != 0; }

CanvasSize canvas_size(const std::string& selector) {
    double values[3] = {0, 0, 1};
    squiggle_js_canvas_size(selector.c_str(), values);
    return CanvasSize{values[0], values[1], values[2] > 0 ? values[2] : 1.0};
}

void set_canvas_pixel_size(int width, int height) { squiggle_js_set_canvas_pixel_size(width, height); }

bool network_online() { return squiggle_js_network_online() != 0; }

void watch_network(std::function<void(bool online)> on_change) {
    const bool first = !network_listener();
    network_listener() = std::move(on_change);
    if (first) squiggle_js_watch_network();
}

void mark_ready() { squiggle_js_mark_ready(); }

void show_fatal_error(const std::string& message) { squiggle_js_show_fatal_error(message.c_str()); }

}  // namespace squiggle::client::page
