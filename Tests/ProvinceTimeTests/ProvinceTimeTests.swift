import ProvinceTime
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("2025-02-28", true), ("2025-02-29", false), ("2024-02-29", true), ("2025-02-30", false),
        ("2025-13-01", false), ("2025-00-10", false), ("2025-04-31", false), ("2025-4-01", false),
        ("20250401", false), ("2025-04-01 ", false), ("0000-01-01", false), ("9999-12-31", true), ("2100-02-29", false),
        ("2000-02-29", true), ("２０２５-01-01", false),
    ])
    func parsing(text: String, valid: Bool) {
        #expect((LocalDate(parsing: text) != nil) == valid)
        if valid { #expect(LocalDate(parsing: text)?.description == text) }
    }

    @Test func arithmetic() throws {
        let a = try #require(LocalDate(parsing: "2025-03-01"))
        let b = try #require(LocalDate(parsing: "2024-12-31"))
        #expect(a.days(since: b) == 60)
        #expect(b.adding(days: 60) == a)
        #expect(LocalDate(parsing: "1970-01-01")?.dayNumber == 0)
        #expect(LocalDate.firstOfYear(2025).description == "2025-01-01")
        #expect(LocalDate.lastOfYear(2025).description == "2025-12-31")
    }
}

@Suite struct InstantTests {
    @Test(arguments: [
        ("2025-03-01T08:30:00+07:00", "2025-03-01T01:30:00.000Z"),
        ("2025-03-01T01:30:00Z", "2025-03-01T01:30:00.000Z"),
        ("2025-03-01T01:30:00.5Z", "2025-03-01T01:30:00.500Z"),
        ("2025-03-01T01:30:00.12Z", "2025-03-01T01:30:00.120Z"),
        ("2025-03-01T01:30:00.123-05:30", "2025-03-01T07:00:00.123Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
    ])
    func roundTrip(input: String, utc: String) {
        #expect(Instant(parsingRFC3339: input)?.description == utc)
    }

    @Test(arguments: [
        "2025-03-01", "2025-03-01T01:30Z", "2025-03-01T01:30:00", "2025-03-01T01:30:00.1234Z", "2025-03-01T24:00:00Z",
        "2025-02-30T01:00:00Z", "2025-03-01T01:30:00+0700", "2025-03-01T01:30:00.Z", "2025-03-01 01:30:00Z",
        "2025-03-01T01:30:60Z",
    ])
    func refused(input: String) {
        #expect(Instant(parsingRFC3339: input) == nil)
    }

    /// A result entered at 00:30 local time belongs to that local day, not the UTC day before.
    @Test func localDateIsUTCPlus7() throws {
        let justAfterMidnight = try #require(Instant(parsingRFC3339: "2025-03-01T00:30:00+07:00"))
        #expect(justAfterMidnight.description == "2025-02-28T17:30:00.000Z")
        #expect(justAfterMidnight.localDate.description == "2025-03-01")
        let justBefore = try #require(Instant(parsingRFC3339: "2025-02-28T16:59:59.999Z"))
        #expect(justBefore.localDate.description == "2025-02-28")
    }

    @Test func dayBounds() throws {
        let d = try #require(LocalDate(parsing: "2025-03-10"))
        #expect(Instant.endOfLocalDay(d).description == "2025-03-10T16:59:59.999Z")
        #expect(Instant.startOfLocalDay(d).description == "2025-03-09T17:00:00.000Z")
    }
}
