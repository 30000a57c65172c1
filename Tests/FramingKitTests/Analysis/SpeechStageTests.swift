import FramingKit
import Testing

@Suite struct SpeechStageTests {
  @Test func germanSeedIsReportedSpeechOfPutinAndLukashenkoFromTheSecondSentenceOn() throws {
    let profile = try seedProfile("004_266daebb3b7432db.txt")
    let body = profile.sentences.filter { !$0.title }
    #expect(body.count == 11)
    for sentence in body {
      #expect(sentence.voice == .indirect || sentence.voice == .direct, "\(sentence.text)")
      #expect(!sentence.speakers.isEmpty && sentence.speakers.allSatisfy { ["putin", "lukashenko"].contains($0) }, "\(sentence.text)")
    }
    #expect(profile.sentence(containing: "Ich bin sicher")?.voice == .direct)
    #expect(profile.sentence(containing: "Ich bin sicher")?.speakers == ["putin"])
    #expect(profile.sentence(containing: "Dafür werde Russland")?.speakers == ["putin"])
    #expect(profile.sentence(containing: "Bei dem Treffen sagte Lukaschenko")?.speakers == ["lukashenko"])
    #expect(profile.sentence(containing: "Russland und Weißrussland arbeiten")?.reason == "content of the announcement before it")
    #expect(profile.sentence(containing: "Putin erinnerte sich daran")?.voice == .indirect)
    #expect(profile.sources.map(\.entity).sorted() == ["lukashenko", "putin"])
    #expect(!profile.sources.contains { $0.kind == "wire-agency" })
  }

  @Test func polishSeedVoicesAndHedges() throws {
    let profile = try seedProfile("000_bb3b193bc24b719b.txt")
    let kremlin = try #require(profile.sentence(containing: "Kreml wyraził wczoraj przekonanie"))
    #expect(kremlin.voice == .indirect)
    #expect(kremlin.speakers == ["kremlin"])
    let quote = try #require(profile.sentence(containing: "przy pierwszej prośbie"))
    #expect(quote.voice == .direct)
    #expect(quote.speakers == ["lukashenko"])
    #expect(quote.verbs.map(\.stance) == [.neutral])
    let hedges = profile.findings("hedging")
    #expect(hedges.contains { $0.surface == "mieli przeprowadzić" && $0.label == "reportative" && $0.voice == .authorial })
    #expect(hedges.contains { $0.surface == "„rozwiązywaniu problemów”" && $0.label == "scare-quote" && $0.voice == .authorial })
    #expect(hedges.contains { $0.surface == "tzw." && $0.label == "distancing" })
    let loaded = profile.findings("loaded-terms")
    #expect(loaded.contains { $0.surface == "prezydentem Białorusi" && $0.label == "legitimizing" && $0.voice == .authorial })
    #expect(loaded.contains { $0.surface == "presji z zewnątrz" && $0.label == "state-narrative" && $0.voice == .reported })
    let names = profile.findings("naming").map { "\($0.surface)|\($0.details["side"] ?? "")" }
    #expect(names.contains("Alaksandrem Łukaszenką|national-usage"))
    #expect(names.contains("Aleksandr Łukaszenka|russian-usage"))
  }

  @Test func germanSeedLegitimizingTitleIsTheOutlets() throws {
    let profile = try seedProfile("004_266daebb3b7432db.txt")
    let loaded = profile.findings("loaded-terms")
    #expect(loaded.contains { $0.surface == "Amtskollegen" && $0.label == "legitimizing" && $0.voice == .authorial && $0.entity == "lukashenko" })
    #expect(loaded.contains { $0.surface == "Druck von außen" && $0.label == "state-narrative" && $0.voice == .reported })
  }

