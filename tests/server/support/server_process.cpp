#include "server_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>
#include <stdexcept>

namespace squiggle::test {

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("squiggle-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

ServerProcess::ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> args = {SQUIGGLE_SERVER_BINARY, "--port", "0", "--bind", "127.0.0.1",
                                     "--data-dir", data_dir.string(), "--threads", "2"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        ::close(out[1]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        std::perror("execv");
        ::_exit(127);
    }
    ::close(out[1]);
    // The server prints "listening on http://127.0.0.1:PORT/" once bound.
    FILE* f = ::fdopen(out[0], "r");
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        unsigned port = 0;
        if (std::sscanf(line, "listening on http://127.0.0.1:%u/", &port) == 1) {
            port_ = static_cast<std::uint16_t>(port);
            break;
        }
    }
    std::fclose(f);  // the server's later stdout writes go nowhere; it logs to stderr
    if (port_ == 0) {
        wait_for_exit();
        throw std::runtime_error("server did not start");
    }
}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) stop();
}

int ServerProcess::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    return wait_for_exit();
}

long ServerProcess::rss_kib() const {
    FILE* f = std::fopen(("/proc/" + std::to_string(pid_) + "/status").c_str(), "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f)) {
        if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1) break;
    }
    std::fclose(f);
    return kib;
}

void ServerProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    wait_for_exit();
}

int ServerProcess::wait_for_exit() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
}

}  // namespace squiggle::test
