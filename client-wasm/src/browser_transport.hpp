#pragma once
// Transport over the browser's WebSocket, through <emscripten/websocket.h>.
#include <emscripten/websocket.h>

#include "transport.hpp"

namespace squiggle::client {

class BrowserTransport final : public Transport {
public:
    BrowserTransport() = default;
    ~BrowserTransport() override;
    BrowserTransport(const BrowserTransport&) = delete;
    BrowserTransport& operator=(const BrowserTransport&) = delete;

    void set_handlers(Handlers handlers) override { handlers_ = std::move(handlers); }
    bool connect(const std::string& url) override;
    bool send_binary(std::string_view bytes) override;
    void close() override;

private:
    static EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent* event, void* self);
    static EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* event, void* self);
    static EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent* event, void* self);

    Handlers handlers_;
    EMSCRIPTEN_WEBSOCKET_T socket_ = 0;  // 0: no connection
};

}  // namespace squiggle::client
