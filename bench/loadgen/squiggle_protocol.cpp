// Our binary protocol through the shared codec, exactly as the browser client speaks it.
#include "squiggle/codec.hpp"
#include "wire_protocol.hpp"

namespace loadgen {

namespace {

using namespace squiggle;

// Any message made of a list of ordered ops (the server's batch frame),
// recognised by its shape so this builds against protocol versions with or
// without one.
bool collect_batch(const ServerMessage& message, std::vector<DeliveredOp>& out) {
    return std::visit(
        [&](const auto& m) {
            if constexpr (requires { m.ops.front().seq; m.ops.front().client_op_id; }) {
                for (const auto& op : m.ops) out.push_back({op.seq, op.author, op.client_op_id});
                return true;
            } else {
                return false;
            }
        },
        message);
}

class SquiggleProtocol final : public WireProtocol {
public:
    bool binary() const override { return true; }

    std::string join(const std::string& board, const std::string& key, std::uint64_t author) const override {
        return encode(ClientMessage{Hello{board, 0, author, "loadgen", key}}, FrameFormat::kBinary);
    }

    std::string stroke(const StrokeSpec& spec) const override {
        StrokeOp s;
        // The op's object counter is the client op id: both count this client's ops.
        s.id = {spec.author, spec.cid};
        s.color = spec.color;
        s.width = spec.width;
        s.points = *spec.points;
        return encode(ClientMessage{SubmitOp{spec.cid, Op{std::move(s)}}}, FrameFormat::kBinary);
    }

    std::string cursor(Point at) const override {
        return encode(ClientMessage{Cursor{at}}, FrameFormat::kBinary);
    }

    Incoming decode(std::string_view frame) const override {
        Incoming in;
        auto decoded = decode_server(frame, FrameFormat::kBinary);
        const auto* message = std::get_if<ServerMessage>(&decoded);
        if (!message) {
            in.kind = Incoming::Kind::kUndecodable;
            return in;
        }
        if (const auto* e = std::get_if<OpEvent>(message)) {
            in.kind = Incoming::Kind::kOps;
            in.ops.push_back({e->op.seq, e->op.author, e->op.client_op_id});
        } else if (collect_batch(*message, in.ops)) {
            in.kind = Incoming::Kind::kOps;
        } else if (const auto* snap = std::get_if<BoardSnapshot>(message)) {
            in.kind = Incoming::Kind::kSnapshot;
            in.seq = snap->seq;
        } else if (const auto* w = std::get_if<Welcome>(message)) {
            in.kind = Incoming::Kind::kJoined;
            in.seq = w->head_seq;
        } else if (const auto* err = std::get_if<Error>(message)) {
            in.kind = Incoming::Kind::kError;
            in.code = static_cast<int>(err->code);
        }
        return in;
    }
};

}  // namespace

std::unique_ptr<WireProtocol> make_squiggle_protocol() { return std::make_unique<SquiggleProtocol>(); }

}  // namespace loadgen
