// squigglesync-server: wires configuration, storage and the listener together.
#include <csignal>
#include <cstdio>

#include "config.hpp"
#include "log.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
    using namespace squiggle::server;
    int exit_code = 0;
    auto config = parse_config(argc, argv, exit_code);
    if (!config) return exit_code;
    // A peer that vanishes mid-write must not kill the process.
    std::signal(SIGPIPE, SIG_IGN);

    Server server(*config);
    if (!server.start()) return 1;
    // Tests and scripts read this line to learn the port (also with --port 0).
    std::printf("listening on http://%s:%u/\n", config->bind_address.c_str(), server.port());
    std::fflush(stdout);
    server.run_until_signalled();
    return 0;
}
