// The peers' JSON protocol inside Socket.IO v5 over Engine.IO v4, WebSocket
// transport only: the subset a client needs. Every peer message travels as
// the one event "m": 42["m",{...}].
#include <rapidjson/document.h>

#include "peer_json.hpp"
#include "wire_protocol.hpp"

namespace loadgen {

namespace {

std::string as_event(const std::string& object) { return "42[\"m\"," + object + "]"; }

class SocketIoProtocol final : public WireProtocol {
public:
    bool binary() const override { return false; }

    std::string target(const std::string& path) const override {
        // Skip Engine.IO's HTTP long-polling start: open the WebSocket transport directly.
        std::string base = path == "/ws" ? "/socket.io/" : path;
        if (base.back() != '/') base += '/';
        return base + "?EIO=4&transport=websocket";
    }

    // Engine.IO's open packet comes first, then the namespace connect ack.
    bool ready_on_open() const override { return false; }

    std::string join(const std::string& board, const std::string&, std::uint64_t author) const override {
        return as_event(peer_join_json(board, author));
    }
    std::string stroke(const StrokeSpec& op) const override { return as_event(peer_stroke_json(op)); }
    std::string cursor(squiggle::Point at) const override { return as_event(peer_cursor_json(at)); }

    Incoming decode(std::string_view frame) const override {
        Incoming in;
        if (frame.empty()) {
            in.kind = Incoming::Kind::kUndecodable;
            return in;
        }
        switch (frame[0]) {
            case '0':  // Engine.IO open: connect to the default namespace
                in.reply = "40";
                return in;
            case '2':  // Engine.IO ping from the server: answer or be dropped
                in.reply = "3";
                return in;
            case '4':
                break;
            default:
                return in;
        }
        if (frame.size() < 2) return in;
        if (frame[1] == '0') {
            in.kind = Incoming::Kind::kReady;
            return in;
        }
        if (frame[1] == '4') {  // connect_error
            in.kind = Incoming::Kind::kError;
            return in;
        }
        if (frame[1] != '2') return in;
        rapidjson::Document doc;
        doc.Parse(frame.data() + 2, frame.size() - 2);
        if (doc.HasParseError() || !doc.IsArray() || doc.Size() < 2) {
            in.kind = Incoming::Kind::kUndecodable;
            return in;
        }
        return peer_decode_object(doc[1]);
    }
};

}  // namespace

std::unique_ptr<WireProtocol> make_socketio_protocol() { return std::make_unique<SocketIoProtocol>(); }

}  // namespace loadgen
