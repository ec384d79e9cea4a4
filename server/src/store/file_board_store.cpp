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

constexpr char kLogMagic[8] = {'S', 'Q', 'G', 'L', 'O', 'G', '0', '1'};
constexpr char kSnapMagic[8] = {'S', 'Q', 'G', 'S', 'N', 'P', '0', '1'};
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

std::error_code read_file(const std::filesystem::path& path, std::string& out) {
    out.clear();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return last_error();
    char chunk[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const auto ec = last_error();
            ::close(fd);
            return ec;
        }
        if (n == 0) break;
        out.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return {};
}

// Replaces `path` with `bytes` atomically and durably: temporary file, fsync,
// rename, fsync of the folder.
std::error_code write_file_atomically(const std::filesystem::path& path, const std::string& bytes) {
    const auto tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return last_error();
    if (!write_all(fd, bytes.data(), bytes.size()) || ::fsync(fd) != 0) {
        const auto ec = last_error();
        ::close(fd);
        ::unlink(tmp.c_str());
        return ec;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const auto ec = last_error();
        ::unlink(tmp.c_str());
        return ec;
    }
    const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

std::string encode_record(const SequencedOp& op) {
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
    return record;
}

// Reads every intact record of a log; returns the length of the valid prefix.
// `gap` is set when the log starts after `snapshot_seq` + 1 (a lost file, not
// a torn tail): the board must not be opened then.
std::size_t parse_records(const std::string& bytes, std::uint64_t snapshot_seq, std::vector<SequencedOp>& ops,
                          bool& gap) {
    gap = false;
    std::size_t pos = sizeof kLogMagic;
    std::uint64_t expected = 0;  // 0 until the first record sets it
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
        if (expected != 0 && op.seq != expected) break;
        if (expected == 0 && op.seq > snapshot_seq + 1) {
            gap = true;
            break;
        }
        expected = op.seq + 1;
        ops.push_back(std::move(op));
        pos += kRecordHeader + length;
    }
    return pos;
}

class FileBoardLog : public BoardLog {
public:
    FileBoardLog(std::filesystem::path log_path, std::filesystem::path snap_path, std::filesystem::path keys_path,
                 int fd, off_t end, FsyncPolicy fsync, std::string name)
        : log_path_(std::move(log_path)),
          snap_path_(std::move(snap_path)),
          keys_path_(std::move(keys_path)),
          fd_(fd),
          end_(end),
          fsync_(fsync),
          name_(std::move(name)) {}
    ~FileBoardLog() override { ::close(fd_); }

    std::uint64_t snapshot_seq_ = 0;
    std::string snapshot_;
    std::vector<SequencedOp> ops_;
    std::optional<BoardAccess> access_;

    std::uint64_t snapshot_seq() const override { return snapshot_seq_; }
    const std::string& snapshot() const override { return snapshot_; }
    const std::vector<SequencedOp>& ops() const override { return ops_; }
    std::optional<BoardAccess> access() const override { return access_; }

    std::error_code append(const SequencedOp& op) override {
        const std::string record = encode_record(op);
        if (!write_all(fd_, record.data(), record.size())) return undo_partial_write();
        if (fsync_ == FsyncPolicy::kAlways && ::fdatasync(fd_) != 0) return undo_partial_write();
        end_ += static_cast<off_t>(record.size());
        ops_.push_back(op);
        return {};
    }

    std::error_code sync() override {
        if (fsync_ != FsyncPolicy::kBatch) return {};
        if (::fdatasync(fd_) != 0) return last_error();
        return {};
    }

    std::error_code compact(std::uint64_t seq, std::string snapshot, std::uint64_t keep_after) override {
        const std::uint64_t last = ops_.empty() ? snapshot_seq_ : ops_.back().seq;
        if (seq < snapshot_seq_ || seq > last || keep_after > seq) {
            return std::make_error_code(std::errc::invalid_argument);
        }
        std::string file(kSnapMagic, sizeof kSnapMagic);
        write_le(file, seq, 8);
        write_le(file, XXH64(snapshot.data(), snapshot.size(), 0), 8);
        file += snapshot;
        if (auto ec = write_file_atomically(snap_path_, file)) return ec;

        // The log keeps only what the snapshot does not cover.
        std::vector<SequencedOp> tail;
        for (const SequencedOp& op : ops_) {
            if (op.seq > keep_after) tail.push_back(op);
        }
        std::string log(kLogMagic, sizeof kLogMagic);
        for (const SequencedOp& op : tail) log += encode_record(op);
        if (auto ec = write_file_atomically(log_path_, log)) {
            // The snapshot is in place and the old log still holds everything:
            // the board stays consistent; the log is just longer than needed.
            snapshot_seq_ = seq;
            snapshot_ = std::move(snapshot);
            ops_ = std::move(tail);
            return ec;
        }
        const int fd = ::open(log_path_.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0) return last_error();
        ::close(fd_);
        fd_ = fd;
        end_ = static_cast<off_t>(log.size());
        ::lseek(fd_, end_, SEEK_SET);
        snapshot_seq_ = seq;
        snapshot_ = std::move(snapshot);
        ops_ = std::move(tail);
        return {};
    }