  @Test(arguments: [
    ("Kreml wyraził wczoraj przekonanie, że problemy na Białorusi zostaną wkrótce uregulowane.", Language.pl, SentenceVoice.indirect, ["kremlin"]),
    ("Według Kremla rozmowa przebiegła w konstruktywnej atmosferze.", .pl, .attributed, ["kremlin"]),
    ("– Nie oddamy kraju nikomu – mówił Łukaszenka.", .pl, .direct, ["lukashenko"]),
    ("Laut TASS wurden die Gespräche am Abend fortgesetzt.", .de, .attributed, ["tass"]),
    ("Peskow sagte, dass der Kreml die Lage beobachte.", .de, .indirect, ["peskov"]),
    ("Как сообщает РИА Новости, президенты обсудили ситуацию в регионе.", .ru, .attributed, ["ria"]),
    ("Песков заявил, что Кремль внимательно следит за ситуацией.", .ru, .indirect, ["peskov"]),
    ("«Мы поможем», — сказал Путин журналистам.", .ru, .direct, ["putin"]),
    ("According to Reuters, the talks lasted three hours.", .en, .attributed, ["reuters"]),
    ("Lavrov said that Moscow would respond.", .en, .indirect, ["lavrov"]),
    ("The weather in Minsk was cold on Sunday.", .en, .assertion, []),
    ("Reuters said the talks had ended without an agreement.", .en, .indirect, ["reuters"]),
    ("EU leaders, among them the prime ministers of Spain and Greece, condemned the verdict.", .en, .indirect, ["eu-leaders"]),
    ("Jak podano, rozmowy potrwają do piątku.", .pl, .attributed, []),
  ])
  func sentenceVoiceAndSpeakers(text: String, language: Language, voice: SentenceVoice, speakers: [String]) {
    let sentence = profile(text, language: language).sentences.first { !$0.title }
    #expect(sentence?.voice == voice, "\(sentence?.reason ?? "")")
    #expect(sentence?.speakers == speakers)
  }

  @Test func konjunktivContinuesTheReportAcrossSentences() {
    let profile = profile("Peskow sagte am Montag, der Kreml sei besorgt. Russland werde alle Verpflichtungen erfüllen. Das Wetter war schön.",
                          language: .de)
    let voices = profile.sentences.map(\.voice)
    #expect(voices == [.indirect, .indirect, .assertion])
    #expect(profile.sentences[1].speakers == ["peskov"])
    #expect(profile.sentences[1].reason == "reported mood continues the report")
  }

  @Test func aKonjunktivFormAloneContinuesTheReport() {
    // The second sentence's only item is "sei": it continues Peskov's report; the third's "dass" alone does not.
    let profile = profile("Peskow sagte am Montag, der Kreml sei besorgt. Die Lage sei ernst.\n\n\nEs ist klar, dass es regnet.",
                          language: .de)
    #expect(profile.sentences.map(\.voice) == [.indirect, .indirect, .assertion])
    #expect(profile.sentences[1].reason == "reported mood continues the report")
    #expect(profile.sentences[1].speakers == ["peskov"])
    #expect(profile.sentences[2].speakers == [])
  }

  @Test func aSentenceWithNothingToReadStillContinuesAnAnnouncement() {
    // The second paragraph has no cue, verb, marker or mention of its own: only the announcement
    // before it makes it reported.
    let profile = profile("Peskow sagte am Montag:\n\nDie Lage bleibt ernst.\n\nDie Sonne scheint.", language: .de)
    #expect(profile.sentences.map(\.voice) == [.indirect, .indirect, .assertion])
    #expect(profile.sentences[1].reason == "content of the announcement before it")
    #expect(profile.sentences[1].speakers == ["peskov"])
    #expect(profile.sentences[2].reason == "no quotation, reporting verb or attribution cue")
  }

