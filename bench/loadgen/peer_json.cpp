#include "peer_json.hpp"

#include <cstdio>
#include <cstdlib>

namespace loadgen {

std::string peer_join_json(const std::string& board, std::uint64_t author) {
    // Authors are decimal strings: 64-bit ids are not exact as JavaScript numbers.
    return R"({"t":"join","board":")" + board + R"(","author":")" + std::to_string(author) + "\"}";
}

std::string peer_stroke_json(const StrokeSpec& op) {
    char head[96];
    std::snprintf(head, sizeof head, R"({"t":"op","cid":%llu,"color":"#%06x","width":%u,"points":[)",
                  static_cast<unsigned long long>(op.cid), static_cast<unsigned>(op.color >> 8), op.width);
    std::string out = head;
    bool first = true;
    for (const auto& p : *op.points) {
        if (!first) out += ',';
        first = false;
        out += '[';
        out += std::to_string(p.x);
        out += ',';
        out += std::to_string(p.y);
        out += ']';
    }
    out += "]}";
    return out;
}

std::string peer_cursor_json(squiggle::Point at) {
    return R"({"t":"cur","x":)" + std::to_string(at.x) + ",\"y\":" + std::to_string(at.y) + "}";
}

namespace {
std::uint64_t u64_field(const rapidjson::Value& v, const char* name) {
    const auto it = v.FindMember(name);
    if (it == v.MemberEnd()) return 0;
    if (it->value.IsUint64()) return it->value.GetUint64();
    if (it->value.IsString()) return std::strtoull(it->value.GetString(), nullptr, 10);
    return 0;
}
}  // namespace

Incoming peer_decode_object(const rapidjson::Value& message) {
    Incoming in;
    if (!message.IsObject() || !message.HasMember("t") || !message["t"].IsString()) {
        in.kind = Incoming::Kind::kUndecodable;
        return in;
    }
    const std::string_view t = message["t"].GetString();
    if (t == "op") {
        in.kind = Incoming::Kind::kOps;
        in.ops.push_back({u64_field(message, "seq"), u64_field(message, "author"), u64_field(message, "cid")});
    } else if (t == "joined") {
        in.kind = Incoming::Kind::kJoined;
        in.seq = u64_field(message, "seq");
    } else if (t == "error") {
        in.kind = Incoming::Kind::kError;
        in.code = static_cast<int>(u64_field(message, "code"));
    }
    return in;
}

Incoming peer_decode_text(std::string_view frame) {
    rapidjson::Document doc;
    doc.Parse(frame.data(), frame.size());
    if (doc.HasParseError()) {
        Incoming in;
        in.kind = Incoming::Kind::kUndecodable;
        return in;
    }
    return peer_decode_object(doc);
}

}  // namespace loadgen
