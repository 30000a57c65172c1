import FramingKit
import FramingTestSupport
import Testing

/// Tests of the data in lexicons/ itself: coverage, counts, and every `examples:` sentence.
@Suite struct LexiconDataTests {
  static let fullLanguages: [Language] = [.pl, .de, .ru, .en]

  @Test(arguments: Language.analyzed)
  func everyLanguageHasEveryKind(language: Language) {
    for kind in LexiconKind.allCases where kind != .sources {
      #expect(defaultLexicons.file(kind, language) != nil, "\(language.rawValue)/\(kind.rawValue).yaml is missing")
    }
  }

  @Test(arguments: Language.analyzed)
  func lexiconsHaveTheRequiredSize(language: Language) {
    let full = Self.fullLanguages.contains(language)
    let minimum: [LexiconKind: Int] = full
      ? [.hedges: 80, .reportingVerbs: 100, .loaded: 150, .attribution: 40, .functionWords: 100, .abbreviations: 40]
      : [.hedges: 30, .loaded: 50, .attribution: 20, .functionWords: 100, .naming: 5]
    for (kind, count) in minimum {
      #expect(defaultLexicons.entries(kind, language).count >= count,
              "\(language.rawValue)/\(kind.rawValue).yaml has \(defaultLexicons.entries(kind, language).count) entries; at least \(count) expected")
    }
  }

  @Test func registryCoversTheSourcesNewsRelies() {
    #expect(defaultLexicons.entities.count >= 100)
    let required = ["kremlin", "putin", "peskov", "lavrov", "zakharova", "medvedev", "russia-mfa", "russia-mod", "state-duma",
                    "tass", "ria", "interfax", "sputnik", "rt", "rossiya-1", "channel-one", "izvestia", "kommersant", "rbc",
                    "meduza", "novaya-gazeta", "lukashenko", "pool-pervogo", "belta", "belarus-1", "ctv", "sb-belarus-segodnya",
                    "belarus-mfa", "belarus-cec", "tsikhanouskaya", "coordination-council", "viasna", "belsat", "nasha-niva",
                    "zerkalo", "radio-svaboda", "charter97", "nexta", "pap", "tvp", "tvn24", "polsat-news", "rmf-fm",
                    "rzeczpospolita", "gazeta-wyborcza", "onet", "wp", "interia", "poland-mfa", "dpa", "ard", "zdf",
                    "deutsche-welle", "spiegel", "faz", "sz", "bundesregierung", "auswaertiges-amt", "ukrinform", "unian",
                    "ukrainska-pravda", "ukraine-presidential-office", "ukraine-mfa", "reuters", "afp", "ap", "bloomberg",
                    "bbc", "cnn", "eu", "nato", "osce", "un", "us-government", "anonymous", "experts"]
    for id in required { #expect(defaultLexicons.entity(id) != nil, "sources.yaml lacks '\(id)'") }
  }

  @Test func stateMediaAndIndependentMediaAreTold() {
    #expect(defaultLexicons.entity("belta")?.stateAffiliated == true)
    #expect(defaultLexicons.entity("tass")?.kind == "wire-agency" || defaultLexicons.entity("tass")?.kind == "state-media")
    #expect(defaultLexicons.entity("belsat")?.kind == "independent-media")
    #expect(defaultLexicons.entity("tsikhanouskaya")?.kind == "opposition")
    #expect(defaultLexicons.entity("anonymous")?.kind == "anonymous")
  }

  struct Example: CustomTestStringConvertible, Sendable {
    let language: Language
    let kind: LexiconKind
    let entry: String
    let sentence: String
    var testDescription: String { "\(language.rawValue)/\(kind.rawValue)#\(entry): \(sentence)" }
  }

  static let examples: [Example] = {
    var result: [Example] = []
    for file in defaultLexicons.files {
      guard let language = file.language else { continue }
      for entry in file.entries {
        for sentence in entry.examples { result.append(Example(language: language, kind: file.kind, entry: entry.id, sentence: sentence)) }
      }
    }
    return result
  }()

  @Test(arguments: examples)
  func lexiconExampleMatchesExactlyItsMarkedSpan(example: Example) {
    let marked = MarkedText(example.sentence)
    let span = marked.spans[0]
    let pipeline = Pipeline(lexicons: defaultLexicons)
    switch example.kind {
    case .abbreviations:
      // An abbreviation keeps its sentence whole.
      let text = pipeline.segmenter.segment(Document(id: "example", text: marked.text), language: example.language)
      let textEnd = text.document.scalarCount
      #expect(text.sentences.contains { sentence in
        sentence.span.start <= span.lowerBound && span.upperBound <= sentence.span.end
          && (sentence.span.end > span.upperBound || sentence.span.end >= textEnd - 1)
      },
              "the sentence was split at the abbreviation: \(text.sentences.map { text.text($0.span) })")
    case .boilerplate:
      // A boilerplate or credit line is set aside from the body, starting at the marked words.
      let text = pipeline.segmenter.segment(Document(id: "example", text: marked.text + "\n\nDalszy tekst artykułu, który nie jest częścią menu strony."),
                                            language: example.language)
      let starts = text.boilerplate.map(\.span.start) + text.credits.map(\.span.start)
      #expect(starts.contains(span.lowerBound), "not set aside: boilerplate \(text.boilerplate.map(\.text)), credits \(text.credits.map(\.text))")
    case .functionWords:
      let surface = String(String.UnicodeScalarView(marked.text.unicodeScalars.dropFirst(span.lowerBound).prefix(span.count)))
      #expect(defaultLexicons.explain(surface, language: example.language).matches.contains {
        $0.kind == .functionWords && $0.entry == example.entry
      })
    default:
      let article = pipeline.attribute(Document(id: "example", text: marked.text), language: example.language)
      let spans = article.scan.hits.filter { $0.kind == example.kind && article.entry(of: $0).id == example.entry }
        .map { article.span(of: $0.tokens) }.map { $0.start..<$0.end }
      let all = article.scan.hits.filter { $0.kind == example.kind }.map { "\(article.entry(of: $0).id)@\(article.span(of: $0.tokens))" }
      #expect(spans.contains(span), "expected \(span); hits of this entry: \(spans); all hits of the kind: \(all)")
    }
  }
}
