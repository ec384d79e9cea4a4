#pragma once
// Reading untrusted bytes safely with cereal. cereal would resize a container
// to whatever length the sender claims, so a 20-byte frame could ask for
// gigabytes; these wrappers check every declared size against its bound and
// against the bytes actually left in the frame before allocating anything.
//   ar(cereal::make_nvp("ids", bounded(ids, limits::kMaxIdsPerOp)));
//   ar(cereal::make_nvp("points", bounded_points(points, limits::kMaxPointsPerStroke)));
//   bounded_string(ar, "name", name, limits::kMaxNameLength);
#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include "squiggle/geometry.hpp"

namespace squiggle {

// Thrown while decoding; the codec turns it into an error message for the peer.
struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {
// The input being decoded on this thread, so size checks can see how many
// bytes are left. Set by DecodeScope for the duration of one decode.
inline thread_local std::streambuf* t_decode_input = nullptr;

inline void check_bytes_left(std::uint64_t needed) {
    if (t_decode_input == nullptr) return;
    const std::streamsize left = t_decode_input->in_avail();
    if (left < 0 || needed > static_cast<std::uint64_t>(left)) {
        throw DecodeError("declared size exceeds the bytes left in the frame");
    }
}
}  // namespace detail

class DecodeScope {
public:
    explicit DecodeScope(std::streambuf* input) : previous_(detail::t_decode_input) {
        detail::t_decode_input = input;
    }
    ~DecodeScope() { detail::t_decode_input = previous_; }
    DecodeScope(const DecodeScope&) = delete;
    DecodeScope& operator=(const DecodeScope&) = delete;

private:
    std::streambuf* previous_;
};

template <class Archive>
inline constexpr bool is_text_archive_v = cereal::traits::is_text_archive<Archive>::value;

template <class T>
struct BoundedVector {
    std::vector<T>& v;
    std::size_t max_size;

    template <class Archive>
    void save(Archive& ar) const {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(v.size())));
        for (const T& e : v) ar(e);
    }
    template <class Archive>
    void load(Archive& ar) {
        cereal::size_type n = 0;
        ar(cereal::make_size_tag(n));
        if (n > max_size) throw DecodeError("list has too many elements");
        // Every element takes at least one byte on the wire.
        if constexpr (!is_text_archive_v<Archive>) detail::check_bytes_left(n);
        v.resize(static_cast<std::size_t>(n));
        for (T& e : v) ar(e);
    }
};

template <class T>
BoundedVector<T> bounded(std::vector<T>& v, std::size_t max_size) {
    return {v, max_size};
}
// Saving never writes through the reference; this lets const save paths share code.
template <class T>
BoundedVector<T> bounded(const std::vector<T>& v, std::size_t max_size) {
    return {const_cast<std::vector<T>&>(v), max_size};
}

// Points of a polyline. Binary: the count and the byte length as varints, a
// byte giving the low zero bits all coordinates share, then each point as the
// zigzag varints of its second difference shifted by them (pen paths are
// smooth, so most coordinates take one byte). JSON: [[x, y], ...].
struct BoundedPoints {
    std::vector<Point>& points;
    std::size_t max_size;

    template <class Archive>
    void save(Archive& ar) const {
        if constexpr (is_text_archive_v<Archive>) {
            ar(cereal::make_size_tag(static_cast<cereal::size_type>(points.size())));
            for (const Point& p : points) ar(XY{const_cast<Point&>(p)});
        } else {
            std::string body;
            encode_points(points, body);
            std::string header;
            put_varint(header, points.size());
            put_varint(header, body.size());
            ar(cereal::binary_data(header.data(), header.size()));
            ar(cereal::binary_data(body.data(), body.size()));
        }
    }
    template <class Archive>
    void load(Archive& ar) {
        if constexpr (is_text_archive_v<Archive>) {
            cereal::size_type n = 0;
            ar(cereal::make_size_tag(n));
            if (n > max_size) throw DecodeError("too many points");
            points.resize(static_cast<std::size_t>(n));
            for (Point& p : points) ar(XY{p});
        } else {
            const std::uint64_t n = get_varint(ar);
            if (n > max_size) throw DecodeError("too many points");
            const std::uint64_t length = get_varint(ar);
            // A one-byte header, then 2 to 20 bytes per point.
            if (length < 2 * n + 1 || length > 20 * n + 1) throw DecodeError("points: inconsistent length");
            detail::check_bytes_left(length);
            std::string body(static_cast<std::size_t>(length), '\0');
            ar(cereal::binary_data(body.data(), body.size()));
            decode_points(body, static_cast<std::size_t>(n), points);
        }
    }

