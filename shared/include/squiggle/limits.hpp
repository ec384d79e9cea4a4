#pragma once
// Bounds on everything a client may send. Validation checks each of them before
// a decoded message touches a board; docs/PROTOCOL.md lists the same numbers.
#include <cstddef>
#include <cstdint>

namespace squiggle::limits {

// Coordinates: |x|, |y| <= 2^26 units (4 million pixels at 1/16 px): ample room
// for an infinite-feeling canvas while sums of two coordinates never overflow.
inline constexpr std::int32_t kMaxCoordinate = 1 << 26;
inline constexpr std::size_t kMaxPointsPerStroke = 8192;
// Stroke width in model units: 1/16 px up to 256 px.
inline constexpr std::uint32_t kMinWidth = 1;
inline constexpr std::uint32_t kMaxWidth = 256 * 16;
inline constexpr std::size_t kMaxBoardIdLength = 64;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxReasonLength = 256;
// A whole encoded frame, either direction, for one client message. The largest
// legal op (a full stroke) is ~66 KB in binary, ~250 KB as JSON.
inline constexpr std::size_t kMaxClientFrameBytes = 512 * 1024;

}  // namespace squiggle::limits
