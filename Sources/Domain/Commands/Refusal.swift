/// A refused input: the SPEC rule it breaks, the field at fault (a dotted path such as
/// `payload.sourceDocument.date`), and a message in Vietnamese that tells the user what to fix.
///
/// A refusal is a value, not a crash: whoever refuses stores nothing, and the CLI prints it as
/// `line N: RULE-ID (FIELD): message`, the HTTP API as `application/problem+json`.
public struct Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    public var rule: RuleID
    public var field: String?
    public var message: String

    public init(_ rule: RuleID, field: String?, _ message: String) {
        self.rule = rule
        self.field = field
        self.message = message
    }

    /// `RULE-ID (FIELD): message`, the form the CLI prints after `line N: `.
    public var description: String {
        "\(rule.rawValue) (\(field ?? "-")): \(message)"
    }
}
