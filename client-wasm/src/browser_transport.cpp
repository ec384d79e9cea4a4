#include "browser_transport.hpp"

#include <emscripten/emscripten.h>

// new WebSocket(url) throws on a malformed URL or on ws:// from an https page
// (mixed content); a JS exception would unwind through the wasm and stop the
// client, so the URL is checked first.
EM_JS(int, squiggle_js_is_usable_websocket_url, (const char* text), {
    var url;
    try { url = new URL(UTF8ToString(text)); } catch (e) { return 0; }
    if (url.protocol != "ws:" && url.protocol != "wss:") return 0;
    var local = url.hostname == "localhost" || url.hostname == "127.0.0.1" || url.hostname == "[::1]";
    if (location.protocol == "https:" && url.protocol == "ws:" && !local) return 0;
    return 1;
});

namespace squiggle::client {

BrowserTransport::~BrowserTransport() {
    close();
}

bool BrowserTransport::connect(const std::string& url) {
    close();
    if (!squiggle_js_is_usable_websocket_url(url.c_str())) return false;

    EmscriptenWebSocketCreateAttributes attributes;
    emscripten_websocket_init_create_attributes(&attributes);
    attributes.url = url.c_str();
    attributes.protocols = nullptr;
    attributes.createOnMainThread = EM_TRUE;
    const EMSCRIPTEN_WEBSOCKET_T socket = emscripten_websocket_new(&attributes);
    if (socket <= 0) return false;

    socket_ = socket;
    emscripten_websocket_set_onopen_callback(socket_, this, &BrowserTransport::on_open);
    emscripten_websocket_set_onmessage_callback(socket_, this, &BrowserTransport::on_message);
    emscripten_websocket_set_onclose_callback(socket_, this, &BrowserTransport::on_close);
    // An error is always followed by a close event, which carries what we need.
    return true;
}

bool BrowserTransport::send_binary(std::string_view bytes) {
    if (socket_ == 0) return false;
    unsigned short ready_state = 0;
    if (emscripten_websocket_get_ready_state(socket_, &ready_state) != EMSCRIPTEN_RESULT_SUCCESS ||
        ready_state != 1 /* OPEN */) {
        return false;
    }
    // The API takes a non-const pointer but only reads the bytes.
    return emscripten_websocket_send_binary(socket_, const_cast<char*>(bytes.data()),
                                            static_cast<std::uint32_t>(bytes.size())) ==
           EMSCRIPTEN_RESULT_SUCCESS;
}

void BrowserTransport::close() {
    if (socket_ == 0) return;
    // Deleting detaches our callbacks, so the old socket can no longer report.
    emscripten_websocket_close(socket_, 1000, "client closed");
    emscripten_websocket_delete(socket_);
    socket_ = 0;
}

EM_BOOL BrowserTransport::on_open(int, const EmscriptenWebSocketOpenEvent* event, void* self) {
    auto* transport = static_cast<BrowserTransport*>(self);
    if (event->socket != transport->socket_) return EM_TRUE;
    if (transport->handlers_.on_open) transport->handlers_.on_open();
    return EM_TRUE;
}

EM_BOOL BrowserTransport::on_message(int, const EmscriptenWebSocketMessageEvent* event, void* self) {
    auto* transport = static_cast<BrowserTransport*>(self);
    if (event->socket != transport->socket_) return EM_TRUE;
    if (!transport->handlers_.on_message) return EM_TRUE;
    // Text frames arrive NUL-terminated; the terminator is not part of the message.
    std::uint32_t size = event->numBytes;
    if (event->isText && size > 0) --size;
    transport->handlers_.on_message(std::string_view(reinterpret_cast<const char*>(event->data), size),
                                    !event->isText);
    return EM_TRUE;
}

EM_BOOL BrowserTransport::on_close(int, const EmscriptenWebSocketCloseEvent* event, void* self) {
    auto* transport = static_cast<BrowserTransport*>(self);
    if (event->socket != transport->socket_) return EM_TRUE;
    const CloseInfo info{event->code, event->reason, event->wasClean != 0};
    emscripten_websocket_delete(transport->socket_);
    transport->socket_ = 0;
    if (transport->handlers_.on_close) transport->handlers_.on_close(info);
    return EM_TRUE;
}

}  // namespace squiggle::client
