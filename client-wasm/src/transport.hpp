#pragma once
// A message connection to the server, as the sync logic sees it. SyncClient is
// written against this interface only, so the same protocol code runs over the
// browser's WebSocket, a native socket in a desktop build, or a fake in tests.
#include <functional>
#include <string>
#include <string_view>

namespace squiggle::client {

struct CloseInfo {
    int code = 0;
    std::string reason;
    bool clean = false;
};

class Transport {
public:
    struct Handlers {
        std::function<void()> on_open;
        // `binary` is false for a text frame.
        std::function<void(std::string_view bytes, bool binary)> on_message;
        // The connection ended or could not be established.
        std::function<void(const CloseInfo&)> on_close;
    };

    virtual ~Transport() = default;

    virtual void set_handlers(Handlers handlers) = 0;
    // Starts a new connection, dropping the current one silently. False when no
    // attempt could even start (e.g. an unusable URL); otherwise the outcome
    // arrives later through on_open or on_close.
    virtual bool connect(const std::string& url) = 0;
    // Sends one binary frame; false if the connection is not open.
    virtual bool send_binary(std::string_view bytes) = 0;
    // Ends the current connection. Its handlers are not called any more.
    virtual void close() = 0;
};

}  // namespace squiggle::client
