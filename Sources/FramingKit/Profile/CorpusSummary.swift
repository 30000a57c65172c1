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
    articles = profiles.count
    func group(_ key: (Profile) -> String) -> [Group] {
      Dictionary(grouping: profiles, by: key).map { key, members in
        Group(key: key, articles: members.count,
              means: Self.indexIDs.map { id in Self.mean(members.map { $0.index(id)?.value ?? 0 }) },
              authorialWordShare: Self.mean(members.map { $0.score("voice.authorial_word_share")?.value ?? 0 }))
      }.sorted { $0.key < $1.key }
    }
    byOutlet = group { $0.article.outlet ?? "(unknown outlet)" }
    byLanguage = group { $0.article.language }
    var rows: [String: (SourceRow, [Double])] = [:]
    for profile in profiles {
      for source in profile.sources where source.roles.contains("attributed") || source.roles.contains("speaker") || source.roles.contains("byline") {
        let row = rows[source.entity]?.0 ?? SourceRow(entity: source.entity, name: source.name, kind: source.kind,
                                                       stateAffiliated: source.stateAffiliated, articles: 0, meanWordShare: 0)
        rows[source.entity] = (row, (rows[source.entity]?.1 ?? []) + [source.wordShare])
      }
    }
    sources = rows.values.map { row, shares in
      SourceRow(entity: row.entity, name: row.name, kind: row.kind, stateAffiliated: row.stateAffiliated, articles: shares.count,
                meanWordShare: Self.mean(shares))
    }.sorted { ($0.articles, $0.meanWordShare, $1.entity) > ($1.articles, $1.meanWordShare, $0.entity) }
    voiceShares = SentenceVoice.allCases.map { voice in
      (voice.rawValue, Self.mean(profiles.map { $0.score("voice.share.\(voice.rawValue)")?.value ?? 0 }))
    }
    distributions = Self.indexIDs.map { id in
      let values = profiles.map { $0.index(id)?.value ?? 0 }.sorted()
      return Distribution(index: id, minimum: values.first ?? 0, lowerQuartile: Self.quantile(values, 0.25), median: Self.quantile(values, 0.5),
                          upperQuartile: Self.quantile(values, 0.75), maximum: values.last ?? 0)
    }
    var standOuts: [StandOut] = []
    let extremes: [(id: String, highest: Bool, phrase: String)] = [
      ("official-relay", true, "relays state or government sources most"), ("source-diversity", false, "has the narrowest sourcing"),
      ("editorial-distance", false, "keeps the least distance from what it reports"), ("loadedness", true, "uses the most loaded terms in its own voice"),
    ]
    if profiles.count > 1 {
      for (id, highest, phrase) in extremes {
        let values = profiles.map { $0.index(id)?.value ?? 0 }
        guard let chosen = (highest ? values.indices.max { values[$0] < values[$1] } : values.indices.min { values[$0] < values[$1] }) else { continue }
        let profile = profiles[chosen]
        let flag = profile.flags.first.map { " " + $0.text } ?? ""
        standOuts.append(StandOut(article: profile.article.id, title: profile.article.title ?? profile.article.id,
                                  reason: "\(phrase) (\(id) \(Markdown.number(values[chosen]))).\(flag)"))
      }
    }
    self.standOuts = standOuts
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
