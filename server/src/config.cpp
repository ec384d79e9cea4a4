#include "config.hpp"

#include <CLI/CLI.hpp>
#include <thread>

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
                   "When an op counts as stored: 'always' = fsync before acknowledging, "
                   "'never' = written to the OS only")
        ->check(CLI::IsMember({"always", "never"}))
        ->envname("SQUIGGLE_FSYNC");
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
    config.fsync = fsync == "never" ? FsyncPolicy::kNever : FsyncPolicy::kAlways;
    if (config.threads == 0) config.threads = std::max(1u, std::thread::hardware_concurrency());
    return config;
}

}  // namespace squiggle::server
