// The peers' JSON protocol straight over WebSocket text frames (ws, uWebSockets).
#include "peer_json.hpp"
#include "wire_protocol.hpp"

namespace loadgen {

namespace {

class WsJsonProtocol final : public WireProtocol {
public:
    bool binary() const override { return false; }
    std::string join(const std::string& board, const std::string&, std::uint64_t author) const override {
        return peer_join_json(board, author);
    }
    std::string stroke(const StrokeSpec& op) const override { return peer_stroke_json(op); }
    std::string cursor(squiggle::Point at) const override { return peer_cursor_json(at); }
    Incoming decode(std::string_view frame) const override { return peer_decode_text(frame); }
};

}  // namespace

std::unique_ptr<WireProtocol> make_ws_json_protocol() { return std::make_unique<WsJsonProtocol>(); }

}  // namespace loadgen
