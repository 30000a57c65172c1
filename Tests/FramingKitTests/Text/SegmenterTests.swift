@testable import FramingKit
import FramingTestSupport
import Foundation
import Testing

@Suite struct SegmenterTests {
  static func seed(_ name: String) throws -> SegmentedText {
    let bytes = Array(FileManager.default.contents(atPath: TestPaths.repo("seeds/" + name).path) ?? Data())
    let document = try TextDecoder().decode(bytes, name: name)
    return Segmenter(lexicons: defaultLexicons).segment(document)
  }

  /// Every stage reads tokens in long runs: a token stays 32 bytes, two to a cache line.
  @Test func aTokenTakesThirtyTwoBytes() {
    #expect(MemoryLayout<Token>.stride == 32)
  }

  @Test func polishSeedKeepsExactlyTheArticleParagraphsAndTheByline() throws {
    let text = try Self.seed("000_bb3b193bc24b719b.txt")
    #expect(text.language.language == .pl)
    #expect(text.title.map { text.text($0.span) } == "Kreml potwierdza: Putin pomoże Łukaszence w \"rozwiązywaniu problemów\" na Białorusi")
    #expect(text.credits.map(\.text) == ["Źródło: Fot. PAP/EPA/ALEXEI NIKOLSKY / SPUTNIK / KREM"])
    let paragraphs = text.paragraphs.map { text.text($0.span) }
    #expect(paragraphs.count == 7)
    #expect(paragraphs.first?.hasPrefix("Jak informuje Kreml, rosyjski przywódca") == true)
    #expect(paragraphs.last == "PAP")
    #expect(text.boilerplate.first?.text == "Przejdź do treści")
    #expect(text.boilerplate.first?.reason == "skip-link")
    // Every line from "Wiadomości" down is chrome.
    let wiadomosci = try #require(text.boilerplate.firstIndex { $0.text == "Wiadomości" })
    #expect(text.boilerplate.count - wiadomosci == 25)
    #expect(text.boilerplate.last?.text == "Nowy koronawirus nietoperzy odkryty w Chinach. Obawy o pandemię")
  }

  @Test func polishSeedSentencesSurviveAbbreviationsAndQuotes() throws {
    let text = try Self.seed("000_bb3b193bc24b719b.txt")
    let sentences = text.bodySentences
    #expect(sentences[0].hasPrefix("Jak informuje Kreml,"))
    #expect(sentences[0].hasSuffix("czyli poradzieckiej organizacji bezpieczeństwa."))
    #expect(sentences.contains("Kreml wyraził wczoraj przekonanie, że problemy na Białorusi zostaną wkrótce uregulowane."))
    #expect(sentences.count == 11)
  }

  @Test func germanSeedHasTitleAndElevenParagraphsIncludingTheTruncatedOne() throws {
    let text = try Self.seed("004_266daebb3b7432db.txt")
    #expect(text.language.language == .de)
    #expect(text.title.map { text.text($0.span) } == "Putin, Lukaschenko führen Gespräche in Sotschi")
    #expect(text.boilerplate.isEmpty)
    #expect(text.paragraphs.count == 11)
    #expect(text.bodySentences.contains("Putin erinnerte sich daran"))
  }

  @Test(arguments: [
    ("W Mińsku m.in. przedstawiciele tzw. opozycji spotkali się o godz. 12 w centrum.", Language.pl, 1),
    ("Die Nachbarstaaten, z.B. Polen und Litauen, protestierten. Dr. Müller sagte das u.a. im Radio.", .de, 2),
    ("Так называемая оппозиция, т.е. сторонники Тихановской, собралась в Минске. Это было в 2020 г. летом.", .ru, 2),
    ("Mr. Smith arrived in the U.S. capital on Monday. He left on Tuesday.", .en, 2),
  ])
  func abbreviationsDoNotEndSentences(text: String, language: Language, count: Int) {
    let segmented = segment(text, language: language)
    #expect(segmented.bodySentences.count == count, "\(segmented.bodySentences)")
  }

