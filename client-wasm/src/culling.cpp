#include "culling.hpp"

#include "drawn_bounds.hpp"

namespace squiggle::client {

std::vector<DrawRun> visible_runs(const std::vector<ObjectSpan>& spans, const Box& visible,
                                  std::size_t* objects_drawn) {
    std::vector<DrawRun> runs;
    std::size_t drawn = 0;
    for (const ObjectSpan& span : spans) {
        if (span.count == 0 || !overlaps(span.box, visible)) continue;
        ++drawn;
        if (!runs.empty() && runs.back().first + runs.back().count == span.first) {
            runs.back().count += span.count;
        } else {
            runs.push_back(DrawRun{span.first, span.count});
        }
    }
    if (objects_drawn) *objects_drawn = drawn;
    return runs;
}

}  // namespace squiggle::client
