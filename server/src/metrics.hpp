#pragma once
// Counters for /metrics, updated lock-free from every thread and rendered in
// the Prometheus text format (written here: no Prometheus library is packaged).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace squiggle::server {

// A latency histogram with fixed buckets (seconds).
class Histogram {
public:
    static constexpr std::array<double, 12> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                       0.01,   0.025,   0.05,   0.1,   0.25,   1.0};
    void observe(std::chrono::steady_clock::duration d);
    void render(std::string& out, const std::string& name, const std::string& help) const;

private:
    std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_ns_{0};
};

struct Metrics {
    std::atomic<std::int64_t> connections_open{0};
    std::atomic<std::uint64_t> connections_total{0};
    std::atomic<std::uint64_t> ops_in{0};         // ops ordered
    std::atomic<std::uint64_t> ops_out{0};        // ops sent to clients (alone or in batches)
    std::atomic<std::uint64_t> batches_out{0};    // OpBatch frames sent (two ops or more)
    std::atomic<std::uint64_t> duplicates{0};     // resent ops recognised and not applied again
    std::atomic<std::uint64_t> bytes_in{0};
    std::atomic<std::uint64_t> bytes_out{0};
    std::atomic<std::uint64_t> ephemeral_coalesced{0};  // cursor/presence updates replaced by newer ones
    std::atomic<std::uint64_t> snapshots_sent{0};
    std::atomic<std::uint64_t> slow_disconnects{0};
    std::atomic<std::uint64_t> compactions{0};
    // With Redis: whether it is reachable, ops that pub/sub missed and the
    // stream supplied, and snapshots this process stored there.
    std::atomic<std::int64_t> redis_up{0};
    std::atomic<std::uint64_t> redis_ops_recovered{0};
    std::atomic<std::uint64_t> redis_snapshots_stored{0};
    // Refusals by Error code (index = code).
    std::array<std::atomic<std::uint64_t>, 17> rejected{};

    Histogram append_latency;  // writing one op (and fsync under "always")
    Histogram sync_latency;    // one group-commit fsync under "batch"

    void observe_append(std::chrono::steady_clock::duration d) { append_latency.observe(d); }
    void observe_sync(std::chrono::steady_clock::duration d) { sync_latency.observe(d); }

    // The Prometheus text exposition of everything, plus `open_boards`.
    std::string render(std::size_t open_boards) const;
};

}  // namespace squiggle::server
