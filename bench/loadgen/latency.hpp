#pragma once
// Send-to-delivery latencies, one sample per (op, receiver), kept whole so
// the tail percentiles are exact rather than bucketed.
#include <cstdint>
#include <vector>

namespace loadgen {

struct LatencySummary {
    std::size_t samples = 0;
    double p50_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0, mean_ms = 0;
};

class LatencySamples {
public:
    void reserve(std::size_t n) { us_.reserve(n); }
    void add(std::int64_t microseconds) { us_.push_back(static_cast<std::uint32_t>(microseconds < 0 ? 0 : microseconds)); }
    // Sorts in place; call once at the end.
    LatencySummary summarize();

private:
    std::vector<std::uint32_t> us_;
};

}  // namespace loadgen
