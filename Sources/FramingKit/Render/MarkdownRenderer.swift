/// One Markdown page per article, for editors: a plain-language summary, key figures, flags, the
/// sources table, the voice map, hedges, loaded terms and naming choices. Reads only the `Profile`.
public struct MarkdownRenderer {
  public init() {}

  public func render(_ profile: Profile) -> String {
    var page: [String] = []
    let names = Dictionary(profile.sources.map { ($0.entity, $0.name) }, uniquingKeysWith: { first, _ in first })
    func name(_ id: String) -> String { names[id] ?? id }
    let article = profile.article
    page.append("# " + Markdown.escape(article.title ?? article.id))
    var meta = ["id `\(article.id.replacingOccurrences(of: "`", with: "'"))`", "language \(article.language) (\(Markdown.number(article.languageConfidence)))",
                "\(article.counts.analyzedWords) words", "\(profile.sentences.count) sentences"]
    if let outlet = article.outlet { meta.insert(Markdown.escape(outlet), at: 0) }
    if let published = article.published { meta.insert(Markdown.escape(published), at: 1) }
    page.append("*" + meta.joined(separator: " · ") + "*")

    page.append("## Summary\n\n" + summary(profile, name: name))

    page.append("## Key figures\n\n" + Markdown.table(["figure", "value", "what it measures"], ["---", "---:", "---"], [
      ["official relay", Markdown.number(profile.index("official-relay")?.value ?? 0), "share of words relaying state or government sources, tempered by counter-voices"],
      ["source diversity", Markdown.number(profile.index("source-diversity")?.value ?? 0), "spread over distinct sources and independent voices (0–1)"],
      ["editorial distance", Markdown.number(profile.index("editorial-distance")?.value ?? 0), "attribution, distancing markers and distancing verbs (0–1)"],
      ["loadedness", Markdown.number(profile.index("loadedness")?.value ?? 0), "loaded terms in the outlet's own voice (0–1)"],
      ["certainty balance", Markdown.number(profile.index("certainty-balance")?.value ?? 0), "boosters minus hedges in the outlet's voice (−1…1)"],
      ["words in the outlet's own voice", Markdown.percent(profile.score("voice.authorial_word_share")?.value ?? 0), "words outside quotations and reported speech"],
      ["distinct sources", Markdown.number(profile.score("sourcing.distinct_sources")?.value ?? 0), "sources quoted or cited"],
    ]))

    if !profile.flags.isEmpty {
      var lines = ["## Flags", ""]
      for flag in profile.flags {
        let examples = flag.evidence.prefix(2).map { profile.findings[$0] }.filter { $0.analyzer == "voice" }
          .map { "„" + Markdown.escape(Markdown.excerpt($0.surface, limit: 120)) + "”" }
        lines.append("- " + Markdown.escape(flag.text) + (examples.isEmpty ? "" : " For example: " + examples.joined(separator: "; ")))
      }
      page.append(lines.joined(separator: "\n"))
    }

    let sourceRows = profile.sources.map { source -> [String] in
      let chain = profile.attribution.chains.first { $0.joined().contains(source.entity) && $0.count > 1 }
        .map { $0.map { $0.map(name).joined(separator: ", ") }.joined(separator: " → ") } ?? ""
      return [Markdown.escape(source.name), source.kind + (source.stateAffiliated ? ", state" : ""), source.roles.joined(separator: ", "),
              "\(source.sentences.count)", Markdown.percent(source.wordShare), Markdown.escape(chain)]
    }
    page.append("## Sources\n\n" + (sourceRows.isEmpty ? "No source named." :
      Markdown.table(["source", "kind", "roles", "sentences", "share of words", "chain"], ["---", "---", "---", "---:", "---:", "---"], sourceRows)))
    if !profile.layout.credits.isEmpty {
      page.append("Photo credits (kept apart from textual sourcing): " + profile.layout.credits.map { credit in
        zip(credit.parts, credit.entities).map { part, entity in Markdown.escape(part) + (entity.map { " (\(Markdown.escape(name($0))))" } ?? "") }
          .joined(separator: " / ")
      }.joined(separator: "; "))
    }

    page.append("## Voice map\n\n" + Markdown.table(["#", "voice", "speaker or source", "excerpt"], ["---:", "---", "---", "---"],
      profile.sentences.map { sentence in
        ["\(sentence.index)\(sentence.title ? " (title)" : "")", sentence.voice.rawValue,
         Markdown.escape(sentence.speakers.map(name).joined(separator: ", ")), Markdown.escape(Markdown.excerpt(sentence.text))]
      }))

    let hedges = profile.findings.filter { $0.analyzer == "hedging" }
    page.append("## Hedges and boosters\n\n" + (hedges.isEmpty ? "None found." : Markdown.table(["text", "type", "voice", "sentence", "note"],
      hedges.map { [Markdown.escape($0.surface), $0.label, $0.voice.rawValue + ($0.speaker.map { " (\(Markdown.escape(name($0))))" } ?? ""),
                    "\($0.sentence)", Markdown.escape($0.note ?? "")] })))

    let loaded = profile.findings.filter { $0.analyzer == "loaded-terms" }
    page.append("## Loaded terms\n\n" + (loaded.isEmpty ? "None found." : Markdown.table(["text", "category", "polarity", "voice", "target", "note"],
      loaded.map { [Markdown.escape($0.surface), $0.label, $0.polarity ?? "", $0.voice.rawValue,
                    Markdown.escape($0.entity.map(name) ?? ""), Markdown.escape($0.note ?? "")] })))

    let naming = profile.findings.filter { $0.analyzer == "naming" }
    var counts: [[String]: Int] = [:]
    for finding in naming { counts[[finding.details["refers_to"] ?? "", finding.surface, finding.details["side"] ?? ""], default: 0] += 1 }
    page.append("## Naming choices\n\n" + (naming.isEmpty ? "None found." : Markdown.table(["refers to", "form", "associated with", "count"],
      ["---", "---", "---", "---:"],
      counts.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { [Markdown.escape($0.key[0]), Markdown.escape($0.key[1]), $0.key[2], "\($0.value)"] })))

    page.append("---\n\n*framing \(profile.toolVersion) · schema \(profile.schema) · lexicons \(profile.lexiconHash.prefix(12)) · text SHA-256 \(article.textSha256.prefix(12))*")
    return page.joined(separator: "\n\n") + "\n"
  }

