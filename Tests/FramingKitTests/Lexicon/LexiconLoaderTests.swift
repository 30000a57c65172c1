import Foundation
import FramingTestSupport
import Testing

@testable import FramingKit

@Suite struct LexiconLoaderTests {
  @Test func malformedLexiconReportsEveryProblemWithFileLineAndColumn() {
    let directory = TestPaths.repo("Tests/Fixtures/lexicons/bad")
    do {
      _ = try LexiconSet.load(directories: [directory], includeDefaults: false)
      Issue.record("the malformed lexicon loaded")
    } catch {
      let file = directory.relativePath + "/pl/hedges.yaml"
      #expect(error.problems.map(\.description) == [
        "\(file):11:15: entry 'rzekomo' has category 'hearsay'; use one of: reportative, epistemic, approximator, distancing, shield, booster",
        "\(file):13:9: duplicate entry id 'podobno' (first at line 7)",
        "\(file):18:13: entry 'pusty': empty form",
        "\(file):21:13: entry 'zly-slot': unknown slot '{zrodlo}' in form 'według {zrodlo}'; slots are {source} and {person}",
        "\(file):24:5: unknown key 'polarty' in entry 'klucz'; allowed: id, category, forms, polarity, weight, note, examples",
        "\(file):28:13: form 'Podobno' of entry 'powtorka' repeats a form of entry 'podobno' (line 9)",
      ])
    }
  }

  @Test func yamlSyntaxErrorsCarryTheirPosition() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("framing-syntax-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("pl"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "kind: hedges\nlanguage: pl\nentries: [\n  - id: x\n".write(to: directory.appendingPathComponent("pl/hedges.yaml"), atomically: true, encoding: .utf8)
    #expect(throws: LexiconError.self) { try LexiconSet.load(directories: [directory], includeDefaults: false) }
    do {
      _ = try LexiconSet.load(directories: [directory], includeDefaults: false)
    } catch {
      #expect(error.problems.count == 1)
      #expect(error.description.hasPrefix(directory.path + "/pl/hedges.yaml:"))
      #expect(error.description.contains("YAML syntax:"))
    }
  }

  /// A form repeated in other capitals is reported; "ß" and "ss" spell two forms, though their keys fold alike.
  @Test func repeatedFormsAreComparedLowercased() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("framing-repeats-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("de"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try """
      kind: loaded
      language: de
      version: 1
      entries:
        - id: weiss
          category: pejorative
          polarity: negative
          note: "x"
          forms: ["weißrussisch*", "weissrussisch*", "WEISSRUSSISCH*"]
      """.write(to: directory.appendingPathComponent("de/loaded.yaml"), atomically: true, encoding: .utf8)
    do {
      _ = try LexiconSet.load(directories: [directory], includeDefaults: false)
      Issue.record("the repeated form was not reported")
    } catch {
      #expect(error.problems.map(\.message) == ["form 'WEISSRUSSISCH*' of entry 'weiss' repeats a form of entry 'weiss' (line 9)"])
    }
  }

  /// A letter entry holds single lowercase non-ASCII Latin, Greek or Cyrillic letters that case folding
  /// keeps; a letter may also be a word.
  @Test func letterEntriesMustBeSingleLowercaseLetters() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("framing-letters-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("de"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try """
      kind: function-words
      language: de
      version: 1
      entries:
        - id: ae
          category: letter
          forms: ["ä"]
        - id: sharp-s
          category: letter
          forms: ["ß", "Ö", "ue", "q"]
        - id: a
          category: function-word
          forms: ["ä"]
      """.write(to: directory.appendingPathComponent("de/function-words.yaml"), atomically: true, encoding: .utf8)
    do {
      _ = try LexiconSet.load(directories: [directory], includeDefaults: false)
      Issue.record("the malformed letters loaded")
    } catch {
      #expect(error.problems.map(\.description) == [
        "\(directory.path)/de/function-words.yaml:10:13: form 'ß' of entry 'sharp-s' must be one lowercase letter between U+00C0 and U+04FF that case folding keeps as it is",
        "\(directory.path)/de/function-words.yaml:10:18: form 'Ö' of entry 'sharp-s' must be one lowercase letter between U+00C0 and U+04FF that case folding keeps as it is",
        "\(directory.path)/de/function-words.yaml:10:23: form 'ue' of entry 'sharp-s' must be one lowercase letter between U+00C0 and U+04FF that case folding keeps as it is",
        "\(directory.path)/de/function-words.yaml:10:29: form 'q' of entry 'sharp-s' must be one lowercase letter between U+00C0 and U+04FF that case folding keeps as it is",
      ])
    }
  }

  @Test func unknownFilesAreRejectedWithTheExpectedLayout() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("framing-layout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("pl"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try "kind: x\n".write(to: directory.appendingPathComponent("pl/hedge.yaml"), atomically: true, encoding: .utf8)
    #expect(throws: LexiconError.self) { try LexiconSet.load(directories: [directory], includeDefaults: false) }
  }
}

@Suite struct PhraseMatchingTests {
  static let mini: LexiconSet = {
    do { return try LexiconSet.load(directories: [TestPaths.repo("Tests/Fixtures/lexicons/mini")], includeDefaults: false) } catch {
      fatalError("\(error)")
    }
  }()

  /// The surfaces of every hit of one kind in a sentence.
  static func hits(_ text: String, _ kind: LexiconKind, _ language: Language) -> [String] {
    let segmented = Segmenter(lexicons: mini).segment(Document(id: "t", text: text), language: language)
    let scan = LexiconScan(segmented, lexicons: mini)
    return scan.hits.filter { $0.kind == kind }.map { hit in
      let tokens = segmented.tokens[hit.tokens]
      return segmented.text(TextSpan(start: tokens.first!.span.start, end: tokens.last!.span.end))
    }
  }

  static func mentions(_ text: String, _ language: Language) -> [String] {
    let segmented = Segmenter(lexicons: mini).segment(Document(id: "t", text: text), language: language)
    return LexiconScan(segmented, lexicons: mini).mentions.map(\.entity)
  }

  @Test func longestMatchWins() {
    #expect(Self.hits("Być może to prawda, a może nie.", .hedges, .pl) == ["Być może", "może"])
  }

  @Test func stemsMatchInflectedForms() {
    #expect(Self.hits("Chodzi o rzekomej zdrady i rzekome spiski.", .hedges, .pl) == ["rzekomej", "rzekome"])
  }

  @Test func shapeElementsMatchInfinitivesOnly() {
    #expect(Self.hits("Politycy mieli przeprowadzić rozmowy.", .hedges, .pl) == ["mieli przeprowadzić"])
    #expect(Self.hits("Politycy mieli pomoc i dom.", .hedges, .pl) == [])
  }

  @Test func gapsJoinSplitParticleVerbs() {
    #expect(Self.hits("Das fügte Putin am Montag hinzu.", .reportingVerbs, .de) == ["fügte Putin am Montag hinzu"])
    #expect(Self.hits("Er fügte es einer langen Liste von Dingen hinzu.", .reportingVerbs, .de) == [])
  }

  @Test func slotsAreFilledByRegistryMentions() {
    #expect(Self.hits("Według Kremla rozmowa była owocna.", .attribution, .pl) == ["Według Kremla"])
    #expect(Self.hits("Według niego rozmowa była owocna.", .attribution, .pl) == [])
    #expect(Self.hits("Jak informuje administracja Putina, rozmowa trwała godzinę.", .attribution, .pl)
      == ["Jak informuje administracja Putina"])
    #expect(Self.hits("cytowany przez Pieskowa", .attribution, .pl) == ["cytowany przez Pieskowa"])
    #expect(Self.hits("cytowany przez Kreml", .attribution, .pl) == [])
  }

  @Test func descriptionsBeatShorterNames() {
    #expect(Self.mentions("Rzecznik Kremla potwierdził, że Kreml wie.", .pl) == ["peskov", "kremlin"])
  }

  @Test func cyrillicAndLatinSpellingsMeetOneEntry() {
    // The Polish alias is written in Cyrillic; Latin transliterations and case variants meet it through the loose key.
    #expect(Self.mentions("Лукашенко, Lukašenko i LUKASENKO mówili.", .pl) == ["peskov", "peskov", "peskov"])
  }

  @Test func explainNamesTheEntriesAFormFires() {
    let (key, matches) = Self.mini.explain("Kremla", language: .pl)
    #expect(key.folded == "kremla")
    #expect(matches.map(\.entry) == ["kremlin", "peskov"])
    #expect(matches.first?.reason == "folded key starts with stem 'kreml'")
  }
}

@Suite struct ProfileSettingsTests {
  @Test func overridesMayOnlyChangeKnownParameters() {
    do {
      _ = try LexiconSet.load(directories: [TestPaths.repo("Tests/Fixtures/lexicons/profile-override")])
      Issue.record("an unknown parameter was accepted")
    } catch {
      let file = TestPaths.repo("Tests/Fixtures/lexicons/profile-override").relativePath + "/profile.yaml"
      #expect(error.problems.map(\.description) == [
        "\(file):9:5: unknown parameter 'saturaton' of 'loadedness'; use one of: negative_weight, neutral_weight, positive_weight, saturation"
      ])
    }
  }

  @Test func builtInParametersAreRead() {
    #expect(defaultLexicons.settings.index("official-relay", "counter_weight") == 0.5)
    #expect(defaultLexicons.settings.flag("dominant-source", "minimum_word_share") == 0.6)
  }
}

extension LexiconLoaderTests {
  /// Lists by lexicon kind are indexed by the kind's position, spelled out case by case: it must be
  /// the kind's place among all kinds, each kind its own.
  @Test func everyLexiconKindsPositionIsItsPlaceAmongAllKinds() {
    #expect(LexiconKind.allCases.map(\.ordinal) == Array(LexiconKind.allCases.indices))
  }
}

extension LexiconLoaderTests {
  /// The vocabulary's test of a shape (suffixes grouped by their last letter) answers as the shape's
  /// own, including suffixes whose last letters share a group and a suffix longer than the form.
  @Test func shapeRulesAnswerAsTheirShapes() {
    // "ć" is U+0107 and "G" U+0047: 0x107 % 64 == 0x47 % 64, so the two fall in one group.
    let shape = WordShape(suffixes: ["ać", "ić", "óc", "ał", "G", "przyjść"], prefixes: [], minimumLength: 3, exceptions: ["pomoc", "kanał"])
    let rule = WordShape.Rule(shape)
    let forms = ["mówić", "czytać", "móc", "pomoc", "mówił", "kanał", "ić", "ać", "abG", "aG", "ść", "przyjść", "jść", "dom", "powiedział"]
    for form in forms {
      let scalars = form.unicodeScalars.map(\.value)
      #expect(scalars.withUnsafeBufferPointer { rule.matches(scalars: $0) } == shape.matches(form), "\(form)")
    }
    #expect(forms.filter(shape.matches) == ["mówić", "czytać", "móc", "abG", "przyjść", "powiedział"])
  }
}
