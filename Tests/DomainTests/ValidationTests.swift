import CanonicalJSON
import Domain
import ProvinceTime
import Testing

@Suite("validate: normalised payloads, streams, and bad input")
struct ValidationTests {
    @Test func payloadIsNormalisedAndExtrasKept() throws {
        let sent = assignTask("T-2").with("title", "  Ho\u{0300}a gia\u{0309}i  ").with("details", "   ").with("field", .null).with(
            "x-origin",
            ["system": "cũ", "n": 3]
        )
        let validated = try Rules.validate(sent.command)
        #expect(validated.payload["title"] == .string("Hòa giải"))
        #expect(validated.payload["details"] == nil, "empty optional text means not given")
        #expect(validated.payload["field"] == nil, "null optional field means not given")
        #expect(validated.payload["x-origin"] == ["system": "cũ", "n": 3])
        #expect(validated.payload["sourceDocument"]?["signer"] == "Nguyễn Văn A")
        #expect(validated.stream == "task/T-2")
        #expect(validated.schema == 1)
        #expect(validated.type == .taskAssigned)
        guard case .taskAssigned(let event) = validated.event else {
            Issue.record("wrong event")
            return
        }
        #expect(event.title == "Hòa giải")
        #expect(event.details == nil)
    }

    @Test(arguments: [
        ("A\u{030A}", "\u{00C5}"),  // a combining ring composes
        ("\u{212B}", "\u{00C5}"),  // the Angstrom sign is a canonical singleton
        ("Nguye\u{0302}\u{0303}n", "Nguyễn"),
        ("\u{00A0}\u{3000} Sở Xây dựng \u{00A0}", "Sở Xây dựng"),  // non-breaking and ideographic spaces are trimmed
        ("\u{1100}\u{1161}", "\u{AC00}"),  // Hangul jamo compose
        ("Đồng “Việt Nam” – 100%", "Đồng “Việt Nam” – 100%"),
    ])
    func textIsTrimmedAndComposed(_ sent: String, _ stored: String) throws {
        let validated = try Rules.validate(withdraw().with("reason", .string(sent)).command)
        #expect(validated.payload["reason"] == .string(stored))
        #expect(validated.payload["reason"]?.stringValue?.unicodeScalars.elementsEqual(stored.unicodeScalars) == true)
    }

    @Test(arguments: [
        (merge(["D1"], into: "SXD"), "unit/SXD"),
        (appointHead("SXD", "P1", from: "2025-01-01"), "unit/SXD"),
        (registerPerson("P1", in: "SXD"), "person/P1"),
        (publishPolicy("P"), "policy/P"),
        (issueToken("TK"), "token/TK"),
        (reportProgress(), "task/T-1"),
    ])
    func streams(_ step: Step, _ stream: String) throws {
        #expect(try Rules.validate(step.command).stream == stream)
    }

    @Test func decodeRebuildsTheSameEvent() throws {
        let steps = completed + [evaluate(), returnResult(), merge(["D1"], into: "SXD"), publishPolicy(), issueToken(), revokeToken()]
        for step in steps {
            let validated = try Rules.validate(step.command)
            let decoded = try DomainEvent.decode(type: validated.type.rawValue, schema: validated.schema, payload: validated.payload)
            #expect(decoded == validated.event, "\(step.type)")
        }
        #expect(EventType.allCases.count == 19)
    }

    @Test func decodeRefusesUnknownSchemaAndType() {
        #expect(throws: Refusal.self) { try DomainEvent.decode(type: "TaskWithdrawn", schema: 2, payload: ["taskId": "T", "reason": "r"]) }
        #expect(throws: Refusal.self) { try DomainEvent.decode(type: "Nope", schema: 1, payload: [:]) }
    }

