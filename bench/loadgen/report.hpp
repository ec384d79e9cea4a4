#pragma once
// The figures of one run, printed for people and written as JSON for the
// comparison table of scripts/bench-server.sh.
#include <cstdint>
#include <string>

#include "latency.hpp"
#include "options.hpp"

namespace loadgen {

struct RunResults {
    std::size_t connections = 0;
    // Load.
    std::uint64_t ops_sent = 0;         // all phases
    std::uint64_t ops_sent_window = 0;  // during the measured window
    std::uint64_t deliveries_window = 0;
    double window_s = 0;
    LatencySummary latency;
    // Order and completeness, over every op sent (warm-up included).
    std::uint64_t expected = 0;
    std::uint64_t delivered = 0;
    std::uint64_t receivers_incomplete = 0;
    std::uint64_t gaps = 0;        // seqs skipped
    std::uint64_t duplicates = 0;  // seqs not above the last one
    std::uint64_t unknown_ops = 0;  // deliveries of ops nobody here sent
    std::uint64_t snapshots = 0;    // receivers so far behind that they got the board instead of its ops
    std::uint64_t errors = 0;
    std::uint64_t undecodable = 0;
    std::uint64_t failed_connections = 0;
    bool drained = false;
    // Server, over the window.
    bool proc_ok = false;
    std::uint64_t server_cpu_us = 0;
    std::uint64_t rss_before_kb = 0, rss_after_kb = 0;
    std::uint64_t loadgen_cpu_us = 0;  // this process, over the window
    // Wire, over the window.
    std::uint64_t bytes_sent_ops = 0, bytes_received_ops = 0, bytes_received = 0;
    // --idle runs.
    bool idle = false;
    std::uint64_t idle_rss_start_kb = 0;

    // Deliveries in the window against what the ops sent in it call for:
    // well under 100 % means the server (or the generator) fell behind.
    double kept_up(unsigned clients_per_board) const {
        const double wanted = static_cast<double>(ops_sent_window) * clients_per_board;
        return wanted > 0 ? static_cast<double>(deliveries_window) / wanted : 0;
    }

    bool order_ok() const {
        return drained && receivers_incomplete == 0 && gaps == 0 && duplicates == 0 && unknown_ops == 0 && snapshots == 0 && undecodable == 0 &&
               failed_connections == 0 && delivered == expected;
    }
};

void print_summary(const Options& options, const RunResults& r);
void write_json(const Options& options, const RunResults& r, const std::string& file);

}  // namespace loadgen
