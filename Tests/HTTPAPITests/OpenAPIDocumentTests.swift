import Foundation
import Ledger
import Testing

@testable import HTTPAPI

/// `openapi.yaml` describes exactly the routes the router serves: same paths, same methods.
@Suite struct OpenAPIDocumentTests {
    static let documentPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../openapi.yaml").path

    /// The `METHOD path` pairs under `paths:`: a path is a key indented two spaces, a method a key indented four.
    static func documentedOperations(_ text: String) -> Set<String> {
        var operations: Set<String> = []
        var inPaths = false
        var path: String? = nil
        let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" "), !line.isEmpty, !line.hasPrefix("#") {
                inPaths = line.hasPrefix("paths:")
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if methods.contains(String(key)) { operations.insert("\(key.uppercased()) \(path)") }
            }
        }
        return operations
    }

    @Test func pathsAndMethodsMatchTheRouter() throws {
        let text = try String(contentsOfFile: Self.documentPath, encoding: .utf8)
        let documented = Self.documentedOperations(text)
        let served = try Set(
            APIRoutes.all(ledger: ledgerForRoutes(), metrics: APIMetrics(registry: HTTPServer.registry)).map { "\($0.method.rawValue) \($0.path)" }
        )
        #expect(documented.count > 20)
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
    }

    @Test func theReaderFindsPathsAndMethods() {
        let text = """
            openapi: 3.1.0
            paths:
              /v1/a/{id}:
                parameters: []
                get:
                  summary: x
                post:
                  summary: y
              /v1/b:
                get: {}
            components:
              schemas:
                get:
                  type: object
            """
        #expect(Self.documentedOperations(text) == ["GET /v1/a/{id}", "POST /v1/a/{id}", "GET /v1/b"])
    }

    func ledgerForRoutes() throws -> Ledger {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("taskledger-openapi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try Ledger(directory: directory)
    }
}
