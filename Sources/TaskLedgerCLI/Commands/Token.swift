import ArgumentParser
import Domain
import Ledger

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Issue, list and revoke bearer tokens (the events TokenIssued / TokenRevoked; secrets are stored only as hashes).",
        subcommands: [Issue.self, List.self, Revoke.self]
    )

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a token and print its secret once (the last line of the output)."
        )

        @OptionGroup var options: DataOptions
        @Option(help: "office, unit, interior or auditor.") var role: String
        @Option(help: "The unit of a unit token.") var unit: String?
        @Option(help: "Who holds the token (a person or a system).") var name: String
        @Option(help: "The token id (default: generated).") var tokenId: String?

        func validate() throws {
            guard let role = Role(rawValue: role), role != .admin else {
                throw ValidationError("--role must be one of office, unit, interior, auditor")
            }
            if role == .unit && unit == nil { throw ValidationError("a unit token needs --unit ID") }
            if role != .unit && unit != nil { throw ValidationError("--unit is only for --role unit") }
        }

        func run() throws {
            let ledger = try options.openLedger()
            defer { ledger.close() }
            switch try ledger.issueToken(name: name, role: Role(rawValue: role)!, unitId: unit, tokenId: tokenId) {
            case .success(let issued):
                print(
                    "token \(issued.tokenId) issued (role \(role)\(unit.map { ", unit \($0)" } ?? ""), seq \(issued.envelope.seq)); its secret, shown only now:"
                )
                print(issued.secret)
            case .failure(let refusal):
                throw CLIError("token refused: \(refusal)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, unit, name, state.")
        @OptionGroup var options: DataOptions

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            let tokens = try ledger.withState { Array($0.tokens.values) }.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
            for t in tokens {
                print([t.id, t.role.rawValue, t.unitId ?? "-", t.revoked ? "revoked" : "active", t.name].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; running servers refuse it from their next request.")
        @OptionGroup var options: DataOptions
        @Argument(help: "The token id.") var tokenId: String
        @Option(help: "Why.") var reason: String?

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            switch try ledger.revokeToken(tokenId, reason: reason) {
            case .appended(let e), .repeated(let e): print("token \(tokenId) revoked (seq \(e.seq))")
            case .refused(let refusal): throw CLIError("revocation refused: \(refusal)")
            }
        }
    }
}
