import Hummingbird
import Ledger
import ProvinceTime

/// Typed reading of query parameters: each failure is a 400 problem naming the parameter and the form expected.
extension Call {
    func string(_ name: String) -> String? { query[name] }

    func date(_ name: String) throws -> LocalDate? {
        guard let text = query[name] else { return nil }
        guard let date = LocalDate(parsing: text) else {
            throw Problem.badParameter(name, "\(name) phải là một ngày YYYY-MM-DD có thật (nhận được: \(text)).")
        }
        return date
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query[name] else { return nil }
        guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text), range.contains(n) else {
            throw Problem.badParameter(
                name,
                "\(name) phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound) (nhận được: \(text))."
            )
        }
        return n
    }

    func count(_ name: String) throws -> UInt64? {
        guard let text = query[name] else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = UInt64(text) else {
            throw Problem.badParameter(name, "\(name) phải là số nguyên không âm (nhận được: \(text)).")
        }
        return n
    }

    func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = query[name] else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badParameter(name, "\(name) phải là một trong: \(allowed) (nhận được: \(text)).")
        }
        return value
    }

    /// The cutoff of SPEC §4 from `asOf` (digits for a seq, or an RFC 3339 instant with an offset), `at` (the
    /// judging instant of a seq cutoff) and `meeting` (a date: the end of the day before it). A bare date for
    /// `asOf`, `asOf` with `meeting`, or `at` without a seq `asOf` is refused.
    func cutoff() throws -> CutoffSpec {
        let asOf = query["asOf"]
        let meeting = query["meeting"]
        let at = query["at"]
        if asOf != nil, meeting != nil {
            throw Problem.badParameter("meeting", "Chỉ dùng một trong asOf hoặc meeting, không dùng cả hai.")
        }
        var atInstant: Instant? = nil
        if let at {
            guard let instant = Instant(parsingRFC3339: at) else {
                throw Problem.badParameter("at", "at phải là thời điểm RFC 3339 có múi giờ, ví dụ 2025-03-01T08:30:00+07:00 (nhận được: \(at)).")
            }
            atInstant = instant
        }
        if let meeting {
            guard atInstant == nil else {
                throw Problem.badParameter("at", "at chỉ dùng cùng asOf là một seq; meeting đã xác định thời điểm đánh giá.")
            }
            guard let date = LocalDate(parsing: meeting) else {
                throw Problem.badParameter("meeting", "meeting phải là ngày họp YYYY-MM-DD (nhận được: \(meeting)).")
            }
            return .meeting(date)
        }
        guard let asOf else {
            guard atInstant == nil else {
                throw Problem.badParameter("at", "at chỉ dùng cùng asOf là một seq (ví dụ asOf=1200&at=2025-03-01T08:30:00+07:00).")
            }
            return .now
        }
        if !asOf.isEmpty, asOf.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let seq = UInt64(asOf) else { throw Problem.badParameter("asOf", "seq \(asOf) quá lớn.") }
            return .seq(seq, at: atInstant)
        }
        guard atInstant == nil else {
            throw Problem.badParameter("at", "at chỉ dùng cùng asOf là một seq; với asOf là thời điểm, chính thời điểm đó là lúc đánh giá.")
        }
        if LocalDate(parsing: asOf) != nil {
            throw Problem.badParameter(
                "asOf",
                "asOf = \(asOf) là một ngày trần; hãy cho thời điểm có múi giờ (ví dụ \(asOf)T23:59:59.999+07:00) hoặc dùng meeting."
            )
        }
        guard let instant = Instant(parsingRFC3339: asOf) else {
            throw Problem.badParameter(
                "asOf",
                "asOf phải là một seq (chữ số) hoặc thời điểm RFC 3339 có múi giờ, ví dụ 2025-03-01T08:30:00+07:00 (nhận được: \(asOf))."
            )
        }
        return .instant(instant)
    }

    /// The names of the cutoff parameters, for route declarations.
    static let cutoffParameters = ["asOf", "at", "meeting"]
}

extension Problem {
    /// A cutoff the ledger cannot honour (a seq past the log): 400, naming the parameter.
    init(_ error: CutoffError) {
        self = .badParameter(error.parameter, error.message)
    }
}
