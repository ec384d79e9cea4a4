#pragma once
// Length-prefixed containers read from untrusted bytes: cereal would resize to
// whatever length the sender claims, so a 20-byte frame could ask for gigabytes.
// These wrappers check the claimed length against a bound before allocating.
//   ar(cereal::make_nvp("points", bounded(points, limits::kMaxPointsPerStroke)));
//   bounded_string(ar, "name", name, limits::kMaxNameLength);
#include <cereal/cereal.hpp>
#include <cereal/types/string.hpp>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace squiggle {

// Thrown while decoding; the codec turns it into an error message for the peer.
struct DecodeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

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
        v.resize(static_cast<std::size_t>(n));
        for (T& e : v) ar(e);
    }
};

template <class T>
BoundedVector<T> bounded(std::vector<T>& v, std::size_t max_size) {
    return {v, max_size};
}
// Saving never needs the bound; this overload lets const save() paths share code.
template <class T>
BoundedVector<T> bounded(const std::vector<T>& v, std::size_t max_size) {
    return {const_cast<std::vector<T>&>(v), max_size};
}

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
        s.resize(static_cast<std::size_t>(n));
        ar(cereal::binary_data(s.data(), s.size()));
    }
};
}  // namespace detail

// A named string field with a length bound. Binary: length + bytes, checked
// before allocation. Text (JSON): parsed from an already size-limited frame.
template <class Archive>
void bounded_string(Archive& ar, const char* name, std::string& s, std::size_t max_size) {
    if constexpr (cereal::traits::is_text_archive<Archive>::value) {
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
