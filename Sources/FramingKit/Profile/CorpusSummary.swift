/// Aggregates over many profiles: per outlet and per language means, top sources, voice shares, the
/// distribution of each index, and the articles that stand out. Built only from profiles.
public struct CorpusSummary: Sendable {
  public static let indexIDs = ["official-relay", "source-diversity", "editorial-distance", "loadedness", "certainty-balance"]

  public struct Group: Sendable {
    public let key: String
    public let articles: Int
    /// Mean of each index, in `indexIDs` order.
    public let means: [Double]
    public let authorialWordShare: Double
  }

  public struct SourceRow: Sendable {
    public let entity: String
    public let name: String
    public let kind: String
    public let stateAffiliated: Bool
    public let articles: Int
    public let meanWordShare: Double
  }

  public struct Distribution: Sendable {
    public let index: String
    public let minimum: Double
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    public let maximum: Double
  }

  public struct StandOut: Sendable {
    public let article: String
    public let title: String
    public let reason: String
  }

  public let articles: Int
  public let byOutlet: [Group]
  public let byLanguage: [Group]
  public let sources: [SourceRow]
  /// Mean share of sentences per voice (direct, indirect, attributed, assertion).
  public let voiceShares: [(voice: String, share: Double)]
  public let distributions: [Distribution]
  public let standOuts: [StandOut]

  public init(_ profiles: [Profile]) {
    var builder = Builder()
    for profile in profiles { builder.add(profile) }
    self = builder.summary
  }

  init(articles: Int, byOutlet: [Group], byLanguage: [Group], sources: [SourceRow], voiceShares: [(voice: String, share: Double)],
       distributions: [Distribution], standOuts: [StandOut]) {
    self.articles = articles
    self.byOutlet = byOutlet
    self.byLanguage = byLanguage
    self.sources = sources
    self.voiceShares = voiceShares
    self.distributions = distributions
    self.standOuts = standOuts
  }

  /// Accumulates profiles one at a time, keeping sums and a few numbers per article (the index values,
  /// for exact quantiles), never the profiles themselves.
  public struct Builder: Sendable {
    private struct Sums: Sendable {
      var articles = 0
      var indices = [Double](copies: 0, count: CorpusSummary.indexIDs.count)
      var authorial = 0.0
    }

    private struct Extreme: Sendable {
      var value: Double
      var article: String
      var title: String
      var flag: String
    }

    private var articles = 0
    private var outlets: [String: Sums] = [:]
    private var languages: [String: Sums] = [:]
    private var sources: [String: (row: SourceRow, shares: Double)] = [:]
    private var voiceSums = [Double](copies: 0, count: SentenceVoice.allCases.count)
    private var values: [[Double]] = CorpusSummary.indexIDs.map { _ in [] }
    private var highest: [String: Extreme] = [:]
    private var lowest: [String: Extreme] = [:]

    public init() {}

    public mutating func add(_ profile: Profile) {
      articles += 1
      let indexValues = CorpusSummary.indexIDs.map { profile.index($0)?.value ?? 0 }
      let authorial = profile.score("voice.authorial_word_share")?.value ?? 0
      for (key, isOutlet) in [(profile.article.outlet ?? "(unknown outlet)", true), (profile.article.language, false)] {
        var sums = (isOutlet ? outlets[key] : languages[key]) ?? Sums()
        sums.articles += 1
        for index in indexValues.indices { sums.indices[index] += indexValues[index] }
        sums.authorial += authorial
        if isOutlet { outlets[key] = sums } else { languages[key] = sums }
      }
      for source in profile.sources where source.roles.contains("attributed") || source.roles.contains("speaker") || source.roles.contains("byline") {
        let previous = sources[source.entity]
        let row = SourceRow(entity: source.entity, name: source.name, kind: source.kind, stateAffiliated: source.stateAffiliated,
                            articles: (previous?.row.articles ?? 0) + 1, meanWordShare: 0)
        sources[source.entity] = (row, (previous?.shares ?? 0) + source.wordShare)
      }
      for (index, voice) in SentenceVoice.allCases.enumerated() { voiceSums[index] += profile.score("voice.share.\(voice.rawValue)")?.value ?? 0 }
      for (index, id) in CorpusSummary.indexIDs.enumerated() {
        values[index].append(indexValues[index])
        let extreme = Extreme(value: indexValues[index], article: profile.article.id, title: profile.article.title ?? profile.article.id,
                              flag: profile.flags.first.map { " " + $0.text } ?? "")
        if highest[id] == nil || indexValues[index] > highest[id]!.value { highest[id] = extreme }
        if lowest[id] == nil || indexValues[index] < lowest[id]!.value { lowest[id] = extreme }
      }
    }

