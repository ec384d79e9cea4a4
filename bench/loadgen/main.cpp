// squiggle_loadgen: see options.cpp (--help) and scripts/bench-server.sh.
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdio>
#include <exception>

#include "idle_run.hpp"
#include "options.hpp"
#include "report.hpp"
#include "wire_protocol.hpp"
#include "workload.hpp"

namespace {

// Thousands of sockets need more descriptors than the usual soft limit of 1024.
void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace loadgen;
    const Options options = parse_options(argc, argv);
    raise_descriptor_limit();
    try {
        const auto protocol = options.peer == "squiggle"  ? make_squiggle_protocol()
                              : options.peer == "socketio" ? make_socketio_protocol()
                                                           : make_ws_json_protocol();
        boost::asio::io_context resolver_ioc;
        boost::asio::ip::tcp::resolver resolver(resolver_ioc);
        const auto endpoint = resolver.resolve(options.host, std::to_string(options.port)).begin()->endpoint();

        RunResults results;
        if (options.idle > 0) {
            results = run_idle(options, *protocol, endpoint);
        } else {
            Workload workload(options, *protocol, endpoint);
            results = workload.run();
        }
        print_summary(options, results);
        if (!options.json_file.empty()) write_json(options, results, options.json_file);
        std::fflush(stdout);
        // Exit status 1 when the server lost, reordered or refused ops: the figures are not valid then.
        const bool ok = results.idle ? results.drained && results.failed_connections == 0 : results.order_ok();
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "squiggle_loadgen: %s\n", e.what());
        return 2;
    }
}
