import Foundation

/// Runs the project's outside-auditor scripts (`tools/verify-export.py`, `tools/audit.py`) with `python3`, as an
/// auditor would: they share no code with the Swift implementation, so the tests prove the formats, not the code.
public enum Python {
    /// `python3 ARGS…`, with standard output and error together.
    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
