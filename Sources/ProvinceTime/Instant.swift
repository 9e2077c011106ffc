#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time, to the millisecond, as the ledger stamps `recordedAt`.
///
/// The province's clock is Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving (SPEC §2), so the
/// local date of an instant is a fixed shift away and needs no time-zone database.
/// Written `YYYY-MM-DDTHH:MM:SS.sssZ`; read from RFC 3339 with any offset and at most three
/// fractional digits (the import format).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSinceEpoch: Int64

    /// The province's fixed offset from UTC.
    public static let provinceOffsetSeconds: Int64 = 7 * 3600

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }

    /// The local date (UTC+7) of this instant: "the date of" an event in every rule and report.
    public var localDate: LocalDate {
        let localMs = millisecondsSinceEpoch + Self.provinceOffsetSeconds * 1000
        return LocalDate(dayNumber: Int(floorDiv(localMs, 86_400_000)))
    }

    /// The first millisecond of a local date (00:00:00.000 at UTC+7).
    public static func startOfLocalDay(_ date: LocalDate) -> Instant {
        Instant(millisecondsSinceEpoch: Int64(date.dayNumber) * 86_400_000 - provinceOffsetSeconds * 1000)
    }

    /// The last millisecond of a local date (23:59:59.999 at UTC+7): how `meeting=DATE` ends "the day before".
    public static func endOfLocalDay(_ date: LocalDate) -> Instant {
        Instant(millisecondsSinceEpoch: startOfLocalDay(date).millisecondsSinceEpoch + 86_399_999)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, always UTC and always three fractional digits.
    public var description: String {
        let day = floorDiv(millisecondsSinceEpoch, 86_400_000)
        let msOfDay = Int(millisecondsSinceEpoch - day * 86_400_000)
        let date = LocalDate(dayNumber: Int(day))
        let h = msOfDay / 3_600_000
        let m = msOfDay / 60_000 % 60
        let s = msOfDay / 1000 % 60
        let ms = msOfDay % 1000
        return "\(date)T\(LocalDate.pad(h, 2)):\(LocalDate.pad(m, 2)):\(LocalDate.pad(s, 2)).\(LocalDate.pad(ms, 3))Z"
    }

    /// Parses RFC 3339 (`2025-03-01T08:30:00+07:00`, `2025-03-01T01:30:00.5Z`): a `T` (or `t`) between date and
    /// time, seconds required, at most three fractional digits, `Z` or `±HH:MM`. `nil` for anything else,
    /// including impossible dates and times.
    public init?(parsingRFC3339 text: some StringProtocol) {
        var text = String(text)
        guard let instant = text.withUTF8({ Instant(rfc3339UTF8: $0) }) else { return nil }
        self = instant
    }

    /// Parses RFC 3339 as `init(parsingRFC3339:)` does, from UTF-8 bytes: how replay reads a stored
    /// `recordedAt` in place, without making a `String` of it.
    public init?(rfc3339UTF8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count >= 20, let date = LocalDate(utf8: UnsafeBufferPointer(rebasing: b[0..<10])) else { return nil }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
        else { return nil }
        guard let h = LocalDate.digits(b, 11..<13), let mi = LocalDate.digits(b, 14..<16), let s = LocalDate.digits(b, 17..<19),
            h <= 23, mi <= 59, s <= 59
        else { return nil }
        var i = 19
        var ms = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            let n = i - start
            guard (1...3).contains(n), let frac = LocalDate.digits(b, start..<i) else { return nil }
            ms = frac * (n == 1 ? 100 : n == 2 ? 10 : 1)
        }
        guard i < b.count else { return nil }
        var offsetMinutes = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"), let oh = LocalDate.digits(b, (i + 1)..<(i + 3)),
                let om = LocalDate.digits(b, (i + 4)..<(i + 6)), oh <= 23, om <= 59
            else { return nil }
            offsetMinutes = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let seconds = Int64(date.dayNumber) * 86_400 + Int64(h * 3600 + mi * 60 + s) - Int64(offsetMinutes * 60)
        self.init(millisecondsSinceEpoch: seconds * 1000 + Int64(ms))
    }

    /// The current time from the system clock.
    public static func now() -> Instant {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(millisecondsSinceEpoch: Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }
}

@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