  @Test func dashLedDirectSpeechStaysOneSentence() {
    let text = segment("– Trzeba to zrobić natychmiast! – mówił Łukaszenka. Potem wyszedł z sali.", language: .pl)
    #expect(text.bodySentences == ["– Trzeba to zrobić natychmiast! – mówił Łukaszenka.", "Potem wyszedł z sali."])
  }

  @Test func germanSentencesSplitAfterQuotedSpeech() {
    let text = segment("Putin sagte: „Wir helfen.“ Lukaschenko dankte ihm.", language: .de)
    #expect(text.bodySentences == ["Putin sagte: „Wir helfen.“", "Lukaschenko dankte ihm."])
  }

  @Test func nestedQuotesAreFoundAndClassed() {
    let marked = MarkedText("Putin mówił o ⟦„rozmowie, w której padło słowo ⟦»pomoc«⟧ i nic więcej”⟧ w Soczi.")
    let text = segment(marked.text, language: .pl)
    #expect(text.quotations.map { $0.span.start..<$0.span.end } == marked.spans)
    #expect(text.quotations.map(\.kind) == [.quotation, .scareQuote])
    #expect(text.quotations.map(\.depth) == [0, 1])
  }

  @Test func unbalancedQuoteClosesAtParagraphEnd() throws {
    let text = segment("Łukaszenka powiedział: „nie oddamy kraju nikomu\nDrugi akapit.", language: .pl)
    let quote = try #require(text.quotations.first)
    #expect(quote.closed == false)
    #expect(text.text(quote.span) == "„nie oddamy kraju nikomu")
  }

  /// Any dash that leads a reporting clause after the quote makes it speech: en and em dash, figure
  /// dash, horizontal bar, minus sign, hyphen-minus. Without the dash the same words are a scare quote.
  @Test(arguments: ["\u{2013}", "\u{2014}", "\u{2012}", "\u{2015}", "\u{2212}", "-"])
  func quoteBeforeADashAndReportingClauseIsSpeech(dash: String) {
    let text = segment("«Мы поможем», \(dash) сказал Лукашенко.", language: .ru)
    #expect(text.quotations.map(\.kind) == [.quotation])
    let bare = segment("«Мы поможем» сказал Лукашенко.", language: .ru)
    #expect(bare.quotations.map(\.kind) == [.scareQuote])
  }

  @Test func scareQuoteVersusQuotationInTheSeedSentence() throws {
    let text = try Self.seed("000_bb3b193bc24b719b.txt")
    let kinds = Dictionary(text.quotations.map { (text.text($0.inner), $0.kind) }, uniquingKeysWith: { a, _ in a })
    #expect(kinds["rozwiązywaniu problemów"] == .scareQuote)
    #expect(kinds["merytoryczne konsultacje we wszystkich kwestiach"] == .quotation)
  }

  @Test func spansShiftByCodePointsAfterAstralCharacters() {
    let plain = segment("Kreml potwierdza „pomoc” dla Mińska.", language: .pl)
    let prefix = "😀👍🏽👨‍👩‍👧 é "
    let shifted = segment(prefix + "Kreml potwierdza „pomoc” dla Mińska.", language: .pl)
    let shift = prefix.unicodeScalars.count
    #expect(shifted.quotations.map(\.span.start) == plain.quotations.map { $0.span.start + shift })
    #expect(shifted.tokens.last.map(\.span.end) == plain.tokens.last.map { $0.span.end + shift })
    #expect(shifted.text(shifted.quotations[0].span) == "„pomoc”")
  }

  @Test(arguments: [
    ("Prezydent Białorusi powiedział wczoraj, że nie ma zamiaru ustąpić ze stanowiska.", Language.pl),
    ("Der Präsident sagte am Montag, dass er nicht zurücktreten werde und die Proteste nicht gewinnen.", .de),
    ("Президент заявил, что не собирается уходить в отставку, и что протесты не победят.", .ru),
    ("The president said on Monday that he would not step down and that the protests would fail.", .en),
    ("Президент заявив, що не збирається йти у відставку, і що протести не переможуть.", .uk),
    ("Прэзідэнт заявіў, што не збіраецца сыходзіць у адстаўку, і што пратэсты не пераможаць.", .be),
  ])
  func languageIsIdentifiedFromFunctionWords(text: String, language: Language) {
    #expect(segment(text).language.language == language)
  }

