#include "store/file_board_store.hpp"

#define XXH_INLINE_ALL
#include <fcntl.h>
#include <unistd.h>
#include <xxhash.h>

#include <cereal/archives/portable_binary.hpp>
#include <cstring>
#include <sstream>

#include "log.hpp"

namespace squiggle::server {
namespace {

constexpr char kMagic[8] = {'S', 'Q', 'G', 'L', 'O', 'G', '0', '1'};
constexpr std::size_t kRecordHeader = 4 + 8;
// No valid record comes near this; a larger length field means corruption.
constexpr std::uint32_t kMaxRecordBytes = 4 * 1024 * 1024;

std::uint64_t read_le(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

void write_le(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

std::error_code last_error() { return {errno, std::generic_category()}; }

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

class FileBoardLog : public BoardLog {
public:
    FileBoardLog(int fd, std::vector<SequencedOp> ops, off_t end, FsyncPolicy fsync, std::string name)
        : fd_(fd), ops_(std::move(ops)), end_(end), fsync_(fsync), name_(std::move(name)) {}
    ~FileBoardLog() override { ::close(fd_); }

    const std::vector<SequencedOp>& ops() const override { return ops_; }

    std::error_code append(const SequencedOp& op) override {
        std::ostringstream payload_stream;
        {
            cereal::PortableBinaryOutputArchive ar(payload_stream);
            ar(op);
        }
        const std::string payload = std::move(payload_stream).str();
        std::string record;
        record.reserve(kRecordHeader + payload.size());
        write_le(record, payload.size(), 4);
        write_le(record, XXH64(payload.data(), payload.size(), 0), 8);
        record += payload;
        if (!write_all(fd_, record.data(), record.size())) {
            const auto ec = last_error();
            // Cut off whatever part of the record reached the file, so the
            // next append starts on a record boundary.
            if (::ftruncate(fd_, end_) != 0) log_error("board " + name_ + ": could not undo a partial write");
            ::lseek(fd_, end_, SEEK_SET);
            return ec;
        }
        if (fsync_ == FsyncPolicy::kAlways && ::fdatasync(fd_) != 0) {
            const auto ec = last_error();
            if (::ftruncate(fd_, end_) != 0) log_error("board " + name_ + ": could not undo an unsynced write");
            ::lseek(fd_, end_, SEEK_SET);
            return ec;
        }
        end_ += static_cast<off_t>(record.size());
        ops_.push_back(op);
        return {};
    }

private:
    int fd_;
    std::vector<SequencedOp> ops_;
    off_t end_;
    FsyncPolicy fsync_;
    std::string name_;
};

// Reads every intact record of `bytes`; returns the length of the valid prefix.
std::size_t parse_records(const std::string& bytes, std::vector<SequencedOp>& ops) {
    std::size_t pos = sizeof kMagic;
    while (bytes.size() - pos >= kRecordHeader) {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes.data() + pos);
        const auto length = static_cast<std::uint32_t>(read_le(p, 4));
        const std::uint64_t checksum = read_le(p + 4, 8);
        if (length > kMaxRecordBytes || bytes.size() - pos - kRecordHeader < length) break;
        const char* payload = bytes.data() + pos + kRecordHeader;
        if (XXH64(payload, length, 0) != checksum) break;
        SequencedOp op;
        try {
            std::istringstream in(std::string(payload, length));
            cereal::PortableBinaryInputArchive ar(in);
            ar(op);
        } catch (const std::exception&) {
            break;
        }
        if (op.seq != ops.size() + 1) break;
        ops.push_back(std::move(op));
        pos += kRecordHeader + length;
    }
    return pos;
}

}  // namespace

FileBoardStore::FileBoardStore(std::filesystem::path data_dir, FsyncPolicy fsync)
    : boards_dir_(std::move(data_dir) / "boards"), fsync_(fsync) {}

std::filesystem::path FileBoardStore::path_of(const std::string& board_id) const {
    return boards_dir_ / (board_id + ".log");
}

std::unique_ptr<BoardLog> FileBoardStore::open(const std::string& board_id, std::error_code& ec) {
    std::filesystem::create_directories(boards_dir_, ec);
    if (ec) return nullptr;
    const auto path = path_of(board_id);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        ec = last_error();
        return nullptr;
    }
    std::string bytes;
    char chunk[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ec = last_error();
            ::close(fd);
            return nullptr;
        }
        if (n == 0) break;
        bytes.append(chunk, static_cast<std::size_t>(n));
    }

    std::vector<SequencedOp> ops;
    std::size_t valid = 0;
    if (bytes.empty()) {
        // A new board: write the magic so the file identifies itself.
        if (!write_all(fd, kMagic, sizeof kMagic) || ::fsync(fd) != 0) {
            ec = last_error();
            ::close(fd);
            return nullptr;
        }
        valid = sizeof kMagic;
    } else if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        // Not ours, or damaged beyond the header: refuse rather than overwrite.
        ec = std::make_error_code(std::errc::illegal_byte_sequence);
        ::close(fd);
        log_error("board " + board_id + ": " + path.string() + " is not a board log; left untouched");
        return nullptr;
    } else {
        valid = parse_records(bytes, ops);
        if (valid < bytes.size()) {
            log_warn("board " + board_id + ": torn or corrupt tail of " +
                     std::to_string(bytes.size() - valid) + " bytes after seq " +
                     std::to_string(ops.size()) + " cut off");
            if (::ftruncate(fd, static_cast<off_t>(valid)) != 0 || ::fsync(fd) != 0) {
                ec = last_error();
                ::close(fd);
                return nullptr;
            }
        }
    }
    ::lseek(fd, static_cast<off_t>(valid), SEEK_SET);
    return std::make_unique<FileBoardLog>(fd, std::move(ops), static_cast<off_t>(valid), fsync_, board_id);
}

}  // namespace squiggle::server
