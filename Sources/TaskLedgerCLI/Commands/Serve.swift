import ArgumentParser
import HTTPAPI
import Ledger
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the HTTP API (JSON under /v1, bearer tokens) until SIGTERM or SIGINT, then shut down gracefully."
    )

    @OptionGroup var options: DataOptions
    @Option(help: "The address to listen on (loopback by default).") var host: String = HTTPServer.defaultHost
    @Option(help: "The port to listen on.") var port: Int = HTTPServer.defaultPort

    func run() async throws {
        // Metrics first: the ledger registers its group-commit metrics when it opens.
        HTTPServer.bootstrapMetrics()
        let ledger = try options.openLedger()
        // Load the live state now rather than on the first request.
        try ledger.refresh()
        var logger = Logger(label: "taskledger")
        logger.logLevel = .info
        try await HTTPServer.run(ledger: ledger, host: host, port: port, logger: logger)
    }
}
