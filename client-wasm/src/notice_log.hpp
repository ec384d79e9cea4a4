#pragma once
// The recent messages shown to the user (connection changes, refusals): a
// short, bounded history, newest last.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>

#include "sync_client.hpp"

namespace squiggle::client {

struct Notice {
    NoticeLevel level = NoticeLevel::kInfo;
    std::string text;
};

class NoticeLog {
public:
    explicit NoticeLog(std::size_t capacity = 100) : capacity_(capacity) {}

    void add(NoticeLevel level, std::string text) {
        if (entries_.size() == capacity_) entries_.pop_front();
        entries_.push_back(Notice{level, std::move(text)});
        ++revision_;
    }
    const std::deque<Notice>& entries() const { return entries_; }
    // Bumped on every add, so views know when to refresh.
    std::uint64_t revision() const { return revision_; }

private:
    std::size_t capacity_;
    std::deque<Notice> entries_;
    std::uint64_t revision_ = 0;
};

}  // namespace squiggle::client
