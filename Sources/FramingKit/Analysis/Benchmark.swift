import Foundation

/// Throughput of the text layer measured against ICU's own segmentation of the same text, in one run,
/// so that the ratio holds whatever the machine.
public struct Benchmark {
  public struct Row: Sendable {
    public let name: String
    public let bytes: Int
    public let articles: Int
    /// Seconds for ICU alone: UTF-8 to UTF-16, NFC, sentence and word boundaries.
    public let icuSeconds: Double
    /// Seconds for decoding, the whole text layer and lexicon matching.
    public let pipelineSeconds: Double

    public var icuMBps: Double { Double(bytes) / 1_000_000 / icuSeconds }
    public var pipelineMBps: Double { Double(bytes) / 1_000_000 / pipelineSeconds }
    public var ratio: Double { icuSeconds / pipelineSeconds }
  }

  public let lexicons: LexiconSet

  public init(lexicons: LexiconSet) { self.lexicons = lexicons }

  /// Splits a corpus file into articles at blank lines, or at line ends when it has no blank lines
  /// (one article per line).
  public static func articles(in text: String) -> [String] {
    let byBlankLines = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    if byBlankLines.count > 1 { return byBlankLines }
    return text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  public func measure(name: String, articles: [String], language: Language? = nil) -> Row {
    let encoded = articles.map { Array($0.utf8) }
    let bytes = encoded.reduce(0) { $0 + $1.count }
    var sink = 0
    let icuStart = DispatchTime.now()
    for article in encoded {
      let units = ICU.nfc(ICU.toUTF16(article, charset: "UTF-8")?.units ?? [])
      sink &+= ICU.boundaries(.sentence, locale: language?.locale ?? "root", in: units).positions.count
      sink &+= ICU.boundaries(.word, locale: "root", in: units).positions.count
    }
    let icuSeconds = Self.seconds(since: icuStart)
    let segmenter = Segmenter(lexicons: lexicons)
    let decoder = TextDecoder()
    let pipelineStart = DispatchTime.now()
    for (index, article) in encoded.enumerated() {
      guard let document = try? decoder.decode(article, name: "\(name)#\(index)") else { continue }
      let segmented = segmenter.segment(document, language: language)
      let scan = LexiconScan(segmented, lexicons: lexicons)
      sink &+= scan.hits.count + scan.mentions.count + segmented.sentences.count
    }
    let pipelineSeconds = Self.seconds(since: pipelineStart)
    if sink == Int.min { print(sink) }
    return Row(name: name, bytes: bytes, articles: articles.count, icuSeconds: icuSeconds, pipelineSeconds: pipelineSeconds)
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
  }

  /// Peak resident memory of this process in megabytes.
  public static var peakMemoryMB: Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
  }
}
