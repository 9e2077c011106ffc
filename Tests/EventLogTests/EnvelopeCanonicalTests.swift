import CanonicalJSON
import EventLog
import ProvinceTime
import Testing

/// The hand-ordered envelope writer on the hot path must be exactly the generic RFC 8785 encoding.
@Suite struct EnvelopeCanonicalTests {
    static let actors = [
        EventActor(role: "office"),
        EventActor(role: "unit", unitId: "SXD", tokenId: "tk-1"),
        EventActor(role: "unit", unitId: "X-THACH\"HA"),
        EventActor(role: "admin", tokenId: "t\u{1}k"),
    ]
    static let payloads: [JSONValue] = [
        .object([:]),
        .object(["taskId": .string("T-1"), "note": .string("Đã hoàn thành 50% — \"báo cáo\"\\ \u{7f}"), "percent": .number(50)]),
        .object(["weights": .object(["onTime": .number(1), "late": .number(0.85), "overdue": .number(0)]), "€": .null, "\r": .bool(true)]),
        .object(["list": .array([.string("a"), .number(1e21), .number(-0.0), .number(1e-7)])]),
    ]

    @Test(arguments: 0..<16)
    func theFastWriterEqualsTheGenericEncoding(variant: Int) {
        let envelope = Envelope(
            seq: UInt64(1 + variant * 1_000_003),
            stream: "task/T-\(variant)",
            version: UInt64(variant + 1),
            type: "ProgressReported",
            schema: 1 + variant % 2,
            recordedAt: Instant(millisecondsSinceEpoch: 1_740_790_800_123 + Int64(variant)),
            actor: Self.actors[variant % 4],
            commandId: variant % 3 == 0 ? nil : "cmd-\(variant)-ổ\u{1F600}",
            payload: Self.payloads[variant / 4],
            prev: Digest.sha256([UInt8(variant)]),
            hash: .zero
        )
        #expect(envelope.canonicalBytesWithoutHash == envelope.jsonWithoutHash.canonicalBytes)
    }
}
