#pragma once
// What one run of the load generator does, as given on the command line.
#include <string>
#include <vector>

namespace loadgen {

struct Options {
    std::string host = "127.0.0.1";
    unsigned port = 8080;
    std::string path = "/ws";
    std::string peer = "squiggle";  // squiggle | ws-json | socketio
    unsigned boards = 1;
    unsigned clients = 10;  // per board
    unsigned drawers = 2;   // per board, the first clients of each board
    double rate = 5;        // ops/s per drawer
    double cursor_rate = 10;
    double duration = 10;  // measured seconds
    double warmup = 2;
    double drain_timeout = 10;  // seconds to wait for the last deliveries
    unsigned connect_parallel = 64;
    std::vector<int> server_pids;  // CPU and RSS summed over these (a server and its Redis)
    std::string json_file;
    std::string label;
    unsigned idle = 0;
    // Added to every receiver's expected count; non-zero only to prove that
    // the delivered == expected check fails when it should.
    long long expect_extra = 0;
    unsigned seed = 0;  // 0: random
};

// Parses argv; exits with the usage text on --help or a bad option.
Options parse_options(int argc, char** argv);

}  // namespace loadgen
