#pragma once
// Starts a real redis-server on a free loopback port with its data in a
// folder of its own (append-only file on), for one test; it can be killed,
// restarted on the same port with the same data, and is stopped at the end.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace squiggle::test {

class RedisProcess {
public:
    explicit RedisProcess(const std::filesystem::path& dir);
    ~RedisProcess();

    std::uint16_t port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

    // Runs one redis-cli command against it; returns its output.
    std::string cli(const std::string& arguments) const;

    void kill_hard();  // SIGKILL, as a crash would
    void start();      // again, same port, same data

private:
    std::filesystem::path dir_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace squiggle::test
