#include "proc_sampler.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace loadgen {

namespace {

bool read_cpu_us(int pid, std::uint64_t& out) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return false;
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const auto close = line.rfind(')');
    if (close == std::string::npos) return false;
    std::istringstream fields(line.substr(close + 2));
    std::string skip;
    // Fields 3..13 precede utime (14) and stime (15).
    for (int i = 3; i <= 13; ++i) fields >> skip;
    unsigned long long utime = 0, stime = 0;
    if (!(fields >> utime >> stime)) return false;
    const long ticks = sysconf(_SC_CLK_TCK);
    out = (utime + stime) * 1000000ULL / static_cast<unsigned long long>(ticks > 0 ? ticks : 100);
    return true;
}

bool read_rss_kb(int pid, std::uint64_t& out) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            out = std::stoull(line.substr(6));
            return true;
        }
    }
    return false;
}

}  // namespace

ProcSample sample_processes(const std::vector<int>& pids) {
    ProcSample s;
    if (pids.empty()) return s;
    s.ok = true;
    for (int pid : pids) {
        std::uint64_t cpu = 0, rss = 0;
        if (!read_cpu_us(pid, cpu) || !read_rss_kb(pid, rss)) {
            s.ok = false;
            continue;
        }
        s.cpu_us += cpu;
        s.rss_kb += rss;
    }
    return s;
}

}  // namespace loadgen
