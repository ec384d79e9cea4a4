#pragma once
// A read-only streambuf over bytes already in memory, so cereal can decode a
// frame or snapshot in place instead of from a copy.
#include <streambuf>
#include <string_view>

namespace squiggle::detail {

class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(std::string_view bytes) {
        char* p = const_cast<char*>(bytes.data());
        setg(p, p, p + bytes.size());
    }
    bool at_end() const { return gptr() == egptr(); }
};

}  // namespace squiggle::detail
