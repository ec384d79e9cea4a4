#pragma once
// Checks every bound of a decoded message before it touches a board. The
// decoder already bounded container sizes; this checks values.
#include <optional>
#include <string>
#include <string_view>

#include "squiggle/protocol.hpp"

namespace squiggle {

// Why a message was refused; empty when it is acceptable.
using Rejection = std::optional<std::string>;

Rejection validate(const Op& op);
// The ids of objects an op creates must carry the submitting author's id.
Rejection validate_author(const Op& op, std::uint64_t author);
Rejection validate(const Hello& hello);
Rejection validate(const Cursor& cursor);
Rejection validate(const PresenceUpdate& presence);
Rejection validate(const Viewport& viewport);

bool is_valid_utf8(std::string_view text);

}  // namespace squiggle
