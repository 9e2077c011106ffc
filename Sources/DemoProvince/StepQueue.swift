/// The next step of every open task, smallest (day, key) first: a binary min-heap.
///
/// Only each task's *next* step is queued, so the queue holds one entry per open task and the generator's
/// memory follows the number of open tasks, not the length of the history. The random `key` interleaves
/// the tasks of a day; a task's following step on the same day gets a larger key, which keeps its order.
struct StepQueue {
    struct Entry {
        var day: Int
        var key: UInt64
        var task: Int

        func precedes(_ other: Entry) -> Bool {
            day != other.day ? day < other.day : key < other.key
        }
    }

    private var heap: [Entry] = []

    var count: Int { heap.count }
    var first: Entry? { heap.first }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
