#pragma once
// A Redis reply as plain values, so that no hiredis type leaves the adapter.
#include <cstdint>
#include <string>
#include <vector>

namespace squiggle::server {

struct RedisReply {
    enum class Type {
        kNil,
        kString,   // bulk string (str)
        kStatus,   // simple string such as OK (str)
        kInteger,  // (integer)
        kArray,    // (elements)
        kError,    // a Redis error (str), or "connection lost" when no reply came
    };
    Type type = Type::kNil;
    std::string str;
    long long integer = 0;
    std::vector<RedisReply> elements;
    // True when the command reached Redis and failed there; false when no
    // reply came.
    bool from_server = true;
    // With no reply: whether the command had been sent, so may have run.
    bool maybe_ran = false;

    bool is_error() const { return type == Type::kError; }
    static RedisReply lost(std::string why, bool maybe_ran) {
        RedisReply r;
        r.type = Type::kError;
        r.str = std::move(why);
        r.from_server = false;
        r.maybe_ran = maybe_ran;
        return r;
    }
};

// redis://host:port[/db]
struct RedisAddress {
    std::string host = "127.0.0.1";
    std::uint16_t port = 6379;
    unsigned db = 0;
};

// Parses a redis:// URL; false (and `why`) when it is not one.
bool parse_redis_url(const std::string& url, RedisAddress& out, std::string& why);

}  // namespace squiggle::server
