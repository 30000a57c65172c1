import Foundation

/// Set by SIGINT; the runner finishes the articles in flight, writes what it has and stops.
nonisolated(unsafe) var batchInterrupted: sig_atomic_t = 0

/// Scores a corpus in batch: a streaming reader, bounded parallel workers, outputs in input order
/// (byte-identical whatever the number of workers), every bad record in errors.jsonl, resumable.
public final class BatchRunner {
  public struct Options: Sendable {
    public var out: URL
    public var jobs: Int
    public var resume = false
    /// Also write articles/<id>.json and/or .md.
    public var articleFormats: [String] = []
    public var language: Language?
    public var quiet = false
    /// Stop after this many articles (as if interrupted); for testing resumption.
    public var stopAfter: Int?
    /// Metadata for article files, by file name or id.
    public var metadata: MetadataFile?

    public init(out: URL, jobs: Int) {
      self.out = out
      self.jobs = max(1, jobs)
    }
  }

  public struct Counts: Codable, Sendable {
    public var analyzed = 0
    public var failed = 0
    public var skipped = 0
  }

  public let lexicons: LexiconSet
  public let loader: ArticleLoader
  public let options: Options
  private var pipelines: [Pipeline]
  private var usedNames: Set<String> = []
  private var articleColumns: [String]?
  private let profileJSON = ProfileJSONWriter()

  public init(lexicons: LexiconSet, loader: ArticleLoader, options: Options) {
    self.lexicons = lexicons
    self.loader = loader
    self.options = options
    pipelines = (0..<options.jobs).map { _ in Pipeline(lexicons: lexicons) }
  }

  private final class Slot: @unchecked Sendable {
    var outcome: Result<Profile, CorpusError>?
  }

