#pragma once
// Starts the real squigglesync-server on a free loopback port, for one test,
// and stops it when the object goes away.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace squiggle::test {

// A fresh, empty folder removed again at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class ServerProcess {
public:
    // Blocks until the server has printed its port (or throws if it exits).
    explicit ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args = {});
    ~ServerProcess();

    std::uint16_t port() const { return port_; }
    // SIGTERM and wait (returns the exit status as waitpid reports it); or
    // SIGKILL to simulate a crash.
    int stop();
    void kill_hard();
    bool running() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    // Resident memory of the server process, in KiB.
    long rss_kib() const;

private:
    int wait_for_exit();
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace squiggle::test
