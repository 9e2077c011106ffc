import CanonicalJSON
import Domain

/// How many scored tasks carry a current quality grade, and how many of each (SPEC §5 "quality").
///
/// Printed beside the score and never mixed into it: the grade judges the work, the score its timeliness.
public struct QualityCounts: Hashable, Sendable {
    public var evaluated = 0
    public var excellent = 0
    public var good = 0
    public var satisfactory = 0
    public var unsatisfactory = 0

    public init() {}

    mutating func count(_ grade: Grade?) {
        guard let grade else { return }
        evaluated += 1
        switch grade {
        case .excellent: excellent += 1
        case .good: good += 1
        case .satisfactory: satisfactory += 1
        case .unsatisfactory: unsatisfactory += 1
        }
    }

    mutating func add(_ other: QualityCounts) {
        evaluated += other.evaluated
        excellent += other.excellent
        good += other.good
        satisfactory += other.satisfactory
        unsatisfactory += other.unsatisfactory
    }

    public func count(of grade: Grade) -> Int {
        switch grade {
        case .excellent: excellent
        case .good: good
        case .satisfactory: satisfactory
        case .unsatisfactory: unsatisfactory
        }
    }

    var json: JSONValue {
        .object([
            "evaluated": .number(Double(evaluated)),
            "excellent": .number(Double(excellent)),
            "good": .number(Double(good)),
            "satisfactory": .number(Double(satisfactory)),
            "unsatisfactory": .number(Double(unsatisfactory)),
        ])
    }
}

extension Grade {
    /// The label printed in CSV headers and on the HTML page.
    public var vietnameseLabel: String {
        switch self {
        case .excellent: "Xuất sắc"
        case .good: "Tốt"
        case .satisfactory: "Đạt"
        case .unsatisfactory: "Không đạt"
        }
    }
}
