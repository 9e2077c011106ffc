/// `TokenRevoked`: the token is refused from its next request.
public struct TokenRevoked: Hashable, Sendable {
    public var tokenId: String
    public var reason: String?

    public init(tokenId: String, reason: String? = nil) {
        self.tokenId = tokenId
        self.reason = reason
    }

    init(reading r: inout some PayloadReader) throws(Refusal) {
        tokenId = try r.text("tokenId", .id)
        reason = try r.optionalText("reason", .longText)
    }
}
