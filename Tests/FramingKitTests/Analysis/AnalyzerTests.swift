import FramingKit
import FramingTestSupport
import Testing

/// Marked sentences: every ⟦…⟧ span must be found by the analyzer with the given label and voice,
/// and nothing else; the same again after a prefix of astral characters, shifted by its code points.
func expectFindings(_ analyzer: String, _ marked: String, language: Language, labels: [String], voices: [Voice],
                    sourceLocation: SourceLocation = #_sourceLocation) {
  for prefix in ["", "😀👍🏽👨‍👩‍👧 "] {
    let text = MarkedText(marked)
    let shift = prefix.unicodeScalars.count
    let found = profile(prefix + text.text, language: language).findings(analyzer).filter { $0.sentence >= 0 }
    #expect(found.map { ($0.span.start - shift)..<($0.span.end - shift) } == text.spans, "spans", sourceLocation: sourceLocation)
    #expect(found.map(\.label) == labels, "labels", sourceLocation: sourceLocation)
    #expect(found.map(\.voice) == voices, "voices", sourceLocation: sourceLocation)
  }
}

@Suite struct HedgeAnalyzerTests {
  @Test func polishReportativeMiecIsAuthorialAndQuotedWordsAreReported() {
    expectFindings("hedging", "Politycy ⟦mieli przeprowadzić⟧ rozmowy, a Łukaszenka oświadczył: „to ⟦prawdopodobnie⟧ koniec sporu”.",
                   language: .pl, labels: ["reportative", "epistemic"], voices: [.authorial, .reported])
  }

  @Test func scareQuotesAreDistancingInTheOutletsVoice() {
    expectFindings("hedging", "Putin pomoże w ⟦„rozwiązywaniu problemów”⟧ na Białorusi.", language: .pl,
                   labels: ["scare-quote"], voices: [.authorial])
  }

  @Test func germanSollenAndAngeblich() {
    expectFindings("hedging", "Der Präsident ⟦soll die Landung angeordnet haben⟧, die Maschine war ⟦angeblich⟧ bedroht.", language: .de,
                   labels: ["reportative", "reportative"], voices: [.authorial, .authorial])
  }

  @Test func russianYakobyAndTakNazyvaemyj() {
    expectFindings("hedging", "На границе ⟦якобы⟧ задержали ⟦так называемых⟧ активистов.", language: .ru,
                   labels: ["reportative", "distancing"], voices: [.authorial, .authorial])
  }

  @Test func englishReportedlyAndBoosterInsideReportedSpeech() {
    expectFindings("hedging", "The plane was ⟦reportedly⟧ diverted, and Lavrov said that it was ⟦clearly⟧ a provocation.", language: .en,
                   labels: ["reportative", "booster"], voices: [.authorial, .reported])
  }
}

@Suite struct LoadedTermAnalyzerTests {
  @Test func legitimizingTitleAttachedToLukashenko() {
    let found = profile("Putin rozmawiał z prezydentem Białorusi Alaksandrem Łukaszenką.", language: .pl).findings("loaded-terms")
    #expect(found.map(\.surface) == ["prezydentem Białorusi"])
    #expect(found.first?.label == "legitimizing")
    #expect(found.first?.voice == .authorial)
    #expect(found.first?.entity == "lukashenko")
  }

  @Test func stateNarrativeInsideAQuotationIsReported() {
    let found = profile("Prezydenci omówili „sytuację z uwzględnieniem wywieranej na Białoruś presji z zewnątrz”.", language: .pl)
      .findings("loaded-terms")
    #expect(found.map { "\($0.surface)|\($0.label)|\($0.voice.rawValue)" } == ["presji z zewnątrz|state-narrative|reported"])
  }

  @Test func pejorativeTargetsTheAdjacentEntity() {
    let found = profile("Opozycja walczy z reżimem Łukaszenki od lat.", language: .pl).findings("loaded-terms")
    #expect(found.first?.label == "pejorative")
    #expect(found.first?.entity == "lukashenko")
  }

  @Test func euphemismInRussianAndEnglish() {
    #expect(profile("Он поддержал специальную военную операцию.", language: .ru).findings("loaded-terms").map(\.label) == ["euphemism"])
    #expect(profile("He backed the special military operation.", language: .en).findings("loaded-terms").map(\.label) == ["euphemism"])
  }
}

@Suite struct NamingAnalyzerTests {
  @Test func germanSeedCountsWeissrusslandAgainstBelarus() throws {
    let profile = try seedProfile("004_266daebb3b7432db.txt")
    let variants = profile.findings("naming")
    let russian = variants.filter { $0.details["side"] == "russian-usage" && $0.details["refers_to"]?.hasPrefix("belarus") == true }
    let national = variants.filter { $0.details["side"] == "national-usage" && $0.details["refers_to"]?.hasPrefix("belarus") == true }
    #expect(russian.map(\.surface).filter { $0 == "Weißrussland" }.count == 4)
    #expect(russian.map(\.surface).contains("Weißrussen"))
    #expect(russian.map(\.surface).contains("weißrussischen"))
    #expect(national.map(\.surface).contains("Belarus"))
  }

  @Test func russianPrepositionWithUkraine() {
    let found = profile("Он был на Украине, а потом в Украине.", language: .ru).findings("naming")
    #expect(found.map { "\($0.surface)|\($0.details["side"] ?? "")" } == ["на Украине|russian-usage", "в Украине|national-usage"])
  }

  @Test func polishNameFormsOfLukashenko() {
    let found = profile("Aleksandr Łukaszenka i Alaksandr Łukaszenka to ta sama osoba.", language: .pl).findings("naming")
    let sides = Dictionary(found.map { ($0.surface, $0.details["side"] ?? "") }, uniquingKeysWith: { a, _ in a })
    #expect(sides["Aleksandr Łukaszenka"] == "russian-usage")
    #expect(sides["Alaksandr Łukaszenka"] == "national-usage")
  }
}

