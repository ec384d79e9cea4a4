#pragma once
// Everything an operator can set, each with its default. Flags override
// environment variables, which override the defaults.
#include <cstdint>
#include <optional>
#include <string>

namespace squiggle::server {

enum class FsyncPolicy {
    kAlways,  // fsync every op before acknowledging it: survives power loss
    kNever    // leave flushing to the OS: survives a crashed process, not a crashed machine
};

struct ServerConfig {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = any free port (printed at start)
    std::string data_dir = "data";
    std::string web_root;  // empty = no static files, only /ws and /healthz
    unsigned threads = 0;  // 0 = one per core
    FsyncPolicy fsync = FsyncPolicy::kAlways;
    // Largest WebSocket message accepted from a client, in bytes.
    std::size_t max_frame_bytes = 512 * 1024;
    // Undecodable or refused frames tolerated on one connection before it is closed.
    unsigned max_bad_frames = 16;
};

// Parses flags and environment (PORT, SQUIGGLE_DATA_DIR, ...). Returns nullopt
// with `exit_code` set when the program should exit (--help, bad flags).
std::optional<ServerConfig> parse_config(int argc, char** argv, int& exit_code);

}  // namespace squiggle::server
