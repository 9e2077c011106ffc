import Domain
import EventLog
import Foundation

/// What an import appended.
public struct ImportSummary: Hashable, Sendable {
    /// Events appended.
    public var appended: Int
    /// Bare events skipped because their `commandId` was already appended with the same content.
    public var repeated: Int
    public var head: LogHead
}

/// The first broken rule of an import: nothing of the import was stored.
public struct ImportFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var refusal: Refusal

    /// `line N: RULE-ID (FIELD): message`, as SPEC §6 prints it.
    public var description: String { "line \(line): \(refusal)" }
}

extension Ledger {
    /// Appends the events of an NDJSON file: full envelopes (chain and hashes checked) or bare events (chain
    /// computed), every rule of SPEC §3 applied. All or nothing: one write transaction, so a refusal, an error or a
    /// killed process leaves the ledger exactly as it was. Blank lines are skipped.
    ///
    /// Snapshots are stored inside the import's transaction every `SnapshotPolicy.everyEvents` events, so an
    /// as-of report within a large import starts near its cutoff, not at event 1.
    ///
    /// `lines` must give the same lines each time it is iterated: if the LMDB map fills, the transaction is
    /// aborted, the map grows and the import runs again from the first line (`NDJSONFile` reopens its file).
    public func importLines(_ lines: some Sequence<NDJSONLine>) throws -> ImportSummary {
        try withWriter(restoreOnFailure: true) { writer in
            var appended = 0
            var repeated = 0
            for line in lines {
                if line.isBlank { continue }
                let outcome: CommandOutcome
                if line.oversized {
                    outcome = .refused(Refusal(.oversizedBody, field: nil, "Dòng dài hơn giới hạn 1 MiB."))
                } else {
                    do {
                        switch try InputLine.parse(line.bytes) {
                        case .bare(let request): outcome = try handle(request, writer: writer)
                        case .envelope(let envelope): outcome = try handle(envelope: envelope, writer: writer)
                        }
                    } catch let refusal as Refusal {
                        outcome = .refused(refusal)
                    }
                }
                switch outcome {
                case .appended:
                    appended += 1
                    try storeSnapshotIfDue(writer: writer)
                case .repeated: repeated += 1
                case .refused(let refusal): throw ImportFailure(line: line.number, refusal: refusal)
                }
            }
            return ImportSummary(appended: appended, repeated: repeated, head: writer.head)
        }
    }
}

/// One line of an NDJSON input, without its line end.
public struct NDJSONLine: Sendable {
    /// 1-based.
    public var number: Int
    public var bytes: [UInt8]
    /// The line was longer than `InputLine.maxBytes`; `bytes` holds only its start.
    public var oversized: Bool

    public init(number: Int, bytes: [UInt8], oversized: Bool = false) {
        self.number = number
        self.bytes = bytes
        self.oversized = oversized
    }

    var isBlank: Bool { !oversized && bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
}

/// The lines of an NDJSON file, read in chunks so that a file of millions of events is never held whole;
/// `\n` and `\r\n` line ends. A line over `InputLine.maxBytes` is cut there and marked oversized. Each iteration
/// reopens the file and starts from its first line.
public struct NDJSONFile: Sequence, Sendable {
    public let path: String

    /// Checks that the file can be read; iterating opens it anew each time.
    public init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        self.path = path
    }

    public func makeIterator() -> Lines {
        Lines(handle: FileHandle(forReadingAtPath: path))
    }

    /// One pass over the file.
    public struct Lines: IteratorProtocol {
        let handle: FileHandle?
        var buffer: [UInt8] = []
        var position = 0
        var lineNumber = 0
        var finished = false

        init(handle: FileHandle?) {
            self.handle = handle
            finished = handle == nil
        }

        public mutating func next() -> NDJSONLine? {
            var line: [UInt8] = []
            var oversized = false
            while true {
                if position >= buffer.count {
                    if finished { break }
                    let chunk = handle?.readData(ofLength: 1 << 20) ?? Data()
                    if chunk.isEmpty {
                        finished = true
                        break
                    }
                    buffer = [UInt8](chunk)
                    position = 0
                }
                if let newline = buffer[position...].firstIndex(of: 0x0A) {
                    append(buffer[position..<newline], to: &line, oversized: &oversized)
                    position = newline + 1
                    lineNumber += 1
                    return NDJSONLine(number: lineNumber, bytes: Self.trimCR(line), oversized: oversized)
                }
                append(buffer[position...], to: &line, oversized: &oversized)
                position = buffer.count
            }
            if line.isEmpty && !oversized { return nil }
            lineNumber += 1
            return NDJSONLine(number: lineNumber, bytes: Self.trimCR(line), oversized: oversized)
        }

        private func append(_ bytes: ArraySlice<UInt8>, to line: inout [UInt8], oversized: inout Bool) {
            let room = InputLine.maxBytes + 1 - line.count
            if bytes.count > room {
                line += bytes.prefix(Swift.max(room, 0))
                oversized = true
            } else {
                line += bytes
            }
        }

        private static func trimCR(_ line: [UInt8]) -> [UInt8] {
            line.last == 0x0D ? Array(line.dropLast()) : line
        }
    }
}
