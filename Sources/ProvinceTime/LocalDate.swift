/// A calendar date in the province (`YYYY-MM-DD`): deadlines, document dates, tenure bounds.
///
/// Deadlines are inclusive and compared as whole days, so dates are kept as a day number
/// (days since 1970-01-01 in the proleptic Gregorian calendar) and cannot be built invalid:
/// `LocalDate(parsing: "2025-02-30")` is `nil`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    public init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// Builds a date from its parts; `nil` when the day does not exist (`2025, 2, 30`) or the year is
    /// outside 0001…9999, the range `YYYY-MM-DD` can write.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.dayNumber = LocalDate.days(fromCivil: year, month, day)
    }

    /// Parses exactly `YYYY-MM-DD` (ten characters, ASCII digits); anything else is `nil`.
    public init?(parsing text: some StringProtocol) {
        var text = String(text)
        guard let date = text.withUTF8({ LocalDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes: how replay reads a stored date in place, without making a
    /// `String` of it.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        guard let y = Self.digits(bytes, 0..<4), let m = Self.digits(bytes, 5..<7), let d = Self.digits(bytes, 8..<10) else {
            return nil
        }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var day: Int { civil.day }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = civil
        return Self.pad(c.year, 4) + "-" + Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// The date `n` days later (earlier when `n` is negative).
    public func adding(days n: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + n) }

    /// Whole days from `other` to `self` (`self − other`).
    public func days(since other: LocalDate) -> Int { dayNumber - other.dayNumber }

    /// 1 January of `year`.
    public static func firstOfYear(_ year: Int) -> LocalDate { LocalDate(dayNumber: days(fromCivil: year, 1, 1)) }
    /// 31 December of `year`.
    public static func lastOfYear(_ year: Int) -> LocalDate { LocalDate(dayNumber: days(fromCivil: year, 12, 31)) }

    // MARK: - Civil calendar arithmetic (Howard Hinnant's algorithms, exact for the proleptic Gregorian calendar)

    var civil: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The number written by the ASCII digits `bytes[range]`; `nil` when one is not a digit.
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var value = 0
        for b in bytes[range] {
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
