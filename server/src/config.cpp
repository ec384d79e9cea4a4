#include "config.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <thread>

#include "redis/redis_reply.hpp"
#include "squiggle/limits.hpp"

namespace squiggle::server {

std::optional<ServerConfig> parse_config(int argc, char** argv, int& exit_code) {
    ServerConfig config;
    CLI::App app{
        "squigglesync-server: serves the SquiggleSync page and its board WebSocket (/ws),\n"
        "orders every board's ops and keeps each board's log on disk."};
    app.option_defaults()->always_capture_default();
    app.add_option("--bind", config.bind_address, "Address to listen on")
        ->envname("SQUIGGLE_BIND");
    app.add_option("-p,--port", config.port, "TCP port; 0 picks a free one (printed at start)")
        ->envname("PORT");
    app.add_option("--data-dir", config.data_dir, "Folder holding the boards' logs")
        ->envname("SQUIGGLE_DATA_DIR");
    app.add_option("--web-root", config.web_root,
                   "Folder of the built web page to serve (empty: serve no page)")
        ->envname("SQUIGGLE_WEB_ROOT");
    app.add_option("--threads", config.threads, "I/O threads; 0 = one per core")
        ->envname("SQUIGGLE_THREADS");
    std::string fsync = "always";
    app.add_option("--fsync", fsync,
                   "When an op counts as stored and is acknowledged: 'always' = after its own fsync; "
                   "'batch' = after a group fsync shared by the ops of a few ms; "
                   "'never' = once written to the OS (survives a crashed server, not a crashed machine)")
        ->check(CLI::IsMember({"always", "batch", "never"}))
        ->envname("SQUIGGLE_FSYNC");
    app.add_option("--batch-window-us", config.batch_window_us, "Group commit window for --fsync batch")
        ->check(CLI::Range(100u, 100000u))
        ->envname("SQUIGGLE_BATCH_WINDOW_US");
    app.add_option("--snapshot-every", config.snapshot_every,
                   "Snapshot a board and compact its log every this many ops")
        ->check(CLI::Range(std::uint64_t{10}, std::uint64_t{10000000}))
        ->envname("SQUIGGLE_SNAPSHOT_EVERY");
    app.add_option("--log-retain", config.log_retain,
                   "Newest ops kept in the log after compaction, for clients a little behind")
        ->envname("SQUIGGLE_LOG_RETAIN");
    app.add_option("--op-rate", config.op_rate, "Ops per second per connection (sustained)")
        ->check(CLI::PositiveNumber)
        ->envname("SQUIGGLE_OP_RATE");
    app.add_option("--op-burst", config.op_burst, "Ops a connection may send at once above the rate")
        ->check(CLI::Range(1.0, 1e6))
        ->envname("SQUIGGLE_OP_BURST");
    app.add_option("--cursor-rate", config.cursor_rate,
                   "Cursor and viewport updates relayed per second per connection (newer replace older)")
        ->check(CLI::PositiveNumber)
        ->envname("SQUIGGLE_CURSOR_RATE");
    app.add_option("--idle-timeout", config.idle_timeout_s,
                   "Seconds without an answered ping before a connection is dropped")
        ->check(CLI::Range(5u, 3600u))
        ->envname("SQUIGGLE_IDLE_TIMEOUT");
    app.add_option("--write-stall-timeout", config.write_stall_timeout_s,
                   "Seconds a write to a client may make no progress before it is disconnected")
        ->check(CLI::Range(1u, 3600u))
        ->envname("SQUIGGLE_WRITE_STALL_TIMEOUT");
    app.add_option("--allowed-origin", config.allowed_origins,
                   "Accept WebSocket upgrades only from this Origin (repeatable, e.g. https://board.example); "
                   "default: any origin")
        ->envname("SQUIGGLE_ALLOWED_ORIGINS")
        ->delimiter(',');
    app.add_option("--max-batch-ops", config.max_batch_ops,
                   "Most ops sent to a client in one frame when it is behind (1: one frame per op)")
        ->check(CLI::Range(std::size_t{1}, limits::kMaxOpsPerBatch))
        ->envname("SQUIGGLE_MAX_BATCH_OPS");
    app.add_option("--redis", config.redis_url,
                   "redis://host:port[/db]: keep boards in this Redis and share them with every server "
                   "process pointed at it (ordering, fan-out, presence); default: the embedded store in --data-dir")
        ->envname("SQUIGGLE_REDIS");
    app.add_option("--max-frame-bytes", config.max_frame_bytes,
                   "Largest WebSocket message accepted from a client")
        ->check(CLI::Range(1024, 16 * 1024 * 1024))
        ->envname("SQUIGGLE_MAX_FRAME_BYTES");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        exit_code = app.exit(e);
        return std::nullopt;
    }
    if (!config.redis_url.empty()) {
        RedisAddress address;
        std::string why;
        if (!parse_redis_url(config.redis_url, address, why)) {
            std::fprintf(stderr, "--redis %s: %s\n", config.redis_url.c_str(), why.c_str());
            exit_code = 2;
            return std::nullopt;
        }
    }
    config.fsync = fsync == "never" ? FsyncPolicy::kNever : fsync == "batch" ? FsyncPolicy::kBatch : FsyncPolicy::kAlways;
    if (config.log_retain > config.snapshot_every) config.log_retain = config.snapshot_every;
    if (config.threads == 0) config.threads = std::max(1u, std::thread::hardware_concurrency());
    return config;
}

}  // namespace squiggle::server
