#include "browser_timers.hpp"

#include <emscripten/eventloop.h>

#include <utility>

namespace squiggle::client {

BrowserTimers::~BrowserTimers() {
    for (auto& [id, task] : tasks_) emscripten_clear_timeout(task->handle);
}

Timers::Id BrowserTimers::start(int delay_ms, std::function<void()> callback) {
    const Id id = next_id_++;
    auto task = std::make_unique<Task>(Task{this, id, 0, std::move(callback)});
    task->handle = emscripten_set_timeout(&BrowserTimers::fire, delay_ms, task.get());
    tasks_.emplace(id, std::move(task));
    return id;
}

void BrowserTimers::cancel(Id id) {
    const auto it = tasks_.find(id);
    if (it == tasks_.end()) return;
    emscripten_clear_timeout(it->second->handle);
    tasks_.erase(it);
}

void BrowserTimers::fire(void* raw) {
    auto* task = static_cast<Task*>(raw);
    // Forget the task before running it: the callback may start new timers.
    std::function<void()> callback = std::move(task->callback);
    task->owner->tasks_.erase(task->id);
    callback();
}

}  // namespace squiggle::client
