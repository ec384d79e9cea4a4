// The compact binary form of polylines (see BoundedPoints in bounded_io.hpp).
#include "squiggle/bounded_io.hpp"

namespace squiggle {
namespace {

constexpr int kMaxShift = 16;

std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) {
    return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

}  // namespace

void BoundedPoints::put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void BoundedPoints::encode_points(const std::vector<Point>& points, std::string& out) {
    // Input at whole pixels (the common case at zoom 1) has coordinates that
    // are all multiples of 16: the shared low zero bits are sent once.
    std::uint32_t all_bits = 0;
    for (const Point& p : points) all_bits |= static_cast<std::uint32_t>(p.x) | static_cast<std::uint32_t>(p.y);
    int shift = 0;
    while (shift < kMaxShift && all_bits != 0 && (all_bits & (1u << shift)) == 0) ++shift;
    out.push_back(static_cast<char>(shift));
    // Second differences in 64-bit: exact for any pair of int32 coordinates.
    std::int64_t px = 0, py = 0, vx = 0, vy = 0;
    for (const Point& p : points) {
        const std::int64_t nvx = p.x - px, nvy = p.y - py;
        put_varint(out, zigzag((nvx - vx) >> shift));
        put_varint(out, zigzag((nvy - vy) >> shift));
        px = p.x;
        py = p.y;
        vx = nvx;
        vy = nvy;
    }
}

void BoundedPoints::decode_points(const std::string& body, std::size_t count, std::vector<Point>& out) {
    out.clear();
    out.reserve(count);
    if (body.empty() || static_cast<unsigned char>(body[0]) > kMaxShift) throw DecodeError("points: bad header");
    const int shift = body[0];
    std::size_t pos = 1;
    auto next = [&]() -> std::int64_t {
        std::uint64_t v = 0;
        for (int bits = 0; bits < 64; bits += 7) {
            if (pos >= body.size()) throw DecodeError("points: truncated");
            const auto byte = static_cast<std::uint8_t>(body[pos++]);
            v |= static_cast<std::uint64_t>(byte & 0x7F) << bits;
            if ((byte & 0x80) == 0) return unzigzag(v);
        }
        throw DecodeError("points: varint too long");
    };
    // Anything outside int32 (or the ±2^40 band that keeps the sums exact) is
    // refused here; validation checks the model's tighter range later.
    constexpr std::int64_t kLimit = std::int64_t{1} << 40;
    std::int64_t px = 0, py = 0, vx = 0, vy = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t rx = next(), ry = next();
        const std::int64_t raw_limit = kLimit >> shift;
        if (rx > raw_limit || rx < -raw_limit || ry > raw_limit || ry < -raw_limit) {
            throw DecodeError("points: out of range");
        }
        const std::int64_t ddx = rx * (std::int64_t{1} << shift), ddy = ry * (std::int64_t{1} << shift);
        vx += ddx;
        vy += ddy;
        px += vx;
        py += vy;
        if (px > INT32_MAX || px < INT32_MIN || py > INT32_MAX || py < INT32_MIN ||
            vx > kLimit || vx < -kLimit || vy > kLimit || vy < -kLimit) {
            throw DecodeError("points: out of range");
        }
        out.push_back({static_cast<std::int32_t>(px), static_cast<std::int32_t>(py)});
    }
    if (pos != body.size()) throw DecodeError("points: length mismatch");
}

}  // namespace squiggle
