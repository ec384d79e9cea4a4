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
// Text: up to 4 KiB of UTF-8 per text object, em size 1 px .. 1024 px.
inline constexpr std::size_t kMaxTextBytes = 4096;
inline constexpr std::uint32_t kMinTextSize = 16;
inline constexpr std::uint32_t kMaxTextSize = 1024 * 16;
// Objects one erase, transform or style op may name.
inline constexpr std::size_t kMaxIdsPerOp = 4096;
inline constexpr std::size_t kMaxPiecesPerCut = 1024;
// Transform: translation within the coordinate range, scale 1/64 .. 64.
inline constexpr std::uint32_t kMinScale = 16;
inline constexpr std::uint32_t kMaxScale = 64 * 1024;
inline constexpr std::size_t kMaxBoardIdLength = 64;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxReasonLength = 256;
// Actions each author can undo; older ones fall off deterministically.
inline constexpr std::size_t kMaxUndoDepth = 256;
// Ops in one OpBatch (server -> client only).
inline constexpr std::size_t kMaxOpsPerBatch = 256;
// A board snapshot sent to a client (server -> client only).
inline constexpr std::size_t kMaxSnapshotBytes = 256 * 1024 * 1024;
// A whole encoded frame, either direction, for one client message.
inline constexpr std::size_t kMaxClientFrameBytes = 512 * 1024;

}  // namespace squiggle::limits
