import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure throughput against ICU's own segmentation of the same text.")

    @Argument(help: "A folder of .txt files (articles separated by blank lines); default: the seeds repeated to about 4 MB.")
    var directory: String?

    @Option(help: "Megabytes to reach by repeating the seeds when no folder is given.")
    var megabytes: Int = 4

    @Option(help: "Runs of each measurement; the fastest counts.")
    var repetitions: Int = 3

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
      guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1") }
      let lexicons = try lexiconOptions.load()
      let benchmark = Benchmark(lexicons: lexicons)
      var rows: [Benchmark.Row] = []
      let folder = directory ?? "seeds"
      let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
      guard !files.isEmpty else { throw ValidationError("'\(folder)' holds no .txt files to measure") }
      if directory == nil {
        var articles: [String] = []
        var texts: [String] = []
        for file in files { if let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) { texts.append(text) } }
        var size = 0
        while size < megabytes * 1_000_000 {
          for text in texts { articles.append(text); size += text.utf8.count }
        }
        rows.append(benchmark.measure(name: "seeds×\(articles.count / max(texts.count, 1))", articles: articles, repetitions: repetitions))
      } else {
        for file in files {
          guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
          let language = Language(rawValue: String(file.dropLast(4)))
          rows.append(benchmark.measure(name: file, articles: Benchmark.articles(in: text), language: language, repetitions: repetitions))
        }
      }
      print("| input | MB | articles | (a) ICU MB/s | (b) text layer MB/s | (c) full analysis MB/s | (c) articles/s | JSON share of (c) | (c)/(a) |")
      print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
      for row in rows {
        print(String(format: "| %@ | %.2f | %d | %.1f | %.1f | %.1f | %.0f | %.0f%% | %.3f |", row.name, Double(row.bytes) / 1e6, row.articles,
                     row.icuMBps, row.textLayerMBps, row.pipelineMBps, row.articlesPerSecond, row.jsonShare * 100, row.ratio))
      }
      let bytes = Double(rows.reduce(0) { $0 + $1.bytes }) / 1e6
      let icu = rows.reduce(0) { $0 + $1.icuSeconds }, text = rows.reduce(0) { $0 + $1.textLayerSeconds }
      let pipeline = rows.reduce(0) { $0 + $1.pipelineSeconds }
      let json = rows.reduce(0) { $0 + $1.jsonSeconds }
      let articles = rows.reduce(0) { $0 + $1.articles }
      print(String(format: "| overall | %.2f | %d | %.1f | %.1f | %.1f | %.0f | %.0f%% | %.3f |", bytes, articles, bytes / icu, bytes / text,
                   bytes / pipeline, Double(articles) / pipeline, json / pipeline * 100, icu / pipeline))
      print(String(format: "peak memory: %.0f MB", Benchmark.peakMemoryMB))
    }
  }
}
