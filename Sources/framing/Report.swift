import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Summarize a corpus of profiles (a folder of .json files or a profiles.jsonl) as Markdown.")

    @Argument(help: "A folder of profiles written by 'framing analyze --out', or a JSONL file of profiles.")
    var input: String

    @Option(help: "Write the report to this file instead of printing it.")
    var output: String?

    func run() throws {
      let profiles: [Profile]
      do { profiles = try ProfileReader.read(input) } catch {
        Console.error(error.description)
        throw ExitCode(1)
      }
      let page = CorpusRenderer().render(CorpusSummary(profiles))
      if let output { try AtomicFile.write(page, to: URL(fileURLWithPath: output)) } else { print(page, terminator: "") }
    }
  }
}
