#include "options.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>

namespace loadgen {

Options parse_options(int argc, char** argv) {
    Options o;
    CLI::App app{
        "squiggle_loadgen: B boards x C clients on one thread; S drawers per board send freehand strokes at F "
        "ops/s plus cursors. Measures deliveries/s, send-to-delivery latency at every receiver, sequence order, "
        "and the server's CPU and RSS from /proc."};
    app.add_option("--host", o.host, "Server address")->capture_default_str();
    app.add_option("--port", o.port, "Server port")->capture_default_str();
    app.add_option("--path", o.path, "WebSocket path (socketio: /socket.io/)")->capture_default_str();
    app.add_option("--peer", o.peer, "Protocol: squiggle (ours, binary), ws-json (reference peers), socketio")
        ->check(CLI::IsMember({"squiggle", "ws-json", "socketio"}))
        ->capture_default_str();
    app.add_option("--boards", o.boards, "Boards (B)")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--clients", o.clients, "Clients per board (C)")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--drawers", o.drawers, "Drawing clients per board (S <= C)")->capture_default_str();
    app.add_option("--rate", o.rate, "Ops/s per drawer (F)")->check(CLI::NonNegativeNumber)->capture_default_str();
    app.add_option("--cursor-rate", o.cursor_rate, "Cursor messages/s per drawer")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--duration", o.duration, "Measured seconds")->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--warmup", o.warmup, "Seconds of load before measuring")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    app.add_option("--drain-timeout", o.drain_timeout, "Seconds to wait for outstanding deliveries at the end")
        ->capture_default_str();
    app.add_option("--connect-parallel", o.connect_parallel, "Connection handshakes in flight at once")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    app.add_option("--server-pid", o.server_pids, "Process to read CPU time and RSS of (repeatable: summed)");
    app.add_option("--json", o.json_file, "Write the figures to this JSON file");
    app.add_option("--label", o.label, "Name of the server under test, for the report");
    app.add_option("--idle", o.idle, "Only open N idle connections over --boards, join, report RSS per connection");
    app.add_option("--expect-extra", o.expect_extra,
                   "Add this to every receiver's expected deliveries (to check that the check fails)");
    app.add_option("--seed", o.seed, "Random seed (0: random)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::exit(app.exit(e));
    }
    if (o.drawers > o.clients) {
        std::fprintf(stderr, "--drawers (%u) must not exceed --clients (%u)\n", o.drawers, o.clients);
        std::exit(2);
    }
    if (o.label.empty()) o.label = o.peer;
    return o;
}

}  // namespace loadgen