    std::error_code set_access(const BoardAccess& access) override {
        if (auto ec = write_file_atomically(keys_path_, "edit " + access.edit_key + "\nview " + access.view_key + "\n")) {
            return ec;
        }
        access_ = access;
        return {};
    }

private:
    // Cuts off whatever part of a record reached the file, so the next append
    // starts on a record boundary.
    std::error_code undo_partial_write() {
        const auto ec = last_error();
        if (::ftruncate(fd_, end_) != 0) log_error("board " + name_ + ": could not undo a partial write");
        ::lseek(fd_, end_, SEEK_SET);
        return ec;
    }

    std::filesystem::path log_path_, snap_path_, keys_path_;
    int fd_;
    off_t end_;
    FsyncPolicy fsync_;
    std::string name_;
};

// Reads <id>.snap; false (and a logged reason) when it is damaged.
bool load_snapshot(const std::filesystem::path& path, const std::string& name, std::uint64_t& seq,
                   std::string& bytes) {
    std::string file;
    if (read_file(path, file)) return true;  // no snapshot yet
    constexpr std::size_t kHeader = sizeof kSnapMagic + 16;
    const auto* p = reinterpret_cast<const unsigned char*>(file.data());
    if (file.size() < kHeader || std::memcmp(file.data(), kSnapMagic, sizeof kSnapMagic) != 0 ||
        XXH64(file.data() + kHeader, file.size() - kHeader, 0) != read_le(p + 16, 8)) {
        log_error("board " + name + ": snapshot " + path.string() + " is damaged; refusing to open the board");
        return false;
    }
    seq = read_le(p + 8, 8);
    bytes.assign(file, kHeader);
    return true;
}

std::optional<BoardAccess> load_keys(const std::filesystem::path& path) {
    std::string file;
    if (read_file(path, file)) return std::nullopt;
    std::istringstream in(file);
    std::string edit_word, edit, view_word, view;
    if (!(in >> edit_word >> edit >> view_word >> view) || edit_word != "edit" || view_word != "view") {
        return std::nullopt;
    }
    return BoardAccess{edit, view};
}

}  // namespace

FileBoardStore::FileBoardStore(std::filesystem::path data_dir, FsyncPolicy fsync)
    : boards_dir_(std::move(data_dir) / "boards"), fsync_(fsync) {}

std::filesystem::path FileBoardStore::path_of(const std::string& board_id, const char* extension) const {
    return boards_dir_ / (board_id + extension);
}

std::unique_ptr<BoardLog> FileBoardStore::open(const std::string& board_id, std::error_code& ec) {
    std::filesystem::create_directories(boards_dir_, ec);
    if (ec) return nullptr;
    std::uint64_t snapshot_seq = 0;
    std::string snapshot;
    if (!load_snapshot(path_of(board_id, ".snap"), board_id, snapshot_seq, snapshot)) {
        ec = std::make_error_code(std::errc::illegal_byte_sequence);
        return nullptr;
    }
    const auto path = path_of(board_id);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        ec = last_error();
        return nullptr;
    }
    std::string bytes;
    if ((ec = read_file(path, bytes))) {
        ::close(fd);
        return nullptr;
    }

    std::vector<SequencedOp> ops;
    std::size_t valid = 0;
    if (bytes.empty()) {
        // A new log: write the magic so the file identifies itself.
        if (!write_all(fd, kLogMagic, sizeof kLogMagic) || ::fsync(fd) != 0) {
            ec = last_error();
            ::close(fd);
            return nullptr;
        }
        valid = sizeof kLogMagic;
    } else if (bytes.size() < sizeof kLogMagic || std::memcmp(bytes.data(), kLogMagic, sizeof kLogMagic) != 0) {
        // Not ours, or damaged beyond the header: refuse rather than overwrite.
        ec = std::make_error_code(std::errc::illegal_byte_sequence);
        ::close(fd);
        log_error("board " + board_id + ": " + path.string() + " is not a board log; left untouched");
        return nullptr;
    } else {
        bool gap = false;
        valid = parse_records(bytes, snapshot_seq, ops, gap);
        if (gap) {
            log_error("board " + board_id + ": the log starts after the snapshot at seq " +
                      std::to_string(snapshot_seq) + "; refusing to open the board");
            ec = std::make_error_code(std::errc::illegal_byte_sequence);
            ::close(fd);
            return nullptr;
        }
        if (valid < bytes.size()) {
            log_warn("board " + board_id + ": torn or corrupt tail of " + std::to_string(bytes.size() - valid) +
                     " bytes after seq " + std::to_string(ops.empty() ? snapshot_seq : ops.back().seq) + " cut off");
            if (::ftruncate(fd, static_cast<off_t>(valid)) != 0 || ::fsync(fd) != 0) {
                ec = last_error();
                ::close(fd);
                return nullptr;
            }
        }
    }
    ::lseek(fd, static_cast<off_t>(valid), SEEK_SET);
    auto log = std::make_unique<FileBoardLog>(path, path_of(board_id, ".snap"), path_of(board_id, ".keys"), fd,
                                              static_cast<off_t>(valid), fsync_, board_id);
    log->snapshot_seq_ = snapshot_seq;
    log->snapshot_ = std::move(snapshot);
    log->ops_ = std::move(ops);
    log->access_ = load_keys(path_of(board_id, ".keys"));
    return log;
}

}  // namespace squiggle::server
