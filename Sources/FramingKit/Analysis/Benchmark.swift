import Foundation

/// Throughput measured against ICU's own segmentation of the same text, in one run, so that the
/// ratio holds whatever the machine: (a) ICU alone, (b) the text layer, (c) the full analysis with
/// profiles encoded as JSON.
public struct Benchmark {
  public struct Row: Sendable {
    public let name: String
    public let bytes: Int
    public let articles: Int
    /// Seconds for ICU alone: UTF-8 to UTF-16, NFC, sentence and word boundaries.
    public let icuSeconds: Double
    /// Seconds for decoding and the text layer (segmentation, keys, language, quotations).
    public let textLayerSeconds: Double
    /// Seconds for the full analysis: text layer, lexicon matching, who speaks, analyzers, profile, JSON.
    public let pipelineSeconds: Double
    /// The part of `pipelineSeconds` spent writing profiles as JSON.
    public let jsonSeconds: Double

    public var icuMBps: Double { Double(bytes) / 1_000_000 / icuSeconds }
    public var textLayerMBps: Double { Double(bytes) / 1_000_000 / textLayerSeconds }
    public var pipelineMBps: Double { Double(bytes) / 1_000_000 / pipelineSeconds }
    public var articlesPerSecond: Double { Double(articles) / pipelineSeconds }
    public var ratio: Double { icuSeconds / pipelineSeconds }
    public var jsonShare: Double { jsonSeconds / pipelineSeconds }
  }

  public let lexicons: LexiconSet

  public init(lexicons: LexiconSet) {
    self.lexicons = lexicons
    // One-time work a run does once whatever its size: compiling languages, opening ICU's
    // transliterators for scripts the unit tables do not cover.
    lexicons.compileAll()
    SharedTransliterator.prepare()
  }

  /// Splits a corpus file into articles at blank lines, or at line ends when it has no blank lines
  /// (one article per line).
  public static func articles(in text: String) -> [String] {
    let byBlankLines = pieces(of: text, separator: "\n\n", trimming: .whitespacesAndNewlines)
    if byBlankLines.count > 1 { return byBlankLines }
    return pieces(of: text, separator: "\n", trimming: .whitespaces)
  }

  /// The non-empty pieces between separators, trimmed; split on UTF-8 bytes (Foundation's splitting
  /// and trimming of megabytes took longer than the runs they prepare).
  private static func pieces(of text: String, separator: String, trimming set: CharacterSet) -> [String] {
    var result: [String] = []
    func keep(_ piece: Substring) {
      var scalars = piece.unicodeScalars[...]
      while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
      while let last = scalars.last, set.contains(last) { scalars.removeLast() }
      if !scalars.isEmpty { result.append(String(scalars)) }
    }
    let utf8 = text.utf8
    let mark = Array(separator.utf8)
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
      if utf8[index] == mark[0] && utf8[index...].starts(with: mark) {
        keep(text[start..<index])
        index = utf8.index(index, offsetBy: mark.count)
        start = index
      } else {
        utf8.formIndex(after: &index)
      }
    }
    keep(text[start...])
    return result
  }

  /// Measures (a), (b) and (c) `repetitions` times each, in turn, and keeps each one's fastest run:
  /// the least disturbed by other work on the machine. Every run of (b) and (c) starts with a fresh
  /// pipeline, so no run profits from the word forms an earlier one cached.
  public func measure(name: String, articles: [String], language: Language? = nil, repetitions: Int = 3) -> Row {
    let encoded = articles.map { Array($0.utf8) }
    // Articles' names are input, made before timing as their bytes are ("pl.txt#12").
    let names = encoded.indices.map { "\(name)#\($0)" }
    let bytes = encoded.reduce(0) { $0 + $1.count }
    var best = (icu: Double.infinity, text: Double.infinity, pipeline: Double.infinity, json: 0.0)
    for _ in 0..<max(repetitions, 1) {
      let icu = measureICU(encoded, language: language)
      let text = measureTextLayer(encoded, names: names, language: language)
      let (pipeline, json) = measurePipeline(encoded, names: names, language: language)
      best.icu = min(best.icu, icu)
      best.text = min(best.text, text)
      if pipeline < best.pipeline { (best.pipeline, best.json) = (pipeline, json) }
    }
    return Row(name: name, bytes: bytes, articles: articles.count, icuSeconds: best.icu, textLayerSeconds: best.text,
               pipelineSeconds: best.pipeline, jsonSeconds: best.json)
  }

  /// Keeps the measured work from being optimized away.
  private static func consume(_ sink: Int) { if sink == Int.min { print(sink) } }

  /// ICU at its best: its break iterators are opened once and reused for every article, as the
  /// text layer reuses its own, so opening them is not counted against ICU.
  private func measureICU(_ encoded: [[UInt8]], language: Language?) -> Double {
    var sink = 0
    guard let sentences = BreakIterator(.sentence, locale: language?.locale ?? "root"),
          let words = BreakIterator(.word, locale: "root") else { preconditionFailure("ICU has no break iterator data") }
    let start = DispatchTime.now()
    for article in encoded {
      let units = ICU.nfc(ICU.toUTF16(article, charset: "UTF-8")?.units ?? [])
      sink &+= sentences.positions(in: units, scanning: false).count
      sink &+= words.boundaries(in: units).positions.count
    }
    let seconds = Self.seconds(since: start)
    Self.consume(sink)
    return seconds
  }

  private func measureTextLayer(_ encoded: [[UInt8]], names: [String], language: Language?) -> Double {
    var sink = 0
    let decoder = TextDecoder()
    let pipeline = Pipeline(lexicons: lexicons)
    let start = DispatchTime.now()
    for (index, article) in encoded.enumerated() {
      guard let document = try? decoder.decode(article, name: names[index]) else { continue }
      sink &+= pipeline.segmenter.segment(document, language: language).sentences.count
    }
    // Tearing the pipeline down (its word-form caches) happens once per run, like loading: not timed.
    let seconds = withExtendedLifetime(pipeline) { Self.seconds(since: start) }
    Self.consume(sink)
    return seconds
  }

  private func measurePipeline(_ encoded: [[UInt8]], names: [String], language: Language?) -> (seconds: Double, json: Double) {
    var sink = 0
    let decoder = TextDecoder()
    let pipeline = Pipeline(lexicons: lexicons)
    let json = ProfileJSONWriter()
    var jsonNanoseconds: UInt64 = 0
    let start = DispatchTime.now()
    for (index, article) in encoded.enumerated() {
      guard let document = try? decoder.decode(article, name: names[index]) else { continue }
      let profile = pipeline.profile(document, language: language)
      let jsonStart = DispatchTime.now().uptimeNanoseconds
      sink &+= json.withBytes(of: profile) { $0.count }
      jsonNanoseconds += DispatchTime.now().uptimeNanoseconds - jsonStart
    }
    let seconds = withExtendedLifetime(pipeline) { Self.seconds(since: start) }
    Self.consume(sink)
    return (seconds, Double(jsonNanoseconds) / 1e9)
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  /// Peak resident memory of this process in megabytes. On Linux it reads VmHWM from /proc, because
  /// getrusage's maximum survives exec and would report the parent's peak for a spawned process.
  public static var peakMemoryMB: Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") {
      return kilobytes / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }
}
