import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score a corpus (folders, .jsonl, .csv, .html, .txt; '-' for JSONL on stdin) into tidy tables and profiles.")

    @Argument(help: "Corpus inputs: folders (read recursively), files, or '-' for JSONL on standard input.")
    var inputs: [String]

    @Option(help: "The output folder.")
    var out: String

    @Option(help: "Parallel workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Skip articles already in the output folder's profiles.jsonl and append the rest.")
    var resume = false

    @Option(help: "Also write one file per article into DIR/articles: json, markdown or json,markdown.")
    var articles: String?

    @Flag(help: "No progress bar.")
    var quiet = false

    @OptionGroup var csvColumns: CSVColumnOptions
    @OptionGroup var metadataOptions: MetadataOptions

    @Option(help: .hidden)
    var stopAfter: Int?

    @OptionGroup var input: InputOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
      if inputs.isEmpty { throw ValidationError("no input; pass folders or files of articles, or '-' for JSONL on standard input") }
      if jobs < 1 { throw ValidationError("'--jobs \(jobs)' must be at least 1") }
      if resume && !FileManager.default.fileExists(atPath: out + "/manifest.json") && !FileManager.default.fileExists(atPath: out + "/profiles.jsonl") {
        throw ValidationError("'--resume' needs '--out DIR' with a previous run's profiles.jsonl")
      }
      for format in (articles ?? "").split(separator: ",") where format != "json" && format != "markdown" {
        throw ValidationError("'--articles \(format)' is not a format; use json, markdown or json,markdown")
      }
    }

    func run() throws {
      let lexicons = try lexiconOptions.load()
      let reader = CorpusReader(inputs: inputs, columns: csvColumns.columns, excluding: Set(metadataOptions.metadata.map { [$0] } ?? []))
      var options = BatchRunner.Options(out: URL(fileURLWithPath: out), jobs: jobs)
      options.resume = resume
      options.articleFormats = (articles ?? "").split(separator: ",").map(String.init)
      options.language = input.language
      options.stopAfter = stopAfter
      options.metadata = try metadataOptions.load()
      BatchRunner.installInterruptHandler()
      let showProgress = !quiet && isatty(2) != 0
      let start = Date()
      let runner = BatchRunner(lexicons: lexicons, loader: ArticleLoader(decoder: input.decoder), options: options)
      let (counts, interrupted) = try runner.run(reader, inputs: inputs) { counts, reader in
        guard showProgress else { return }
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let done = counts.analyzed + counts.failed
        let rate = Double(done) / seconds
        var line = "\r\(done) articles · \(String(format: "%.1f", rate))/s"
        if reader.bytesTotal > 0 && reader.bytesDone > 0 {
          let fraction = min(1, Double(reader.bytesDone) / Double(reader.bytesTotal))
          line += String(format: " · %.0f%%", fraction * 100)
          if fraction > 0.01 { line += String(format: " · ETA %.0fs", seconds / fraction - seconds) }
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
      }
      if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
      let summary = "\(counts.analyzed) analyzed, \(counts.failed) failed (see errors.jsonl), \(counts.skipped) already done\(interrupted ? "; interrupted — run again with --resume" : "")"
      if !quiet { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
      if counts.failed > 0 || interrupted { throw ExitCode(1) }
    }
  }
}
