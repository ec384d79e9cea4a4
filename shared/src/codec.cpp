#include "squiggle/codec.hpp"

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <exception>
#include <sstream>
#include <streambuf>

namespace squiggle {
namespace {

// Reads a frame in place, without copying it into a stringstream.
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());
        setg(p, p, p + bytes.size());
    }
    bool at_end() const { return gptr() == egptr(); }
};

// rapidjson parses recursively: a frame of nested brackets could exhaust the
// stack. Our messages nest a few levels deep; anything deeper is refused first.
bool json_nesting_within(std::string_view text, int max_depth) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > max_depth) return false;
        } else if (c == ']' || c == '}') --depth;
    }
    return true;
}

constexpr int kMaxJsonDepth = 16;

template <class Message>
std::string encode_envelope(const Message& message, FrameFormat format) {
    Envelope<Message> envelope{kProtocolVersion, kMinCompatibleVersion, message};
    std::ostringstream out;
    if (format == FrameFormat::kBinary) {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(envelope);
    } else {
        cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
        ar(cereal::make_nvp("version", envelope.version),
           cereal::make_nvp("minCompatible", envelope.min_compatible),
           cereal::make_nvp("message", envelope.message));
    }
    return std::move(out).str();
}

template <class Message>
Decoded<Message> decode_envelope(std::string_view frame, FrameFormat format) {
    Envelope<Message> envelope;
    try {
        ViewBuf buf(frame);
        std::istream in(&buf);
        if (format == FrameFormat::kBinary) {
            cereal::PortableBinaryInputArchive ar(in);
            ar(cereal::make_nvp("version", envelope.version),
               cereal::make_nvp("minCompatible", envelope.min_compatible));
            if (envelope.min_compatible > kProtocolVersion) {
                return DecodeFailure{ErrorCode::kUnsupportedVersion,
                                     "peer requires protocol version " +
                                         std::to_string(envelope.min_compatible)};
            }
            ar(cereal::make_nvp("message", envelope.message));
            if (!buf.at_end()) return DecodeFailure{ErrorCode::kMalformedFrame, "trailing bytes"};
        } else {
            if (!json_nesting_within(frame, kMaxJsonDepth)) {
                return DecodeFailure{ErrorCode::kMalformedFrame, "JSON nested too deeply"};
            }
            cereal::JSONInputArchive ar(in);
            ar(cereal::make_nvp("version", envelope.version),
               cereal::make_nvp("minCompatible", envelope.min_compatible));
            if (envelope.min_compatible > kProtocolVersion) {
                return DecodeFailure{ErrorCode::kUnsupportedVersion,
                                     "peer requires protocol version " +
                                         std::to_string(envelope.min_compatible)};
            }
            ar(cereal::make_nvp("message", envelope.message));
        }
    } catch (const std::exception& e) {
        return DecodeFailure{ErrorCode::kMalformedFrame, std::string("undecodable frame: ") + e.what()};
    }
    return std::move(envelope.message);
}

}  // namespace

std::string encode(const ServerMessage& message, FrameFormat format) {
    return encode_envelope(message, format);
}
std::string encode(const ClientMessage& message, FrameFormat format) {
    return encode_envelope(message, format);
}
Decoded<ClientMessage> decode_client(std::string_view frame, FrameFormat format) {
    return decode_envelope<ClientMessage>(frame, format);
}
Decoded<ServerMessage> decode_server(std::string_view frame, FrameFormat format) {
    return decode_envelope<ServerMessage>(frame, format);
}

}  // namespace squiggle