  /// Headlines have too few function words; the marked letters of their words decide, with the
  /// winner's share of the votes as confidence.
  @Test(arguments: [
    ("Президент України Володимир Зеленський заявив, що Росія готує новий наступ", Language.uk, 0.588),
    ("Президент России Владимир Путин заявил о готовности к переговорам", .ru, 0.571),
    ("Лукашэнка сустрэўся з Пуціным у Мінску", .be, 0.545),
    ("Sąd uniewinnił Asię Bibi", .pl, 1),
    ("Gericht prüft Klage gegen Ärzte", .de, 1),
  ])
  func shortTextsAreIdentifiedByMarkedLetters(text: String, language: Language, confidence: Double) {
    let guess = segment(text).language
    #expect(guess.language == language)
    #expect(guess.confidence == confidence)
  }

  /// "Путин" and "Минск" hold only letters that the Russian and Ukrainian alphabets share: a tie stays
  /// undetermined, and a single word decides nothing.
  @Test func tiedOrSingleLetterVotesLeaveTheLanguageUndetermined() {
    #expect(segment("Путин — Минск").language.language == .und)
    #expect(segment("Łukaszenka").language.language == .und)
    #expect(segment("Кому запрещено вакцинироваться?").language.language == .und)
  }

  /// Paragraphs are voted by function words only: a short one takes its document's language, whatever
  /// letters it has ("архів" in a Russian caption).
  @Test func shortParagraphsTakeTheDocumentsLanguage() {
    let text = segment("""
      Суд в Пакистане отменил смертный приговор христианке, которую обвинили в богохульстве, и она вышла на свободу.

      Reuters (архів)
      """)
    #expect(text.language.language == .ru)
    #expect(text.paragraphs.map(\.language.language) == [.ru, .ru])
    #expect(text.paragraphs.map(\.language.confidence) == [0.556, 0])
  }

  @Test func tokensCarryFoldedAndLooseKeys() {
    let text = segment("Łukaszence Лукашенко", language: .pl)
    #expect(text.tokens.map { text.key(of: $0).folded } == ["łukaszence", "лукашенко"])
    #expect(text.tokens.map { text.key(of: $0).latin } == ["łukaszence", "lukašenko"])
    #expect(text.tokens.map { text.key(of: $0).loose } == ["lukaszence", "lukasenko"])
  }

  /// Lines end at every "\n", wherever it falls against the eight-unit blocks the search reads, and
  /// keep their text without surrounding spaces; a text ending in "\n" has an empty last line.
  @Test func linesEndAtEveryNewline() {
    let words = "Łukaszenka  spotkał się z Putinem w Soczi. \n\n Rozmowy trwały pięć godzin.\n  \nKreml nie podał szczegółów.\n"
    for cut in 0..<12 {
      let text = String(words.dropFirst(cut))
      let units = Array(text.utf16)
      let lines = Segmenter.lines(units, tokens: [])
      let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(lines.map { String(decoding: units[$0.start..<$0.end], as: UTF16.self) } == expected, "cut \(cut)")
    }
  }
}

extension SegmenterTests {
  /// A line that repeats an earlier one is boilerplate; a line that only shares its length and its
  /// first, middle and last characters with an earlier one (how repeats are looked up) is not.
  @Test func onlyTrueRepeatsOfALineAreBoilerplate() throws {
    let text = """
      Warszawa: Kreml zaprzecza doniesieniom.
      Sejm uchwalił ustawę o mediach publicznych w piątek.
      Warszawa: Kreml zaprzecza doniesieniom.
      Warszawa: Kijów zaprzecza doniesieniom.
      Premier zapowiedział, że rząd przedstawi projekt jesienią.
      """
    let document = try TextDecoder().decode(Array(text.utf8), name: "repeats")
    let segmented = Segmenter(lexicons: defaultLexicons).segment(document, language: .pl)
    #expect(segmented.boilerplate.map(\.reason) == ["repeated"])
    #expect(segmented.boilerplate.map(\.text) == ["Warszawa: Kreml zaprzecza doniesieniom."])
    #expect(segmented.boilerplate.first?.span == TextSpan(start: 93, end: 132))
  }
}
