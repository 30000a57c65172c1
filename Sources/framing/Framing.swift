import ArgumentParser
import FramingKit

@main
struct Framing: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure how news articles are framed: sources, voice, hedges and loaded terms.",
    version: FramingVersion.tool,
    subcommands: [Analyze.self, Batch.self, Report.self, Compare.self, Evaluate.self, Export.self, LexiconCommand.self, Schema.self, Bench.self],
    defaultSubcommand: Analyze.self
  )
}