    public var summary: CorpusSummary {
      func groups(_ table: [String: Sums]) -> [Group] {
        table.map { key, sums in
          Group(key: key, articles: sums.articles, means: sums.indices.map { $0 / Double(max(sums.articles, 1)) },
                authorialWordShare: sums.authorial / Double(max(sums.articles, 1)))
        }.sorted { $0.key < $1.key }
      }
      let sourceRows = sources.values.map { entry in
        SourceRow(entity: entry.row.entity, name: entry.row.name, kind: entry.row.kind, stateAffiliated: entry.row.stateAffiliated,
                  articles: entry.row.articles, meanWordShare: entry.shares / Double(max(entry.row.articles, 1)))
      }.sorted { ($0.articles, $0.meanWordShare, $1.entity) > ($1.articles, $1.meanWordShare, $0.entity) }
      let distributions = CorpusSummary.indexIDs.enumerated().map { index, id in
        let sorted = values[index].sorted()
        return Distribution(index: id, minimum: sorted.first ?? 0, lowerQuartile: CorpusSummary.quantile(sorted, 0.25),
                            median: CorpusSummary.quantile(sorted, 0.5), upperQuartile: CorpusSummary.quantile(sorted, 0.75),
                            maximum: sorted.last ?? 0)
      }
      var standOuts: [StandOut] = []
      let extremes: [(id: String, highest: Bool, phrase: String)] = [
        ("official-relay", true, "relays state or government sources most"), ("source-diversity", false, "has the narrowest sourcing"),
        ("editorial-distance", false, "keeps the least distance from what it reports"), ("loadedness", true, "uses the most loaded terms in its own voice"),
      ]
      if articles > 1 {
        for (id, isHighest, phrase) in extremes {
          guard let extreme = isHighest ? highest[id] : lowest[id] else { continue }
          standOuts.append(StandOut(article: extreme.article, title: extreme.title,
                                    reason: "\(phrase) (\(id) \(Markdown.number(extreme.value))).\(extreme.flag)"))
        }
      }
      return CorpusSummary(articles: articles, byOutlet: groups(outlets), byLanguage: groups(languages), sources: sourceRows,
                           voiceShares: zip(SentenceVoice.allCases, voiceSums).map { ($0.rawValue, $1 / Double(max(articles, 1))) },
                           distributions: distributions, standOuts: standOuts)
    }
  }

  static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down)), high = Int(position.rounded(.up))
    return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
  }
}

/// The corpus report as Markdown. Reads only a `CorpusSummary`.
public struct CorpusRenderer {
  public init() {}

  public func render(_ summary: CorpusSummary) -> String {
    var page = ["# Corpus summary", "\(summary.articles) article\(summary.articles == 1 ? "" : "s"), \(summary.byLanguage.count) language\(summary.byLanguage.count == 1 ? "" : "s"), \(summary.byOutlet.count) outlet\(summary.byOutlet.count == 1 ? "" : "s")."]
    let indexHeader = ["official relay", "source diversity", "editorial distance", "loadedness", "certainty balance", "own voice"]
    func groupTable(_ title: String, _ groups: [CorpusSummary.Group]) -> String {
      "## \(title)\n\n" + Markdown.table([title == "By outlet" ? "outlet" : "language", "articles"] + indexHeader,
        ["---", "---:"] + indexHeader.map { _ in "---:" },
        groups.map { [Markdown.escape($0.key), "\($0.articles)"] + $0.means.map(Markdown.number) + [Markdown.percent($0.authorialWordShare)] })
    }
    page.append(groupTable("By outlet", summary.byOutlet))
    page.append(groupTable("By language", summary.byLanguage))
    page.append("## Top sources\n\n" + (summary.sources.isEmpty ? "No source named." : Markdown.table(
      ["source", "kind", "state-affiliated", "articles", "mean share of words"], ["---", "---", "---", "---:", "---:"],
      summary.sources.prefix(20).map { [Markdown.escape($0.name), $0.kind, $0.stateAffiliated ? "yes" : "no", "\($0.articles)", Markdown.percent($0.meanWordShare)] })))
    page.append("## Voice shares\n\nMean share of sentences per voice.\n\n" + Markdown.table(["voice", "share"], ["---", "---:"],
      summary.voiceShares.map { [$0.voice, Markdown.percent($0.share)] }))
    page.append("## Distribution of the indices\n\n" + Markdown.table(["index", "min", "25%", "median", "75%", "max"],
      ["---", "---:", "---:", "---:", "---:", "---:"],
      summary.distributions.map { [$0.index, Markdown.number($0.minimum), Markdown.number($0.lowerQuartile), Markdown.number($0.median),
                                    Markdown.number($0.upperQuartile), Markdown.number($0.maximum)] }))
    if !summary.standOuts.isEmpty {
      page.append("## Articles that stand out\n\n" + summary.standOuts.map {
        "- **\(Markdown.escape($0.title))** (`\($0.article.replacingOccurrences(of: "`", with: "'"))`) \(Markdown.escape($0.reason))"
      }.joined(separator: "\n"))
    }
    return page.joined(separator: "\n\n") + "\n"
  }
}