  @Test func aMentionSpeaksWithoutCuesOnlyWhenItOpensTheSentenceBeforeAColon() {
    // The first sentence's mentions give the rules nothing to read; the second opens with a name and a colon.
    let profile = profile("Gestern trafen sich Putin und Lukaschenko in Sotschi.\n\nTichanowskaja: Alle Gefangenen freilassen.",
                          language: .de)
    #expect(profile.sentences.map(\.voice) == [.assertion, .indirect])
    #expect(profile.sentences[0].reason == "no quotation, reporting verb or attribution cue")
    #expect(profile.sentences[0].speakers == [])
    #expect(profile.sentences[1].reason == "speaker and colon")
    #expect(profile.sentences[1].speakers == ["tsikhanouskaya"])
    #expect(profile.findings("sourcing").map { "\($0.entity ?? "")|\($0.label)" }
      == ["putin|mentioned", "lukashenko|mentioned", "tsikhanouskaya|speaker"])
  }

  @Test func aBylineIsOneEvenWhenItsNameDoesNotOpenTheLine() {
    let profile = profile("Łukaszenka spotkał się z Putinem w Soczi.\n\n(PAP)", language: .pl)
    #expect(profile.sentences.map(\.reason) == ["no quotation, reporting verb or attribution cue", "byline"])
    #expect(profile.findings("sourcing").map { "\($0.entity ?? "")|\($0.label)" } == ["lukashenko|mentioned", "putin|mentioned", "pap|byline"])
  }

  @Test func chainsNestReportersAndSpeakers() {
    let profile = profile("Agencja BiełTA wskazuje, że Łukaszenka i Putin potwierdzili gotowość wspólnego reagowania.", language: .pl)
    #expect(profile.sentences.first?.chain == [["belta"], ["lukashenko", "putin"]])
  }

  @Test func pronounsStandForTheLastSpeaker() {
    let profile = profile("Putin sagte, dass er helfen werde. Er fügte hinzu, dass Russland bereit sei.", language: .de)
    #expect(profile.sentences.map(\.speakers) == [["putin"], ["putin"]])
    #expect(profile.findings("sourcing").contains { $0.surface == "Er" && $0.entity == "putin" && $0.details["match"] == "anaphor" })
  }

  @Test func attributionFragmentLendsItsSourceToTheSentenceBefore() {
    let profile = profile("Колонна техники прошла через Гродно. Об этом сообщает ТАСС.", language: .ru)
    #expect(profile.sentences.map(\.voice) == [.attributed, .attributed])
    #expect(profile.sentences.map(\.speakers) == [["tass"], ["tass"]])
    #expect(profile.sentences[0].reason == "content of the attribution fragment after it")
    #expect(profile.sentences[1].reason == "attribution fragment naming the source of what precedes")
  }

  @Test func germanTopicDasBeforeTheVerbIsABackReferenceButAnArticleIsNot() {
    let fragment = profile("Die Übung beginnt am Montag. Das teilte das Verteidigungsministerium in Minsk mit.", language: .de)
    #expect(fragment.sentences.map(\.voice) == [.attributed, .attributed])
    let article = profile("Die Übung beginnt am Montag. Das Verteidigungsministerium bestätigte den Beginn der Übung.", language: .de)
    #expect(article.sentences.map(\.voice) == [.assertion, .indirect])
  }

  @Test func allThisReachesBackOverThePreviousParagraph() {
    let profile = profile("""
      Na granicy stoją setki migrantów. W tle słychać helikoptery.

      O tym wszystkim poinformował wieczorem Biełsat.
      """, language: .pl)
    #expect(profile.sentences.map(\.voice) == [.attributed, .attributed, .attributed])
    #expect(profile.sentences.allSatisfy { $0.speakers == ["belsat"] })
  }

  @Test func pronounAttributionContinuesTheSourceBefore() {
    let profile = profile("Лукашенко заявил, что учения пройдут осенью. По его словам, в них примут участие пять тысяч военных.", language: .ru)
    #expect(profile.sentences.map(\.voice) == [.indirect, .attributed])
    #expect(profile.sentences[1].speakers == ["lukashenko"])
    #expect(profile.sentences[1].reason == "attribution to the source named before")
  }

  @Test func creditsInsideBodyLinesAreCreditsNotSpeakers() {
    let profile = profile("MINSK, May 3. /TASS/. The drills will start on Monday, Lukashenko said. Security was tight (Picture: Reuters/AP)",
                          language: .en)
    let roles = profile.findings("sourcing").map { "\($0.entity ?? "")|\($0.label)" }
    #expect(roles == ["tass|credit", "lukashenko|speaker", "reuters|credit", "ap|credit"])
    #expect(profile.sentence(containing: "The drills")?.speakers == ["lukashenko"])
  }

  @Test func onlyPossibleSourcesCountAsMentions() {
    // A man only talked about is the story's subject, not its sourcing; a principal actor is listed anyway.
    let profile = profile("Raman Pratasiewicz został zatrzymany w Mińsku po lądowaniu samolotu. Putin milczy.", language: .pl)
    #expect(profile.findings("sourcing").map { "\($0.entity ?? "")|\($0.label)" } == ["putin|mentioned"])
  }
}
