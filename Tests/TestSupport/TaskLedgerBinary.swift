import Foundation

/// The built `taskledger` executable, run as a user or a script would run it.
///
/// Integration tests drive the real binary against real LMDB directories: nothing is mocked. `swift build
/// --build-tests` (what `tools/test` runs) builds it into `.build/debug/` before the tests start.
public enum TaskLedgerBinary {
    /// The package root, found from this file's path.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `.build/debug/taskledger` (or `$TASKLEDGER_BINARY`).
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["TASKLEDGER_BINARY"] { return override }
        return packageRoot + "/.build/debug/taskledger"
    }

    public static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// What a finished run printed and how it exited.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutBytes: [UInt8]
    }

    /// Runs `taskledger ARGS…` to completion.
    @discardableResult
    public static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TASKLEDGER_DATA")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin))
            try input.fileHandleForWriting.close()
        }
        // Read both pipes while the process runs, so a large output cannot fill a pipe and block it.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutBytes: [UInt8](outData)
        )
    }

    /// Starts `taskledger ARGS…` without waiting; the caller reads its output and stops it.
    public static func start(_ arguments: [String]) throws -> RunningProcess {
        try RunningProcess(arguments)
    }
}

/// A `taskledger` process running in the background, whose standard output is collected line by line.
public final class RunningProcess: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [String] = []
    private let reader: Thread

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: TaskLedgerBinary.path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let handle = out.fileHandleForReading
        nonisolated(unsafe) var owner: RunningProcess?
        reader = Thread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                owner?.append(chunk)
            }
        }
        owner = self
        try process.run()
        reader.start()
    }

    private func append(_ chunk: Data) {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(chunk)
        while let newline = buffer.firstIndex(of: 0x0A) {
            lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
            buffer.removeSubrange(buffer.startIndex...newline)
        }
    }

    /// The complete lines printed so far.
    public var outputLines: [String] { lock.withLock { lines } }

    /// SIGKILL: no chance to clean up, as in a power cut or an OOM kill.
    public func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
    }

    public func terminate() {
        process.terminate()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
    }

    public func waitUntilExit() {
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
    }
}
