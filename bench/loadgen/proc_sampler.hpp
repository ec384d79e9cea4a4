#pragma once
// CPU time and resident memory of the server processes, from /proc: the
// server's own cost, whatever language it is written in.
#include <cstdint>
#include <vector>

namespace loadgen {

struct ProcSample {
    bool ok = false;
    std::uint64_t cpu_us = 0;  // utime + stime, all threads, summed over the processes
    std::uint64_t rss_kb = 0;  // VmRSS, summed
};

ProcSample sample_processes(const std::vector<int>& pids);

}  // namespace loadgen
