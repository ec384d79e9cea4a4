#pragma once
// Encoding and decoding of wire messages. Binary frames use cereal's portable
// binary archive; text frames carry the same messages as JSON. Decoding is the
// boundary where untrusted bytes enter: it never throws, it returns an error.
#include <string>
#include <string_view>
#include <variant>

#include "squiggle/protocol.hpp"

namespace squiggle {

enum class FrameFormat { kBinary, kJson };

struct DecodeFailure {
    ErrorCode code = ErrorCode::kMalformedFrame;
    std::string reason;
};

template <class Message>
using Decoded = std::variant<Message, DecodeFailure>;

std::string encode(const ServerMessage& message, FrameFormat format);
std::string encode(const ClientMessage& message, FrameFormat format);

Decoded<ClientMessage> decode_client(std::string_view frame, FrameFormat format);
Decoded<ServerMessage> decode_server(std::string_view frame, FrameFormat format);

}  // namespace squiggle