    @Test func policyWeightsAreReadAsWritten() throws {
        let cases: [(Double, Int64?)] = [
            (0.85, 8_500), (1, 10_000), (0, 0), (0.0001, 1), (0.00001, nil), (0.1 + 0.2, nil), (0.12345, nil), (1e-4, 1), (0.3, 3_000),
        ]
        for (number, expected) in cases {
            let step = publishPolicy(weights: ["onTime": .number(number), "late": 0, "overdue": 0])
            let outcome = Result { () throws(Refusal) in try Rules.validate(step.command) }
            switch (outcome, expected) {
            case (.success(let v), .some(let tenThousandths)):
                guard case .scoringPolicyPublished(let p) = v.event else {
                    Issue.record("wrong event")
                    continue
                }
                #expect(p.onTime.tenThousandths == tenThousandths, "\(number)")
            case (.failure(let refusal), .none):
                #expect(refusal.rule == .invalidPolicy, "\(number)")
            default:
                Issue.record("\(number): unexpected \(outcome)")
            }
        }
    }

    /// Wrong JSON types in every field of every type, huge strings, control characters and impossible dates
    /// are refused with a rule, never a crash; `decode` survives the same inputs.
    @Test func badInputNeverCrashes() {
        let samples =
            completed + [
                evaluate(), returnResult(), merge(["D1"], into: "SXD"), publishPolicy(), issueToken(), revokeToken(), extend(), withdraw(),
                correct("T-1", ["title": "x", "issuer": "chairman", "sourceDocument": ["number": "1", "date": "2025-03-01"]]),
                appointHead("SXD", "P1", from: "2025-01-01"), transfer("P1", to: "STC"), reportProgress(),
                step("UnitRenamed", ["unitId": "SXD", "name": "Sở"]),
            ]
        let poison: [JSONValue] = [
            .null, true, 0, -1, 1e300, 0.5, "", " ", "\u{0}", "2025-02-30", "9999-99-99", .string(String(repeating: "ệ", count: 20_000)),
            [], [[]], ["a": 1], [.null], [1, "x"],
        ]
        var refusals = 0
        for sample in samples {
            guard case .object(let object) = sample.payload else { continue }
            for key in object.keys {
                for value in poison {
                    for path in [key] + nestedKeys(object[key]).map({ "\(key).\($0)" }) {
                        let bad = sample.with(path, value)
                        do {
                            _ = try Rules.validate(bad.command)
                        } catch {
                            refusals += 1
                            #expect(!error.message.isEmpty)
                            #expect(error.field?.hasPrefix("payload") == true, "\(error)")
                        }
                        _ = try? DomainEvent.decode(type: bad.type, schema: 1, payload: bad.payload)
                    }
                }
            }
            for payload in poison {
                #expect(throws: Refusal.self) {
                    try Rules.validate(Step(type: sample.type, actor: sample.actor, payload: payload, at: morning).command)
                }
                _ = try? DomainEvent.decode(type: sample.type, schema: 1, payload: payload)
            }
        }
        #expect(refusals > 1000)
    }

    private func nestedKeys(_ value: JSONValue?) -> [String] {
        guard case .object(let object)? = value else { return [] }
        return Array(object.keys)
    }
}

@Suite("Envelope text the ledger normalises with the domain's rules")
struct EnvelopeTextTests {
    @Test func ids() throws {
        #expect(try Rules.normaliseId(" SXD ", field: "actor.unitId") == "SXD")
        for (raw, rule) in [
            ("", RuleID.textEmpty), ("S/XD", .invalidValue), ("S\tXD", .textControlCharacters), (String(repeating: "A", count: 65), .textTooLong),
        ] {
            do {
                _ = try Rules.normaliseId(raw, field: "actor.tokenId")
                Issue.record("accepted \(raw)")
            } catch {
                #expect(error.rule == rule)
                #expect(error.field == "actor.tokenId")
            }
        }
    }

    @Test func commandIds() throws {
        #expect(try Rules.normaliseCommandId(" 3f2b9c4e-0d7a-4f0e-9a59-2b8f1c6d7e10 ") == "3f2b9c4e-0d7a-4f0e-9a59-2b8f1c6d7e10")
        #expect(try Rules.normaliseCommandId("lệnh/1 #2") == "lệnh/1 #2")
        #expect(throws: Refusal.self) { try Rules.normaliseCommandId(String(repeating: "x", count: 129)) }
        #expect(throws: Refusal.self) { try Rules.normaliseCommandId("a\nb") }
        #expect(try Rules.normaliseCommandId(String(repeating: "x", count: 128)).count == 128)
    }
}
