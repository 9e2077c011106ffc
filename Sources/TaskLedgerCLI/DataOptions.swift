import ArgumentParser
import Foundation
import Ledger

/// `--data DIR`, else `TASKLEDGER_DATA`, else `./data`: where the ledger lives.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "The data directory (default: $TASKLEDGER_DATA, else ./data).")
    var data: String?

    var directory: String {
        data ?? ProcessInfo.processInfo.environment["TASKLEDGER_DATA"] ?? "./data"
    }

    /// Opens the ledger, creating an empty one when the directory is new.
    func openLedger() throws -> Ledger {
        try Ledger(directory: directory)
    }

    /// Opens an existing ledger; a missing directory is a user mistake, not a new ledger.
    func openExistingLedger() throws -> Ledger {
        guard FileManager.default.fileExists(atPath: directory + "/data.mdb") else {
            throw CLIError(
                "no ledger in \(directory): give --data DIR (or set TASKLEDGER_DATA), or create one with `taskledger demo` or `taskledger import`"
            )
        }
        return try Ledger(directory: directory)
    }
}

/// A user mistake or a refused operation: printed on stderr without a stack trace, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Standard error, for diagnostics that must not mix with a command's output.
enum StandardError {
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Standard output as bytes (reports and exports are written exactly, without `print`'s conversions).
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }
}
