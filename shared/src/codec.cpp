#include "squiggle/codec.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <exception>
#include <sstream>

#include "view_buf.hpp"
#include <streambuf>

#include "json_codec.hpp"

namespace squiggle {
namespace {


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

DecodeFailure unsupported(std::uint16_t min_compatible) {
    return {ErrorCode::kUnsupportedVersion, "peer requires protocol version " + std::to_string(min_compatible)};
}

template <class Message>
std::string encode_binary(const Message& message) {
    std::ostringstream out;
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(Envelope<Message>{kProtocolVersion, kMinCompatibleVersion, message});
    }
    return std::move(out).str();
}

template <class Message, class JsonDecode>
Decoded<Message> decode_frame(std::string_view frame, FrameFormat format, JsonDecode json_decode) {
    try {
        if (format == FrameFormat::kJson) {
            if (!json_nesting_within(frame, kMaxJsonDepth)) {
                return DecodeFailure{ErrorCode::kMalformedFrame, "JSON nested too deeply"};
            }
            return json_decode(frame);
        }
        detail::ViewBuf buf(frame);
        std::istream in(&buf);
        DecodeScope scope(&buf);
        cereal::PortableBinaryInputArchive ar(in);
        Envelope<Message> envelope;
        ar(envelope.version, envelope.min_compatible);
        if (envelope.min_compatible > kProtocolVersion) return unsupported(envelope.min_compatible);
        ar(envelope.message);
        if (!buf.at_end()) return DecodeFailure{ErrorCode::kMalformedFrame, "trailing bytes"};
        return std::move(envelope.message);
    } catch (const json::VersionError& e) {
        return DecodeFailure{ErrorCode::kUnsupportedVersion, e.what()};
    } catch (const std::exception& e) {
        return DecodeFailure{ErrorCode::kMalformedFrame, std::string("undecodable frame: ") + e.what()};
    }
}

}  // namespace

std::string encode(const ServerMessage& message, FrameFormat format) {
    return format == FrameFormat::kJson ? json::encode(message) : encode_binary(message);
}
std::string encode(const ClientMessage& message, FrameFormat format) {
    return format == FrameFormat::kJson ? json::encode(message) : encode_binary(message);
}
Decoded<ClientMessage> decode_client(std::string_view frame, FrameFormat format) {
    return decode_frame<ClientMessage>(frame, format, [](std::string_view t) { return json::decode_client(t); });
}
Decoded<ServerMessage> decode_server(std::string_view frame, FrameFormat format) {
    return decode_frame<ServerMessage>(frame, format, [](std::string_view t) { return json::decode_server(t); });
}

}  // namespace squiggle
