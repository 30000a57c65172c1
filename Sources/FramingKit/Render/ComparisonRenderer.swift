/// Several articles on the same story side by side, as Markdown: what each relays and how, the
/// indices, voice shares, sources, loaded terms and naming choices, and what differs, with quoted
/// evidence. Reads only profiles.
public struct ComparisonRenderer {
  public init() {}

  private static let letters = ["A", "B", "C", "D", "E", "F", "G", "H"]

  private func label(_ index: Int) -> String { index < Self.letters.count ? Self.letters[index] : "#\(index + 1)" }

  private func names(_ profile: Profile, _ ids: [String]) -> [String] {
    ids.map { id in profile.sources.first { $0.entity == id }?.name ?? id }
  }

  /// Sources that carry the account, by share of words.
  private func carriers(_ profile: Profile) -> [Profile.SourceInfo] {
    profile.sources.filter { ($0.roles.contains("attributed") || $0.roles.contains("speaker")) && $0.wordShare > 0 }
  }

  /// One sentence on what the article relays and how much distance it keeps.
  func characterize(_ profile: Profile, label: String) -> String {
    let attributed = profile.score("sourcing.attributed_share")?.value ?? 0
    let top = Array(carriers(profile).prefix(4))
    let carrierNames = top.map { Markdown.escape(shortName($0.name)) }
    guard !top.isEmpty else { return "**\(label)** names no source: it speaks in its own voice." }
    let verb = attributed >= 0.9 ? "is a near-complete relay of" : attributed >= 0.5 ? "mostly relays" : "partly relays"
    let people = top.allSatisfy { lexiconPerson($0) }
    var text = "**\(label)** \(verb) \(people ? "the words of" : "statements by") \(list(carrierNames)) (\(Markdown.percent(attributed)) of its words are reported or attributed"
    let distancing = profile.findings.filter { $0.analyzer == "hedging" && $0.voice == .authorial && $0.label != "booster" }
    if distancing.isEmpty {
      text += "); it adds no distance marker of its own."
    } else {
      text += ") and keeps some distance with its own markers: " + Markdown.distinctMarkers(distancing).prefix(4).joined(separator: ", ") + "."
    }
    if let example = profile.sentences.first(where: { $0.voice != .assertion && !$0.speakers.isEmpty && !$0.title }) {
      text += " For example: „\(Markdown.escape(Markdown.excerpt(example.text, limit: 140)))”"
    }
    return text
  }

  private func lexiconPerson(_ source: Profile.SourceInfo) -> Bool { source.kind == "official" || source.kind == "expert" }

  private func shortName(_ name: String) -> String {
    name.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? name
  }

  private func list(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    default: items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
  }

  public func render(_ profiles: [Profile]) -> String {
    var page = ["# Comparison of \(profiles.count) articles"]
    page.append(profiles.enumerated().map { index, profile in
      "- **\(label(index))**: \(Markdown.escape(profile.article.title ?? profile.article.id)) (`\(profile.article.id.replacingOccurrences(of: "`", with: "'"))`, \(profile.article.language)\(profile.article.outlet.map { ", " + Markdown.escape($0) } ?? ""))"
    }.joined(separator: "\n"))
    page.append("## In short\n\n" + profiles.enumerated().map { characterize($1, label: label($0)) }.joined(separator: "\n\n"))
    let header = ["measure"] + profiles.indices.map(label)
    let alignments = ["---"] + profiles.map { _ in "---:" }
    var rows: [[String]] = []
    for id in CorpusSummary.indexIDs { rows.append([id] + profiles.map { Markdown.number($0.index(id)?.value ?? 0) }) }
    for (id, title) in [("sourcing.attributed_share", "words reported or attributed"), ("sourcing.state_affiliated_share", "words from state-affiliated sources"),
                        ("voice.authorial_word_share", "words in the outlet's own voice")] {
      rows.append([title] + profiles.map { Markdown.percent($0.score(id)?.value ?? 0) })
    }
    for (id, title) in [("sourcing.distinct_sources", "distinct sources"), ("sourcing.independent_voices", "independent or opposition voices")] {
      rows.append([title] + profiles.map { Markdown.number($0.score(id)?.value ?? 0) })
    }
    for voice in SentenceVoice.allCases {
      rows.append(["sentences: \(voice.rawValue)"] + profiles.map { Markdown.percent($0.score("voice.share.\(voice.rawValue)")?.value ?? 0) })
    }
    page.append("## Figures\n\n" + Markdown.table(header, alignments, rows))

