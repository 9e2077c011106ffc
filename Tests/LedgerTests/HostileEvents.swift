import CanonicalJSON
import Foundation
import Testing

/// Stored events written by hand to try the replay decoder against the tree decoder: one of every type with
/// every optional field, then each changed member by member; and a table of damaged bytes.
enum HostileEvents {
    /// The canonical text of an envelope without `hash` around `payload` (and `actor`, and extra members).
    static func event(
        seq: Int,
        type: String,
        payload: String,
        actor: String = #"{"role":"office"}"#,
        prev: String = #""\#(String(repeating: "0", count: 64))""#
    ) -> String {
        #"{"actor":\#(actor),"payload":\#(payload),"prev":\#(prev),"recordedAt":"2025-03-01T01:30:00.000Z","schema":1,"seq":\#(seq),"stream":"unit/SXD","type":"\#(type)","version":1}"#
    }

    /// One payload of each type, with every optional field given; text with Vietnamese letters, a non-BMP
    /// character and characters that JSON escapes.
    static let payloads: [(type: String, payload: String)] = [
        ("UnitRegistered", #"{"kind":"department","name":"Sở Xây dựng \"mới\" \\ 😀","parentUnitId":"UBND","unitId":"SXD"}"#),
        ("UnitRenamed", #"{"name":"Sở Tài chính","unitId":"STC"}"#),
        ("UnitMerged", #"{"intoUnitId":"SXD","reason":"Sáp nhập theo Nghị quyết","unitIds":["SGTVT","SKHCN"]}"#),
        ("PersonRegistered", #"{"name":"Nguyễn Văn Ánh","personId":"P-1","title":"Giám đốc","unitId":"SXD"}"#),
        ("PersonTransferred", #"{"personId":"P-1","title":"Phó Giám đốc","unitId":"STC"}"#),
        ("HeadAppointed", #"{"from":"2025-01-01","personId":"P-1","unitId":"SXD"}"#),
        (
            "TaskAssigned",
            #"{"assigneePersonId":"P-1","classified":false,"coordinatingUnitIds":["STC","SYT"],"deadline":"2025-06-30","details":"Chi tiết","field":"Xây dựng","issuer":"chairman","leadUnitId":"SXD","sourceDocument":{"date":"2025-03-01","number":"5425/UBND-KGVX","signer":"Trần Thị B"},"taskId":"T-1","title":"Báo cáo tình hình"}"#
        ),
        (
            "TaskCorrected",
            #"{"details":"Sửa","field":"Y tế","issuer":"committee","reason":"Đánh máy sai","sourceDocument":{"date":"2025-03-02","number":"12/QĐ","signer":"C"},"taskId":"T-1","title":"Tiêu đề mới"}"#
        ),
        (
            "DeadlineExtended",
            #"{"approvalDocument":{"date":"2025-06-01","number":"99/UBND"},"newDeadline":"2025-07-31","reason":"Chờ số liệu","taskId":"T-1"}"#
        ),
        ("TaskReassigned", #"{"assigneePersonId":"P-2","coordinatingUnitIds":["SXD"],"leadUnitId":"STC","reason":"Đổi chủ trì","taskId":"T-1"}"#),
        ("TaskWithdrawn", #"{"document":{"date":"2025-04-01","number":"7/UBND"},"reason":"Không còn cần","taskId":"T-1"}"#),
        ("ProgressReported", #"{"note":"Đã xong 50%","percent":50,"taskId":"T-1","unitId":"SXD"}"#),
        ("ReportDocumentSubmitted", #"{"document":{"date":"2025-05-01","number":"15/BC-SXD"},"summary":"Tóm tắt","taskId":"T-1","unitId":"SXD"}"#),
        ("ResultEntered", #"{"result":"Hoàn thành","taskId":"T-1","unitId":"SXD"}"#),
        ("ResultReturned", #"{"reason":"Thiếu phụ lục","taskId":"T-1"}"#),
        ("QualityEvaluated", #"{"grade":"good","note":"Tốt","taskId":"T-1"}"#),
        (
            "ScoringPolicyPublished",
            #"{"appliesFromYear":2026,"bands":[{"label":"Xuất sắc","min":90},{"label":"Khá","min":70.5}],"policyId":"P2026","weights":{"late":0.5,"onTime":1,"overdue":0}}"#
        ),
        ("TokenIssued", #"{"name":"Máy chủ SXD","role":"unit","tokenId":"tk-1","unitId":"SXD"}"#),
        ("TokenRevoked", #"{"reason":"Lộ mã","tokenId":"tk-1"}"#),
    ]

    /// What a member is changed to: absent (`nil`), `null`, each JSON type, text that is empty, an impossible
    /// date, escaped.
    static let replacements: [String?] = [
        nil, "null", "0", "1", "1.5", "-3", "101", "true", #""x""#, #""""#, #""department""#, "[]", #"["a"]"#, #"["a","a"]"#, "{}",
        #"{"a":1}"#, #""2025-02-30""#, #""\u0053\u1EDF\uD83D\uDE00""#,
    ]

    /// Every event of the table, as stored bytes.
    static func all() -> [[UInt8]] {
        var texts: [String] = []
        func add(_ type: String, _ payload: JSONValue) {
            texts.append(event(seq: texts.count + 1, type: type, payload: String(decoding: payload.canonicalBytes, as: UTF8.self)))
        }
        for (type, text) in payloads {
            let payload = try! JSONParser.parse(text)
            add(type, payload)
            for variant in variants(of: payload, depth: 0) { add(type, variant) }
            // Escapes where canonical bytes have none (names too), unknown members, whitespace.
            texts.append(event(seq: texts.count + 1, type: type, payload: text.replacingOccurrences(of: "i", with: #"\u0069"#)))
            let extra = #","zz":{"deep":[[["\uD83D\uDE00",1e300,-0]]],"ä\n":null},"\u00e4":"\u0000"}"#
            texts.append(event(seq: texts.count + 1, type: type, payload: String(text.dropLast()) + extra))
            texts.append(event(seq: texts.count + 1, type: type, payload: " \n" + text.replacingOccurrences(of: "\":", with: "\" :\t") + " "))
            texts.append(event(seq: texts.count + 1, type: type, payload: text, actor: #"{"role":"unit","tokenId":"tk1","unitId":"SXD"}"#))
        }
        for envelope in envelopeVariants() { texts.append(envelope) }
        return texts.map { Array($0.utf8) }
    }

    /// `value` with one member or element changed, at every depth up to two levels down.
    static func variants(of value: JSONValue, depth: Int) -> [JSONValue] {
        guard depth < 3 else { return [] }
        var out: [JSONValue] = []
        if case .object(let members) = value {
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                for replacement in replacements {
                    var changed = members
                    changed[key] = replacement.map { try! JSONParser.parse($0) }
                    out.append(.object(changed))
                }
                for variant in variants(of: member, depth: depth + 1) {
                    var changed = members
                    changed[key] = variant
                    out.append(.object(changed))
                }
            }
        } else if case .array(let elements) = value, !elements.isEmpty {
            out.append(.array(elements + [elements[0]]))
            for variant in variants(of: elements[0], depth: depth + 1) { out.append(.array([variant] + elements.dropFirst())) }
        }
        return out
    }

    /// The envelope changed member by member around a valid `UnitRegistered`.
    static func envelopeVariants() -> [String] {
        let base = try! JSONParser.parse(event(seq: 1, type: "UnitRegistered", payload: payloads[0].payload))
        guard case .object(let members) = base else { return [] }
        var out: [String] = []
        let envelopeReplacements =
            replacements + [
                #""2025-03-01T08:30:00+07:00""#, #""2025-03-01T08:30:00.1234Z""#, #"{"role":"unit","unitId":"SXD"}"#, #"{"role":"nobody"}"#,
                #"{"role":"office","x":1}"#, #"{"role":1}"#, #"{"role":"office","tokenId":null}"#, "9007199254740991", "9007199254740992",
                #""UnitRenamed""#, #""Nope""#, "2", #""\#(String(repeating: "A", count: 64))""#, #""\#(String(repeating: "a", count: 64))""#,
            ]
        for key in members.keys.sorted() + ["commandId", "hash", "zz"] {
            for replacement in envelopeReplacements {
                var changed = members
                changed[key] = replacement.map { try! JSONParser.parse($0) }
                out.append(String(decoding: JSONValue.object(changed).canonicalBytes, as: UTF8.self))
            }
        }
        return out
    }

    /// Stored bytes that no decoder may accept, named for the test's report.
    struct Damage: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var testDescription: String { name }
    }

    static let damaged: [Damage] = {
        let good = event(seq: 2, type: "UnitRegistered", payload: #"{"kind":"department","name":"Sở Xây dựng","unitId":"SXD"}"#)
        let bytes = Array(good.utf8)
        func edit(_ name: String, _ from: String, _ to: String) -> Damage {
            Damage(name: name, bytes: Array(good.replacingOccurrences(of: from, with: to).utf8))
        }
        var table: [Damage] = [1, 10, bytes.count / 2, bytes.count - 1].map {
            Damage(name: "truncated to \($0) bytes", bytes: Array(bytes.prefix($0)))
        }
        table += [
            Damage(name: "no bytes after the hash", bytes: []),
            Damage(name: "trailing bytes", bytes: bytes + Array(" {}".utf8)),
            Damage(name: "a second value", bytes: bytes + bytes),
            Damage(name: "not an object", bytes: Array(#"["seq",2]"#.utf8)),
            Damage(name: "invalid UTF-8", bytes: bytes.replacing([0xE1, 0xBB, 0x9F], with: [0xE1, 0x41, 0x9F])),
            Damage(
                name: "invalid UTF-8 lead byte",
                bytes: Array(good.replacingOccurrences(of: "Sở", with: "S\u{0}").utf8).map { $0 == 0 ? 0xC0 : $0 }
            ),
            edit("bad escape", "Xây", #"X\xy"#),
            edit("short \\u escape", "Xây", #"X\u12"#),
            edit("lone surrogate", "Xây", #"X\uD800y"#),
            edit("unescaped control character", "Xây", "X\ty"),
            edit("seq as text", #""seq":2"#, #""seq":"2""#),
            edit("seq zero", #""seq":2"#, #""seq":0"#),
            edit("seq fraction", #""seq":2"#, #""seq":2.5"#),
            edit("payload as array", #""payload":{"#, #""payload":[{"#).bytesReplacing("},\"prev\"", with: "}],\"prev\""),
            edit("actor as text", #""actor":{"role":"office"}"#, #""actor":"office""#),
            edit("no actor role", #""actor":{"role":"office"}"#, #""actor":{}"#),
            edit("unknown actor role", #""role":"office""#, #""role":"mayor""#),
            edit("no type", #","type":"UnitRegistered""#, ""),
            edit("unknown type", #""UnitRegistered""#, #""UnitDissolved""#),
            edit("no recordedAt", #""recordedAt":"2025-03-01T01:30:00.000Z","#, ""),
            edit("impossible recordedAt", "2025-03-01T01", "2025-02-30T01"),
            edit("prev too short", String(repeating: "0", count: 64), "00"),
            edit("unknown envelope member", #""version":1}"#, #""version":1,"v2":true}"#),
            edit("duplicate member", #""seq":2"#, #""seq":2,"seq":2"#),
            edit("duplicate member through an escape", #""seq":2"#, #""seq":2,"s\u0065q":2"#),
            edit("schema 2", #""schema":1"#, #""schema":2"#),
            edit("missing payload field", #","unitId":"SXD""#, ""),
            edit("payload field of the wrong type", #""unitId":"SXD""#, #""unitId":7"#),
            edit("unknown unit kind", #""department""#, #""ministry""#),
            edit("number too large", #""version":1"#, #""version":1e999"#),
            edit("deep nesting", #""unitId":"SXD""#, #""unitId":"SXD","x":"# + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)),
        ]
        return table
    }()
}

extension HostileEvents.Damage {
    /// The same damage with one more edit of its bytes.
    fileprivate func bytesReplacing(_ from: String, with to: String) -> HostileEvents.Damage {
        HostileEvents.Damage(name: name, bytes: Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: from, with: to).utf8))
    }
}
