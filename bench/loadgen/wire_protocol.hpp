#pragma once
// What the load generator says to a server and how it reads the answers: one
// implementation per protocol (ours, the peers' JSON, the same over Socket.IO).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "squiggle/geometry.hpp"

namespace loadgen {

// An ordered op as a receiver sees it.
struct DeliveredOp {
    std::uint64_t seq = 0;
    std::uint64_t author = 0;
    std::uint64_t cid = 0;
};

// One received frame, reduced to what the measurements need.
struct Incoming {
    enum class Kind {
        kOther,     // presence, cursors, anything not measured
        kReady,     // the transport finished its own handshake: send the join now
        kJoined,    // our join was accepted; `seq` is the board's head
        kOps,       // ordered ops, in frame order (one, or a server's batch)
        kSnapshot,  // the board as of `seq` instead of the ops up to it (the receiver fell behind the log)
        kError,     // the server refused something; `code`
        kUndecodable,
    };
    Kind kind = Kind::kOther;
    std::uint64_t seq = 0;
    std::vector<DeliveredOp> ops;
    int code = 0;
    std::string reply;  // a frame to send back at once (Engine.IO pong)
};

struct StrokeSpec {
    std::uint64_t author = 0;
    std::uint64_t cid = 0;
    std::uint32_t color = 0x3366CCFF;
    std::uint32_t width = 48;  // model units
    const std::vector<squiggle::Point>* points = nullptr;
};

class WireProtocol {
public:
    virtual ~WireProtocol() = default;
    // Binary or text frames.
    virtual bool binary() const = 0;
    // The HTTP target of the upgrade, from the --path given.
    virtual std::string target(const std::string& path) const { return path; }
    // False when the transport has a handshake of its own after the upgrade
    // and signals kReady when it is done.
    virtual bool ready_on_open() const { return true; }
    virtual std::string join(const std::string& board, const std::string& key, std::uint64_t author) const = 0;
    virtual std::string stroke(const StrokeSpec& op) const = 0;
    virtual std::string cursor(squiggle::Point at) const = 0;
    virtual Incoming decode(std::string_view frame) const = 0;
};

std::unique_ptr<WireProtocol> make_squiggle_protocol();
std::unique_ptr<WireProtocol> make_ws_json_protocol();
std::unique_ptr<WireProtocol> make_socketio_protocol();

}  // namespace loadgen
