import ArgumentParser

/// `taskledger`: the one executable. Each subcommand is a small verb with one job, after LMDB's own tools.
@main
struct TaskLedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taskledger",
        abstract: "Sổ cái nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao — an event-sourced, hash-chained ledger of assigned tasks.",
        subcommands: [
            Serve.self, Demo.self, Import.self, Export.self, Verify.self, Stats.self, Backup.self, Token.self, Report.self,
            Tasks.self, History.self, AppendLoop.self, SnapshotCommand.self, Rebuild.self,
            KeyCommand.self, CheckpointCommand.self, Prove.self,
            BenchHello.self,
        ]
    )
}