    // One point as a JSON pair [x, y].
    struct XY {
        Point& p;
        template <class Archive>
        void save(Archive& ar) const {
            ar(cereal::make_size_tag(static_cast<cereal::size_type>(2)));
            ar(p.x, p.y);
        }
        template <class Archive>
        void load(Archive& ar) {
            cereal::size_type n = 0;
            ar(cereal::make_size_tag(n));
            if (n != 2) throw DecodeError("a point is [x, y]");
            ar(p.x, p.y);
        }
    };

    static void put_varint(std::string& out, std::uint64_t v);
    template <class Archive>
    static std::uint64_t get_varint(Archive& ar) {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t byte = 0;
            ar(cereal::binary_data(&byte, 1));
            v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) return v;
        }
        throw DecodeError("varint too long");
    }
    static void encode_points(const std::vector<Point>& points, std::string& out);
    static void decode_points(const std::string& body, std::size_t count, std::vector<Point>& out);
};

// An unsigned integer that is usually small: a varint in binary archives (one
// byte below 128), a plain number in JSON.
template <class UInt>
struct Varint {
    UInt& value;

    template <class Archive>
    void save(Archive& ar) const {
        std::string bytes;
        BoundedPoints::put_varint(bytes, value);
        ar(cereal::binary_data(bytes.data(), bytes.size()));
    }
    template <class Archive>
    void load(Archive& ar) {
        const std::uint64_t v = BoundedPoints::get_varint(ar);
        if (v > std::numeric_limits<UInt>::max()) throw DecodeError("integer out of range");
        value = static_cast<UInt>(v);
    }
};

// In text archives the value is written as it is.
template <class Archive, class UInt>
void varint_field(Archive& ar, const char* name, UInt& value) {
    if constexpr (is_text_archive_v<Archive>) {
        ar(cereal::make_nvp(name, value));
    } else {
        ar(Varint<UInt>{value});
    }
}

inline BoundedPoints bounded_points(std::vector<Point>& v, std::size_t max_size) { return {v, max_size}; }

namespace detail {
struct BinaryString {
    std::string& s;
    std::size_t max_size;

    template <class Archive>
    void save(Archive& ar) const {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(s.size())));
        ar(cereal::binary_data(s.data(), s.size()));
    }
    template <class Archive>
    void load(Archive& ar) {
        cereal::size_type n = 0;
        ar(cereal::make_size_tag(n));
        if (n > max_size) throw DecodeError("string too long");
        check_bytes_left(n);
        s.resize(static_cast<std::size_t>(n));
        ar(cereal::binary_data(s.data(), s.size()));
    }
};
}  // namespace detail

// A named string field with a length bound. Binary: length + bytes, checked
// before allocation. Text (JSON): parsed from an already size-limited frame.
template <class Archive>
void bounded_string(Archive& ar, const char* name, std::string& s, std::size_t max_size) {
    if constexpr (is_text_archive_v<Archive>) {
        ar(cereal::make_nvp(name, s));
        if constexpr (Archive::is_loading::value) {
            if (s.size() > max_size) throw DecodeError(std::string(name) + ": string too long");
        }
    } else {
        ar(detail::BinaryString{s, max_size});
    }
}
template <class Archive>
void bounded_string(Archive& ar, const char* name, const std::string& s, std::size_t max_size) {
    bounded_string(ar, name, const_cast<std::string&>(s), max_size);
}

}  // namespace squiggle
