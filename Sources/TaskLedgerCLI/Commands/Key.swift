import ArgumentParser
import Ledger

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show or rotate the Ed25519 key that signs checkpoints (kept in <data>/keys, private key mode 0600).",
        subcommands: [Show.self, Rotate.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the current key id and public key (64 hex digits), the key auditors check checkpoints with.",
            discussion: "One line: <keyId> <publicKey hex>. With --all, every key kept, the current one marked with \"current\"."
        )

        @OptionGroup var options: DataOptions
        @Flag(help: "List every public key kept, including those rotated out (old checkpoints name them).") var all = false

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            do {
                let keys = try ledger.signingKeys()
                let current = try keys.current()
                guard all else {
                    print("\(current.keyId) \(hexDigits(current.publicKey.rawRepresentation))")
                    return
                }
                for (keyId, publicKey) in try keys.allPublicKeys() {
                    print("\(keyId) \(hexDigits(publicKey.rawRepresentation))\(keyId == current.keyId ? " current" : "")")
                }
            } catch let error as SigningKeyError {
                throw CLIError(error.description)
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new signing key current; old public keys stay, the old private key is deleted.",
            discussion: "Checkpoints signed before the rotation still verify with `verify --against`; give auditors the new public key."
        )

        @OptionGroup var options: DataOptions

        func run() throws {
            let ledger = try options.openExistingLedger()
            defer { ledger.close() }
            do {
                let old = try? ledger.signingKeys().current().keyId
                let new = try ledger.signingKeys().rotate()
                print("\(new.keyId) \(hexDigits(new.publicKey.rawRepresentation))")
                StandardError.print("signing key rotated: \(old.map { "\($0) → " } ?? "")\(new.keyId)")
            } catch let error as SigningKeyError {
                throw CLIError(error.description)
            }
        }
    }
}

/// Lowercase hex of raw key bytes.
func hexDigits(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return byte < 16 ? "0" + text : text
    }.joined()
}