@Suite struct SourcingAnalyzerTests {
  @Test func polishSeedRelaysKremlinAndBeltaUnderAPapByline() throws {
    let profile = try seedProfile("000_bb3b193bc24b719b.txt")
    let kremlin = profile.findings("sourcing").filter { $0.entity == "kremlin" && $0.label == "attributed" }.map(\.surface)
    #expect(kremlin.contains("Kreml"))
    #expect(kremlin.contains("administracja Putina"))
    #expect(kremlin.contains("służby prasowe Władimira Putina"))
    #expect(profile.findings("sourcing").contains { $0.entity == "belta" && $0.label == "attributed" && $0.surface == "BiełTA" })
    let speakers = Set(profile.findings("sourcing").filter { $0.label == "speaker" }.compactMap(\.entity))
    #expect(speakers.isSuperset(of: ["putin", "lukashenko"]))
    #expect(profile.attribution.byline == ["pap"])
    #expect(profile.attribution.chains.contains([["pap"], ["belta"], ["lukashenko", "putin"]]))
    #expect(profile.layout.credits.first?.parts == ["PAP", "EPA", "ALEXEI NIKOLSKY", "SPUTNIK", "KREM"])
    #expect(profile.layout.credits.first?.entities == ["pap", "epa", nil, "sputnik", nil])
    #expect(profile.score("sourcing.independent_voices")?.value == 0)
    #expect(profile.score("sourcing.state_share_of_attributed")?.value == 1)
    #expect(profile.sources.first?.entity == "kremlin")
  }

  @Test func germanSeedHasSpeakersButNoAgency() throws {
    let profile = try seedProfile("004_266daebb3b7432db.txt")
    #expect(profile.attribution.byline.isEmpty)
    #expect(!profile.sources.contains { $0.kind == "wire-agency" || $0.kind == "state-media" })
    #expect(Set(profile.sources.filter { $0.roles.contains("speaker") }.map(\.entity)) == ["putin", "lukashenko"])
    let putin = try #require(profile.sources.first { $0.entity == "putin" })
    #expect(putin.wordShare > 0.8)
  }

  @Test func everyScoreHasAFormulaAndValidEvidence() throws {
    let profile = try seedProfile("000_bb3b193bc24b719b.txt")
    for score in profile.scores {
      #expect(score.formula == score.id)
      #expect(score.evidence.allSatisfy { $0 >= 0 && $0 < profile.findings.count })
    }
    let readme = try String(contentsOf: TestPaths.repo("README.md"), encoding: .utf8)
    for score in profile.scores {
      let family = score.id.hasPrefix("naming.") ? "naming.<refers_to>" : score.id.split(separator: ".").prefix(2).joined(separator: ".")
      #expect(readme.contains("`\(family)"), "README does not document \(score.id)")
    }
  }
}

@Suite struct CompositeIndexTests {
  @Test func seedsGetIndicesAndPlainFlags() throws {
    let german = try seedProfile("004_266daebb3b7432db.txt")
    #expect((german.index("official-relay")?.value ?? 0) > 0.9)
    #expect(german.flags.map(\.id).contains("state-only-sourcing"))
    #expect(german.flags.first { $0.id == "russian-usage-naming" }?.text
      == "Names associated with Russian usage in the outlet's own voice: „Weißrussland” ×4, „Weißrussen”, „weißrussischen”.")
    let polish = try seedProfile("000_bb3b193bc24b719b.txt")
    #expect((polish.index("editorial-distance")?.value ?? 0) > (german.index("editorial-distance")?.value ?? 1))
    #expect(polish.index("certainty-balance")?.value == -1)
    for profile in [german, polish] {
      for index in profile.indices {
        #expect(index.formula == "index.\(index.id)")
        #expect(index.evidence.allSatisfy { $0 < profile.findings.count })
      }
      for flag in profile.flags { #expect(!flag.evidence.isEmpty, "\(flag.id)") }
    }
  }
}

extension CompositeIndexTests {
  /// A loaded term counts in loadedness as much as its entry's weight: "dyktatura" has none (1),
  /// "autorytarny" 0.7 and "zbrodnia" 0.5; five analyzed words each, all negative (weight 1).
  @Test(arguments: [("Władze w Mińsku to dyktatura.", "dyktatura", 20.0),
                    ("Władze w Mińsku są autorytarne.", "autorytarne", 14.0),
                    ("Władze w Mińsku popełniły zbrodnię.", "zbrodnię", 10.0)])
  func loadednessWeighsEachTermByItsEntry(text: String, term: String, rate: Double) throws {
    let profile = profile(text, language: .pl)
    #expect(profile.findings.filter { $0.analyzer == "loaded-terms" }.map(\.surface) == [term])
    let loadedness = try #require(profile.index("loadedness"))
    #expect(loadedness.components["weighted_authorial_per_100_words"] == rate)
    #expect(loadedness.components["authorial_terms"] == 1)
  }
}

@Suite struct AnalyzerRegistryTests {
  @Test func idsAreUniqueKebabCaseAndDocumented() throws {
    let ids = AnalyzerRegistry.all.map { $0.id }
    #expect(Set(ids).count == ids.count)
    for id in ids { #expect(id.allSatisfy { $0.isLowercase || $0 == "-" }) }
    let readme = try String(contentsOf: TestPaths.repo("README.md"), encoding: .utf8)
    for analyzer in AnalyzerRegistry.all {
      #expect(readme.contains("| `\(analyzer.id)` | \(analyzer.summary) |"), "README lacks the row of \(analyzer.id)")
    }
  }
}