    page.append("## Sources\n\n" + Markdown.table(["article", "sources (share of words)", "byline", "chains"], profiles.enumerated().map { index, profile in
      [label(index),
       Markdown.escape(carriers(profile).map { "\(shortName($0.name)) \(Markdown.percent($0.wordShare))" }.joined(separator: "; ")),
       Markdown.escape(names(profile, profile.attribution.byline).joined(separator: ", ")),
       Markdown.escape(profile.attribution.chains.filter { $0.count > 1 }.prefix(3)
         .map { $0.map { names(profile, $0).map(shortName).joined(separator: ", ") }.joined(separator: " → ") }.joined(separator: "; "))]
    }))

    page.append("## Loaded terms and naming\n\n" + Markdown.table(["article", "loaded terms (outlet's voice)", "loaded terms (reported)", "naming choices"],
      profiles.enumerated().map { index, profile in
        let loaded = profile.findings.filter { $0.analyzer == "loaded-terms" }
        let naming = profile.findings.filter { $0.analyzer == "naming" && $0.details["side"] != "neutral" }
        var counts: [String: Int] = [:]
        for finding in naming { counts["\(finding.surface) (\(finding.details["side"] ?? ""))", default: 0] += 1 }
        return [label(index),
                Markdown.escape(loaded.filter { $0.voice == .authorial }.map { "\($0.surface) (\($0.label))" }.joined(separator: "; ")),
                Markdown.escape(loaded.filter { $0.voice == .reported }.map { "\($0.surface) (\($0.label))" }.joined(separator: "; ")),
                Markdown.escape(counts.sorted { $0.key < $1.key }.map { "\($0.key)\($0.value > 1 ? " ×\($0.value)" : "")" }.joined(separator: "; "))]
      }))

    page.append("## What differs\n\n" + differences(profiles).map { "- " + $0 }.joined(separator: "\n"))
    return page.joined(separator: "\n\n") + "\n"
  }

  /// Plain sentences on the largest differences between the articles.
  func differences(_ profiles: [Profile]) -> [String] {
    guard profiles.count > 1 else { return ["Only one article: nothing to compare."] }
    var lines: [String] = []
    let indexPhrases: [(String, String)] = [
      ("official-relay", "relays state or government sources"), ("source-diversity", "spreads its sourcing"),
      ("editorial-distance", "keeps its distance from what it reports"), ("loadedness", "uses loaded terms in its own voice"),
    ]
    for (id, phrase) in indexPhrases {
      let values = profiles.map { $0.index(id)?.value ?? 0 }
      guard let high = values.indices.max(by: { values[$0] < values[$1] }), let low = values.indices.min(by: { values[$0] < values[$1] }),
            values[high] - values[low] >= 0.15 else { continue }
      lines.append("**\(label(high))** \(phrase) more than **\(label(low))** (\(id) \(Markdown.number(values[high])) against \(Markdown.number(values[low]))).")
    }
    let carriersOf = profiles.map { Set(carriers($0).map(\.entity)) }
    for (index, profile) in profiles.enumerated() {
      let others = carriersOf.enumerated().filter { $0.offset != index }.reduce(Set<String>()) { $0.union($1.element) }
      let own = carriersOf[index].subtracting(others)
      if !own.isEmpty {
        lines.append("Only **\(label(index))** cites \(list(names(profile, own.sorted()).map { Markdown.escape(shortName($0)) })).")
      }
      let distancing = profile.findings.filter { $0.analyzer == "hedging" && $0.voice == .authorial && $0.label != "booster" }
      if distancing.isEmpty {
        lines.append("**\(label(index))** has no hedge or scare quote of its own.")
      }
    }
    let sides = profiles.map { profile in
      profile.findings.filter { $0.analyzer == "naming" && $0.voice == .authorial }.reduce(into: [String: Int]()) { $0[$1.details["side"] ?? "", default: 0] += 1 }
    }
    for (index, counts) in sides.enumerated() where (counts["russian-usage"] ?? 0) > 0 {
      let forms = Set(profiles[index].findings.filter { $0.analyzer == "naming" && $0.voice == .authorial && $0.details["side"] == "russian-usage" }.map(\.surface))
      lines.append("**\(label(index))** uses names associated with Russian usage in its own voice: \(forms.sorted().map { "„\(Markdown.escape($0))”" }.joined(separator: ", ")).")
    }
    return lines.isEmpty ? ["The articles are alike on every measure."] : lines
  }
}
