#include "latency.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace loadgen {

LatencySummary LatencySamples::summarize() {
    LatencySummary s;
    s.samples = us_.size();
    if (us_.empty()) return s;
    std::sort(us_.begin(), us_.end());
    // Nearest rank: the smallest sample with at least q of all at or below it.
    const auto at = [&](double q) {
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(us_.size())));
        return us_[std::clamp<std::size_t>(rank, 1, us_.size()) - 1] / 1000.0;
    };
    s.p50_ms = at(0.50);
    s.p99_ms = at(0.99);
    s.p999_ms = at(0.999);
    s.max_ms = us_.back() / 1000.0;
    s.mean_ms = std::accumulate(us_.begin(), us_.end(), 0.0) / static_cast<double>(us_.size()) / 1000.0;
    return s;
}

}  // namespace loadgen