  /// Runs over the reader; returns the counts and whether the run was interrupted.
  public func run(_ reader: CorpusReader, inputs: [String], progress: ((Counts, CorpusReader) -> Void)? = nil) throws -> (Counts, Bool) {
    let started = Date()
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: options.out, withIntermediateDirectories: true)
    var done: Set<String> = []
    var summary = CorpusSummary.Builder()
    if options.resume {
      done = try Self.restore(options.out, summary: &summary)
      usedNames = Set(done.map { AtomicFile.safeName(for: $0) })
    } else {
      for name in ["profiles.jsonl", "errors.jsonl", "articles.csv", "findings.csv", "sentences.csv", "summary.md", "manifest.json"] {
        try? fileManager.removeItem(at: options.out.appendingPathComponent(name))
      }
    }
    let outputs = try Outputs(folder: options.out)
    var counts = Counts()
    let chunkSize = options.jobs * 16
    var interrupted = false
    var chunk: [Result<CorpusRecord, CorpusError>] = []
    func flush() throws {
      let slots = chunk.map { _ in Slot() }
      let records = chunk
      let jobs = options.jobs
      DispatchQueue.concurrentPerform(iterations: jobs) { worker in
        var index = worker
        while index < records.count {
          switch records[index] {
          case .failure(let error): slots[index].outcome = .failure(error)
          case .success(var record):
            do {
              if record.line == nil, let known = options.metadata?.metadata(for: record.location) {
                record.metadata = known
              }
              let document = try loader.document(record)
              slots[index].outcome = .success(pipelines[worker].profile(document, language: options.language))
            } catch {
              slots[index].outcome = .failure(error as! CorpusError)
            }
          }
          index += jobs
        }
      }
      for slot in slots {
        switch slot.outcome! {
        case .failure(let error):
          counts.failed += 1
          try outputs.error(error)
        case .success(let profile):
          counts.analyzed += 1
          summary.add(profile)
          try write(profile, outputs: outputs)
        }
      }
      chunk.removeAll(keepingCapacity: true)
      progress?(counts, reader)
    }
    var taken = 0
    while let next = reader.next() {
      if case .success(let record) = next, done.contains(record.id) {
        counts.skipped += 1
        continue
      }
      if batchInterrupted != 0 || (options.stopAfter.map { taken >= $0 } ?? false) {
        interrupted = true
        break
      }
      chunk.append(next)
      taken += 1
      if chunk.count >= chunkSize || options.stopAfter.map({ taken >= $0 }) == true { try flush() }
    }
    if !chunk.isEmpty { try flush() }
    outputs.close()
    try AtomicFile.write(CorpusRenderer().render(summary.summary), to: options.out.appendingPathComponent("summary.md"))
    let manifest = Manifest(
      toolVersion: FramingVersion.tool, schema: Profile.schemaVersion, lexiconHash: lexicons.hash, lexiconDirectories: lexicons.directories,
      inputs: inputs, jobs: options.jobs, resumed: options.resume, interrupted: interrupted, counts: counts,
      previouslyDone: done.count, started: ISO8601DateFormatter().string(from: started),
      finished: ISO8601DateFormatter().string(from: Date()), seconds: JSONOutput.round(Date().timeIntervalSince(started)),
      peakMemoryMb: JSONOutput.round(Benchmark.peakMemoryMB),
      outputs: ["profiles.jsonl", "articles.csv", "findings.csv", "sentences.csv", "errors.jsonl", "summary.md", "manifest.json"]
        + (options.articleFormats.isEmpty ? [] : ["articles/"]))
    try AtomicFile.write(JSONOutput.encode(manifest, pretty: true) + "\n", to: options.out.appendingPathComponent("manifest.json"))
    return (counts, interrupted)
  }

  struct Manifest: Encodable {
    let toolVersion: String
    let schema: String
    let lexiconHash: String
    let lexiconDirectories: [String]
    let inputs: [String]
    let jobs: Int
    let resumed: Bool
    let interrupted: Bool
    let counts: Counts
    let previouslyDone: Int
    let started: String
    let finished: String
    let seconds: Double
    let peakMemoryMb: Double
    let outputs: [String]
  }

  // MARK: - Writing

  private static let fixedScorePrefixes = ["sourcing.", "voice.", "hedging.", "loaded.per_100", "loaded.authorial", "loaded.category.", "loaded.polarity."]

  private func write(_ profile: Profile, outputs: Outputs) throws {
    let id = profile.article.id
    var name = AtomicFile.safeName(for: id)
    if usedNames.contains(name) {
      var number = 2
      while usedNames.contains("\(name)-\(number)") { number += 1 }
      name = "\(name)-\(number)"
    }
    usedNames.insert(name)
    if options.articleFormats.contains("json") {
      try AtomicFile.write(JSONOutput.encode(profile, pretty: true) + "\n", to: options.out.appendingPathComponent("articles/\(name).json"))
    }
    if options.articleFormats.contains("markdown") {
      try AtomicFile.write(MarkdownRenderer().render(profile), to: options.out.appendingPathComponent("articles/\(name).md"))
    }
    for finding in profile.findings {
      outputs.findings.add(CSVWriter.row([id, finding.analyzer, finding.label, finding.voice.rawValue, finding.entity ?? "", finding.speaker ?? "",
                                          "\(finding.span.start)", "\(finding.span.end)", finding.surface, finding.entry ?? ""]))
    }
    for sentence in profile.sentences {
      outputs.sentences.add(CSVWriter.row([id, "\(sentence.index)", "\(sentence.start)", "\(sentence.end)", "\(sentence.paragraph)",
                                           sentence.voice.rawValue, sentence.speakers.joined(separator: ";"), sentence.text]))
    }
    let scores = profile.scores.filter { score in Self.fixedScorePrefixes.contains { score.id.hasPrefix($0) } }
    let columns = ["id", "title", "outlet", "published", "url", "language", "language_confidence", "words", "sentences"]
      + profile.indices.map { "index." + $0.id } + scores.map(\.id) + ["flags", "extra"]
    if outputs.articles.isNew && articleColumns == nil { outputs.articles.add(CSVWriter.row(columns)) }
    articleColumns = columns
    let article = profile.article
    let extra = article.extra.isEmpty ? "" : JSONOutput.encode(article.extra)
    outputs.articles.add(CSVWriter.row(
      [id, article.title ?? "", article.outlet ?? "", article.published ?? "", article.url ?? "", article.language,
       Markdown.number(article.languageConfidence), "\(article.counts.analyzedWords)", "\(profile.sentences.count)"]
        + profile.indices.map { Markdown.number($0.value) } + scores.map { Markdown.number($0.value) }
        + [profile.flags.map(\.id).joined(separator: ";"), extra]))
    // The profile line is written last: its presence marks the article as done for --resume.
    for output in [outputs.findings, outputs.sentences, outputs.articles] { try output.flush() }
    profileJSON.withBytes(of: profile) { outputs.profiles.add(line: $0) }
    try outputs.profiles.flush()
  }

  /// Appends to one output file; only whole records reach the file.
  final class Appender {
    let handle: FileHandle
    let isNew: Bool
    private var pending: [UInt8] = []

    init(_ url: URL) throws {
      isNew = !FileManager.default.fileExists(atPath: url.path)
      // A file that cannot be created is reported by opening it, just below, with the system's reason.
      if isNew { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
      handle = try FileHandle(forWritingTo: url)
      try handle.seekToEnd()
    }

    func add(_ text: String) { pending.append(contentsOf: text.utf8) }

    /// Adds the bytes and a line break.
    func add(line bytes: UnsafeBufferPointer<UInt8>) {
      pending.append(contentsOf: bytes)
      pending.append(0x0A)
    }

    func flush() throws {
      guard !pending.isEmpty else { return }
      try handle.write(contentsOf: pending)
      pending.removeAll(keepingCapacity: pending.capacity <= 1 << 20)
    }
  }

  final class Outputs {
    let profiles: Appender
    let articles: Appender
    let findings: Appender
    let sentences: Appender
    let errors: Appender

    init(folder: URL) throws {
      profiles = try Appender(folder.appendingPathComponent("profiles.jsonl"))
      articles = try Appender(folder.appendingPathComponent("articles.csv"))
      findings = try Appender(folder.appendingPathComponent("findings.csv"))
      sentences = try Appender(folder.appendingPathComponent("sentences.csv"))
      errors = try Appender(folder.appendingPathComponent("errors.jsonl"))
      if findings.isNew {
        findings.add(CSVWriter.row(["article", "analyzer", "label", "voice", "entity", "speaker", "start", "end", "text", "entry"]))
      }
      if sentences.isNew { sentences.add(CSVWriter.row(["article", "index", "start", "end", "paragraph", "voice", "speakers", "text"])) }
    }

    struct ErrorRecord: Encodable {
      let file: String
      let line: Int?
      let code: String
      let message: String
    }

    func error(_ error: CorpusError) throws {
      errors.add(JSONOutput.encode(ErrorRecord(file: error.file, line: error.line, code: error.code, message: error.description)) + "\n")
      try errors.flush()
    }

    func close() {
      for appender in [profiles, articles, findings, sentences, errors] {
        try? appender.flush()
        try? appender.handle.close()
      }
    }
  }

  // MARK: - Resuming

  /// Reads the profiles already written, drops a torn last line, and removes CSV rows of articles
  /// whose profile line was never written. Returns the ids done.
  static func restore(_ folder: URL, summary: inout CorpusSummary.Builder) throws -> Set<String> {
    let profilesURL = folder.appendingPathComponent("profiles.jsonl")
    guard let stream = ByteStream(path: profilesURL.path) else { return [] }
    var done: Set<String> = []
    var kept = Data()
    let decoder = ProfileReader.decoder()
    while let line = stream.nextLine() {
      guard let profile = try? decoder.decode(Profile.self, from: Data(line)) else { continue }
      done.insert(profile.article.id)
      summary.add(profile)
      kept.append(contentsOf: line)
      kept.append(0x0A)
    }
    try kept.write(to: profilesURL, options: .atomic)
    for name in ["articles.csv", "findings.csv", "sentences.csv"] {
      let url = folder.appendingPathComponent(name)
      guard let input = ByteStream(path: url.path) else { continue }
      let rows = CSVStream(input)
      var text = ""
      var first = true
      while let row = rows.next() {
        guard case .fields(let fields) = row else { continue }
        if first || done.contains(fields.first ?? "") { text += CSVWriter.row(fields) }
        first = false
      }
      try AtomicFile.write(text, to: url)
    }
    return done
  }
}

extension BatchRunner {
  /// Makes Ctrl-C finish the articles in flight and leave a resumable folder instead of killing the run.
  public static func installInterruptHandler() {
    signal(SIGINT) { _ in batchInterrupted = 1 }
  }
}
