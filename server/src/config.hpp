#pragma once
// Everything an operator can set, each with its default. Flags override
// environment variables, which override the defaults.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace squiggle::server {

enum class FsyncPolicy {
    kAlways,  // fsync every op before acknowledging it: survives power loss
    kBatch,   // group commit: one fsync for the ops of a few ms, then acknowledge them all
    kNever    // leave flushing to the OS: survives a crashed process, not a crashed machine
};

struct ServerConfig {
    std::string bind_address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = any free port (printed at start)
    std::string data_dir = "data";
    std::string web_root;  // empty = no static files, only /ws and /healthz
    unsigned threads = 0;  // 0 = one per core
    FsyncPolicy fsync = FsyncPolicy::kAlways;
    // Group commit window under --fsync batch.
    unsigned batch_window_us = 2000;
    // Snapshot and compact a board's log every this many ops, keeping the
    // newest `log_retain` ops for clients that are only a little behind.
    std::uint64_t snapshot_every = 1000;
    std::uint64_t log_retain = 250;
    // Largest WebSocket message accepted from a client, in bytes.
    std::size_t max_frame_bytes = 512 * 1024;
    // Most ops sent to a binary client in one OpBatch frame.
    std::size_t max_batch_ops = 64;
    // Undecodable or refused frames tolerated on one connection before it is closed.
    unsigned max_bad_frames = 16;
    // Ops per second per connection, and how many may come at once.
    double op_rate = 60;
    double op_burst = 120;
    // Cursor (and viewport) updates relayed per second per connection; newer
    // positions replace older ones in between.
    double cursor_rate = 30;
    // A connection whose unsent control messages (errors) pile up past this is
    // closed: it is not reading.
    std::size_t max_control_queue = 64;
    // Drop a connection that answers no ping for this long (seconds).
    unsigned idle_timeout_s = 60;
    // Drop a connection whose pending write makes no progress for this long:
    // it has stopped reading (seconds).
    unsigned write_stall_timeout_s = 30;
    // redis://host:port[/db]: boards live in this Redis and any number of
    // server processes share them. Empty: the embedded store in data_dir.
    std::string redis_url;
    // WebSocket upgrades are accepted only from these Origins (empty: any).
    std::vector<std::string> allowed_origins;
};

// Parses flags and environment (PORT, SQUIGGLE_DATA_DIR, ...). Returns nullopt
// with `exit_code` set when the program should exit (--help, bad flags).
std::optional<ServerConfig> parse_config(int argc, char** argv, int& exit_code);

}  // namespace squiggle::server