  /// The plain-language paragraph that opens the page.
  func summary(_ profile: Profile, name: (String) -> String) -> String {
    let reported = profile.sentences.filter { $0.voice != .assertion }.count
    let total = profile.sentences.count
    let own = profile.score("voice.authorial_word_share")?.value ?? 0
    var parts: [String] = []
    parts.append("\(reported) of \(total) sentences pass on what a source said or reported; \(Markdown.percent(own)) of the words are in the outlet's own voice.")
    let attributed = profile.sources.filter { $0.roles.contains("attributed") || $0.roles.contains("speaker") }
    if attributed.isEmpty {
      parts.append("No source is named as the origin of the information.")
    } else {
      let top = attributed.prefix(3).map { "\(Markdown.escape($0.name)) (\(Markdown.percent($0.wordShare)) of the words)" }
      parts.append("The account comes mainly from " + top.joined(separator: ", ") + ".")
      let state = profile.score("sourcing.state_share_of_attributed")?.value ?? 0
      let independent = profile.score("sourcing.independent_voices")?.value ?? 0
      parts.append("State-affiliated sources carry \(Markdown.percent(state)) of the attributed text; \(independent == 0 ? "no independent or opposition voice is heard" : "\(Int(independent)) independent or opposition voice\(independent == 1 ? " is" : "s are") heard").")
    }
    if !profile.attribution.byline.isEmpty {
      parts.append("Byline: " + profile.attribution.byline.map { Markdown.escape(name($0)) }.joined(separator: ", ") + ".")
    }
    let hedges = profile.findings.filter { $0.analyzer == "hedging" && $0.voice == .authorial }
    if !hedges.isEmpty {
      parts.append("The outlet keeps some distance with \(hedges.count) hedge\(hedges.count == 1 ? "" : "s") or scare quote\(hedges.count == 1 ? "" : "s") of its own: " +
                   Markdown.distinctMarkers(hedges).prefix(4).joined(separator: ", ") + ".")
    } else {
      parts.append("The outlet adds no hedge or distancing marker of its own.")
    }
    let loaded = profile.findings.filter { $0.analyzer == "loaded-terms" }
    let authorial = loaded.filter { $0.voice == .authorial }
    if !loaded.isEmpty {
      parts.append("\(loaded.count) loaded term\(loaded.count == 1 ? "" : "s"), \(authorial.count) in the outlet's own voice" +
                   (authorial.isEmpty ? "." : " (" + authorial.prefix(3).map { "„" + Markdown.escape($0.surface) + "”" }.joined(separator: ", ") + ")."))
    }
    return parts.joined(separator: " ")
  }
}
