#include "redis_process.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

namespace squiggle::test {
namespace {

// A port nobody listens on right now (the kernel's pick for port 0).
std::uint16_t free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        throw std::runtime_error("no free port");
    }
    const std::uint16_t port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

}  // namespace

RedisProcess::RedisProcess(const std::filesystem::path& dir) : dir_(dir), port_(free_port()) { start(); }

RedisProcess::~RedisProcess() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
}

void RedisProcess::start() {
    std::vector<std::string> args = {"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                     "--dir", dir_.string(), "--appendonly", "yes", "--appendfsync", "always",
                                     "--save", "", "--daemonize", "no", "--loglevel", "warning"};
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        std::perror("execvp redis-server");
        ::_exit(127);
    }
    // Ready once it answers PING (it loads its append-only file first).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (cli("PING").find("PONG") == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("redis-server did not start");
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) throw std::runtime_error("redis-server exited");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void RedisProcess::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string RedisProcess::cli(const std::string& arguments) const {
    const std::string command = "redis-cli -h 127.0.0.1 -p " + std::to_string(port_) + " " + arguments + " 2>&1";
    std::string output;
    if (FILE* p = ::popen(command.c_str(), "r")) {
        std::array<char, 512> chunk{};
        while (std::fgets(chunk.data(), chunk.size(), p)) output += chunk.data();
        ::pclose(p);
    }
    return output;
}

}  // namespace squiggle::test
