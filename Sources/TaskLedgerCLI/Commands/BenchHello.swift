import ArgumentParser
import Hummingbird

/// The yardstick of the HTTP benchmarks (`tools/bench/run`): the same Hummingbird, NIO and compiler settings as
/// `serve`, answering `GET /hello` with a fixed body and nothing else. Driven by the same load generator in the same
/// run, it tells how much of a figure is the HTTP stack and the shared cores rather than the ledger.
///
/// Hummingbird comes through HTTPAPI's dependency; this command lives in the one executable so that both servers
/// are built by one build with identical settings.
struct BenchHello: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-hello",
        abstract: "Benchmarking: a minimal Hummingbird server answering GET /hello, the baseline of the HTTP figures.",
        shouldDisplay: false
    )

    @Option(help: "The loopback port to listen on.") var port: Int = 8090

    func run() async throws {
        let router = Router()
        router.get("hello") { _, _ in "hello\n" }
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
