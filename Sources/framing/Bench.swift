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

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
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
        rows.append(benchmark.measure(name: "seeds×\(articles.count / max(texts.count, 1))", articles: articles))
      } else {
        for file in files {
          guard let text = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
          let language = Language(rawValue: String(file.dropLast(4)))
          rows.append(benchmark.measure(name: file, articles: Benchmark.articles(in: text), language: language))
        }
      }
      print("| input | MB | articles | ICU segmentation MB/s | text layer + lexicons MB/s | ratio |")
      print("|---|---:|---:|---:|---:|---:|")
      for row in rows {
        print(String(format: "| %@ | %.2f | %d | %.1f | %.1f | %.2f |", row.name, Double(row.bytes) / 1e6, row.articles,
                     row.icuMBps, row.pipelineMBps, row.ratio))
      }
      let bytes = rows.reduce(0) { $0 + $1.bytes }
      let icu = rows.reduce(0) { $0 + $1.icuSeconds }, pipeline = rows.reduce(0) { $0 + $1.pipelineSeconds }
      print(String(format: "| overall | %.2f | %d | %.1f | %.1f | %.2f |", Double(bytes) / 1e6, rows.reduce(0) { $0 + $1.articles },
                   Double(bytes) / 1e6 / icu, Double(bytes) / 1e6 / pipeline, icu / pipeline))
      print(String(format: "peak memory: %.0f MB", Benchmark.peakMemoryMB))
    }
  }
}
