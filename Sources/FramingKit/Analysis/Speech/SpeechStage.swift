/// The who-speaks stage: decides each sentence's voice, its speakers or sources and the chain of
/// attribution, and gives every registry mention its role. Every later analyzer reads its output.
///
/// Voice rules, in order (the README spells them out):
/// 1. `direct` — a clause-like quotation in the sentence, or dash-led speech (a paragraph that opens
///    with a dash is speech until it ends).
/// 2. `indirect` — a reporting verb or `reports` cue with a complement clause, a colon or a Konjunktiv I
///    form after it; then `attributed` for an attribution fragment ("Об этом сообщает ТАСС"), which also
///    lends its source to the outlet's sentences it refers back to; then `indirect` for a reporting clause
///    placed after the content ("…, podaje administracja Putina") or a `reports` cue led by its source.
/// 3. `attributed` — an attribution cue opening the sentence ("Jak informuje Kreml, …", "laut TASS").
/// 4. `indirect` — a reporting verb with its speaker.
/// 5. `attributed` — any other attribution cue; an attribution to the source named before ("по его словам").
/// 6. `indirect` — a name and a colon; a reportative marker; a reporting verb followed by its content;
///    a Konjunktiv I form or the content of a bare announcement continuing the previous report.
/// 7. `assertion` — none of these.
///
/// A verb's speaker is the registry mention right after it ("sagte Putin"; not in English), else the
/// first mention of its clause before it, else, when the verb opens its clause, the first mention after
/// it; pronouns listed as `anaphor` stand for the last person who spoke. Mentions joined by one short
/// word ("Łukaszenka i Putin") speak together.
public struct SpeechStage {
  public let lexicons: LexiconSet

  public init(lexicons: LexiconSet) { self.lexicons = lexicons }

  private struct Candidate {
    let tokens: Range<Int>
    let entities: [String]
    let isAnaphor: Bool
    let mentionIndexes: [Int]
  }

  public func run(_ text: SegmentedText, scan: LexiconScan) -> AttributedArticle {
    let language = text.language.language
    // The scan lists hits and mentions sentence by sentence: each sentence's are a range.
    let hitRanges = Self.ranges(of: scan.hits, sentences: text.sentences.count) { $0.pointee.sentence }
    let mentionRanges = Self.ranges(of: scan.mentions, sentences: text.sentences.count) { $0.pointee.sentence }

    let byline = bylineMentions(text, scan: scan, mentionRanges: mentionRanges)
    let inlineCredits = inlineCreditMentions(text, scan: scan, mentionRanges: mentionRanges)
    // Each scanned mention's role, by its index (nil: only mentioned).
    var roles = [SourceRole?](copies: nil, count: scan.mentions.count)
    for index in byline { roles[index] = .byline }
    for index in inlineCredits { roles[index] = .credit }

    var speeches: [SentenceSpeech] = []
    var anaphorMentions: [ResolvedMention] = []
    var lastPerson: String?
    var lastSpeakers: [String] = []
    var lastChain: [[String]] = []
    var lastReportedParagraph = Int.min
    var announcement = false
    var dashParagraph = Int.min

    // Rules read a hit's category and id from the compiled lists (an entry is a large value to copy).
    let categoryLists = text.lexicon?.categories ?? ByKind()
    let referenceLists = text.lexicon?.entryReferences ?? ByKind()
    let reference = { (hit: LexiconHit) in referenceLists[hit.kind]![hit.entry] }
    let category = { (hit: LexiconHit) in categoryLists[hit.kind]![hit.entry] }
    // Every sentence's hits are sorted by these two kinds' categories: taken out of the lists once.
    let hedgeCategories = categoryLists[.hedges] ?? [], markerCategories = categoryLists[.clauseMarkers] ?? []

    speeches.reserveCapacity(text.sentences.count)
    // A sentence's hits sorted by role, and lists only its rules read; each made once for the
    // article and emptied for every sentence, keeping its room.
    var cueCandidates: [LexiconHit] = [], verbHits: [LexiconHit] = [], complementizers: [Int] = [], moods: [LexiconHit] = []
    var reportatives: [LexiconHit] = [], anaphors: [LexiconHit] = [], sourceAnaphors: [LexiconHit] = []
    var backReferences: [LexiconHit] = []
    var sortedHits = false
    var events: [(token: Int, entities: [String])] = []
    var usedMentions: [Int] = []
    var acceptedCues: [LexiconHit] = []
    // Reporting verbs not inside a cue, the accepted cues of category `reports` (their source speaks),
    // and the speech events (those verbs and cues) in text order.
    var freeVerbs: [Int] = [], reportCues: [LexiconHit] = []
    var speechEvents: [(tokens: Range<Int>, hasSpeaker: Bool)] = []
    for (sentenceIndex, sentence) in text.sentences.enumerated() {
      let hits = scan.hits[hitRanges[sentenceIndex]]
      let sentenceMentions = mentionRanges[sentenceIndex]
      let range = sentence.tokens
      // Emptied only after a sentence that had hits to sort.
      if sortedHits {
        cueCandidates.removeAll(keepingCapacity: true)
        verbHits.removeAll(keepingCapacity: true)
        complementizers.removeAll(keepingCapacity: true)
        moods.removeAll(keepingCapacity: true)
        reportatives.removeAll(keepingCapacity: true)
        anaphors.removeAll(keepingCapacity: true)
        sourceAnaphors.removeAll(keepingCapacity: true)
        backReferences.removeAll(keepingCapacity: true)
      }
      sortedHits = !hits.isEmpty
      for hit in hits {
        switch hit.kind {
        case .attribution: cueCandidates.append(hit)
        case .reportingVerbs: verbHits.append(hit)
        case .hedges: if hedgeCategories[hit.entry] == "reportative" { reportatives.append(hit) }
        case .clauseMarkers:
          switch markerCategories[hit.entry] {
          case "complementizer": complementizers.append(hit.tokens.lowerBound)
          case "reported-mood": moods.append(hit)
          case "anaphor": anaphors.append(hit)
          case "source-anaphor": sourceAnaphors.append(hit)
          case "back-reference", "summary-reference": backReferences.append(hit)
          default: break
          }
        default: break
        }
      }
      let lineStart = sentence.paragraph >= 0 ? text.paragraphs[sentence.paragraph].span.start : sentence.span.start
      let quotes = Self.quotations(text.quotations, overlapping: sentence.span, lineStart: lineStart)

      let firstToken = range.isEmpty ? nil : text.tokens[range.lowerBound]
      let dashLed = firstToken.map { Typography.isDash($0.mark) } ?? false
      if dashLed && sentence.paragraph >= 0 && text.paragraphs[sentence.paragraph].sentences.lowerBound == sentenceIndex {
        dashParagraph = sentence.paragraph
      }
      let inDashSpeech = sentence.paragraph >= 0 && sentence.paragraph == dashParagraph
      let contextual = sentence.paragraph >= 0 && lastReportedParagraph >= sentence.paragraph - 1 && !lastSpeakers.isEmpty
      let isByline = !byline.isEmpty && sentenceMentions.contains { byline.contains($0) }

      // Most sentences give no rule anything to read: no quotation, dash, cue, verb, reportative or
      // source anaphor, back-reference, or report to continue (by an announcement or a reported mood),
      // and no mention that could speak without these (one of the byline, or one opening the sentence
      // before a colon). Complementizers and pronouns alone serve only cues and verbs. Such sentences
      // are the outlet's own, as rule 7 would find.
      if quotes.isEmpty && !inDashSpeech && cueCandidates.isEmpty && verbHits.isEmpty
        && reportatives.isEmpty && sourceAnaphors.isEmpty && backReferences.isEmpty
        && !(contextual && (announcement || !moods.isEmpty))
        && !isByline && !sentenceMentions.contains(where: { scan.mentions[$0].tokens.lowerBound == range.lowerBound }) {
        speeches.append(SentenceSpeech(voice: .assertion, speakers: [], verbs: [], cues: [], reported: [], quoted: [], chain: [],
                                       reason: Self.assertionReason))
        if sentence.paragraph > lastReportedParagraph + 1 { lastSpeakers = [] }
        announcement = false
        continue
      }

      // Candidates for speakers: mention groups and resolved pronouns.
      var candidates = sentenceMentions.isEmpty ? []
        : groups(inlineCredits.isEmpty ? Array(sentenceMentions) : sentenceMentions.filter { !inlineCredits.contains($0) },
                 scan: scan, text: text)
      if let person = lastPerson {
        for hit in anaphors {
          candidates.append(Candidate(tokens: hit.tokens, entities: [person], isAnaphor: true, mentionIndexes: []))
        }
      }
      candidates = candidates.ordered { $0.tokens.lowerBound < $1.tokens.lowerBound }

      events.removeAll(keepingCapacity: true)
      // Mentions that speak or are cited (a list: a repeat only sets the same role again).
      usedMentions.removeAll(keepingCapacity: true)
      var cues: [AttributionCue] = []
      /// The group a slot-filling mention belongs to ("Łukaszenka i Putin" fills "{source} potwierdzili" together).
      func group(of fill: Int) -> Candidate {
        candidates.first { $0.mentionIndexes.contains(fill) }
          ?? Candidate(tokens: scan.mentions[fill].tokens, entities: [scan.mentions[fill].entity], isAnaphor: false, mentionIndexes: [fill])
      }
      acceptedCues.removeAll(keepingCapacity: true)
      for hit in cueCandidates {
        guard let fill = hit.fills.first else { continue }
        let filler = group(of: fill)
        // "{source} potwierdził": the slot before the verb must be its clause's subject, the first
        // mention of the clause ("Putin w rozmowie z Łukaszenką potwierdził" is Putin's, not Łukaszenka's).
        if filler.tokens.lowerBound <= hit.tokens.lowerBound {
          let start = clauseStart(before: hit.tokens.lowerBound, in: range, text: text, complementizers: complementizers)
          if candidates.contains(where: { $0.tokens.lowerBound >= start && $0.tokens.upperBound <= filler.tokens.lowerBound }) { continue }
        }
        acceptedCues.append(hit)
        let entryCategory = category(hit), entry = reference(hit)
        for entity in filler.entities {
          cues.append(AttributionCue(span: span(text, hit.tokens), category: entryCategory, entity: entity, entry: entry))
        }
        events.append((hit.tokens.lowerBound, filler.entities))
        usedMentions += filler.mentionIndexes
      }
      let cueHits = acceptedCues
      var verbs: [ReportingVerb] = []
      for hit in verbHits {
        // A verb inside a cue ("{source} sagte") speaks for the cue's source.
        let cueSpeaker = cueHits.first { $0.tokens.overlaps(hit.tokens) }.flatMap { cue in cue.fills.first.map(group(of:)) }
        let speaker = cueSpeaker ?? chooseSpeaker(for: hit.tokens, in: range, candidates: candidates, text: text, language: language,
                                                  complementizers: complementizers)
        verbs.append(ReportingVerb(span: span(text, hit.tokens), entry: reference(hit),
                                   stance: Stance(rawValue: category(hit)) ?? .neutral, speakers: speaker?.entities ?? []))
        if let speaker {
          events.append((hit.tokens.lowerBound, speaker.entities))
          usedMentions += speaker.mentionIndexes
          if speaker.isAnaphor {
            for entity in speaker.entities {
              anaphorMentions.append(ResolvedMention(entity: entity, span: span(text, speaker.tokens), sentence: sentenceIndex,
                                                     role: .speaker, isDescription: false, isAnaphor: true))
            }
          }
        }
      }

      var voice = SentenceVoice.assertion
      var reason = Self.assertionReason
      var reported: [TextSpan] = []
      var quoted: [TextSpan] = []
      var inherited = false
      // Speech events: reporting verbs (with or without a speaker) and `reports` cues (their source speaks).
      freeVerbs.removeAll(keepingCapacity: true)
      for index in verbHits.indices where !cueHits.contains(where: { $0.tokens.overlaps(verbHits[index].tokens) }) {
        freeVerbs.append(index)
      }
      speechEvents.removeAll(keepingCapacity: true)
      for index in freeVerbs { speechEvents.append((verbHits[index].tokens, !verbs[index].speakers.isEmpty)) }
      reportCues.removeAll(keepingCapacity: true)
      for hit in cueHits where category(hit) == "reports" { reportCues.append(hit) }
      for hit in reportCues { speechEvents.append((hit.tokens, true)) }
      if speechEvents.count > 1 { speechEvents.sort { $0.tokens.lowerBound < $1.tokens.lowerBound } }
      // A clause after the event: a complementizer, or (German) a Konjunktiv I form standing for one.
      // A colon right after the event opens its words too ("Kreml potwierdza: Putin pomoże …").
      let colons = speechEvents.compactMap { event -> Int? in
        event.tokens.upperBound < range.upperBound && text.tokens[event.tokens.upperBound].mark == Typography.colon ? event.tokens.upperBound : nil
      }
      // An event has a clause after it when the last clause start is after it.
      let lastClauseStart = max(complementizers.max() ?? -1, moods.lazy.map(\.tokens.lowerBound).max() ?? -1, colons.max() ?? -1)
      let eventWithClause = speechEvents.first { event in lastClauseStart >= event.tokens.upperBound }
      // "Об этом сообщает ТАСС", "Das teilte … mit", "mówił o tym": a back-reference bound to a reporting
      // verb or cue makes the sentence an attribution fragment, naming the source of what precedes it.
      let fragmentReference = backReferences.first { reference in
        (verbHits.map(\.tokens) + cueHits.map(\.tokens)).contains { anchor in
          Self.isBound(reference.tokens, to: anchor, sentence: range, names: candidates.map(\.tokens), text: text)
        }
      }
      let postposed = firstPostposed(verbs: verbHits, reportCues: reportCues, in: range, text: text)
      if isByline {
        reason = "byline"
      } else if !quotes.isEmpty || inDashSpeech {
        voice = .direct
        reason = quotes.isEmpty ? "dash-led speech" : "quotation"
        for quote in quotes {
          reported.append(TextSpan(start: max(quote.inner.start, sentence.span.start), end: min(quote.inner.end, sentence.span.end)))
        }
        if inDashSpeech {
          let end = postposed.map { text.tokens[$0 - 1].span.start } ?? sentence.span.end
          let start = dashLed && range.count > 1 ? text.tokens[range.lowerBound + 1].span.start : sentence.span.start
          if start < end { reported.append(TextSpan(start: start, end: end)) }
        }
        quoted = reported
        inherited = verbs.allSatisfy { $0.speakers.isEmpty } && cues.isEmpty
      } else if let event = eventWithClause {
        voice = .indirect
        let clause = complementizers.first { $0 >= event.tokens.upperBound } ?? colons.first { $0 >= event.tokens.upperBound }
        reason = clause == nil ? "reporting verb with a clause in reported mood" : "reporting verb with a complement clause"
        let start = clause ?? min(event.tokens.upperBound, range.upperBound - 1)
        reported.append(TextSpan(start: text.tokens[start].span.start, end: sentence.span.end))
        inherited = !event.hasSpeaker && cues.isEmpty
      } else if fragmentReference != nil {
        voice = .attributed
        reason = "attribution fragment naming the source of what precedes"
      } else if let boundary = postposed {
        voice = .indirect
        reason = "reporting clause after the content"
        if boundary - 1 > range.lowerBound {
          reported.append(TextSpan(start: sentence.span.start, end: text.tokens[boundary - 1].span.start))
        }
      } else if let cue = reportCues.first(where: { hit in
        hit.fills.first.map { scan.mentions[$0].tokens.lowerBound <= hit.tokens.lowerBound } ?? false
      }) {
        // "Reuters said the talks ended", "Die Agentur bestätigte den Angriff": the source is the subject of
        // the reporting verb, which is speech by that source, not an adjunct naming it.
        voice = .indirect
        reason = "reporting verb with its speaker"
        if cue.tokens.upperBound < range.upperBound {
          reported.append(TextSpan(start: text.tokens[cue.tokens.upperBound].span.start, end: sentence.span.end))
        }
      } else if let cue = cueHits.first, cue.tokens.lowerBound == range.lowerBound
                  || text.tokens[range.lowerBound..<cue.tokens.lowerBound].allSatisfy({ !$0.isWord }) {
        // "Jak informuje Kreml, …", "Laut TASS …": the cue frames the whole sentence as the source's information.
        voice = .attributed
        reason = "attribution cue opening the sentence"
      } else if let index = freeVerbs.first(where: { !verbs[$0].speakers.isEmpty }) {
        voice = .indirect
        reason = "reporting verb with its speaker"
        let verb = verbHits[index]
        if verb.tokens.upperBound < range.upperBound {
          reported.append(TextSpan(start: text.tokens[verb.tokens.upperBound].span.start, end: sentence.span.end))
        }
      } else if !cues.isEmpty {
        voice = .attributed
        reason = "attribution cue"
      } else if !sourceAnaphors.isEmpty {
        // "По его словам, …", "demnach", "Jak podano, …": attribution to the source of the report before.
        voice = .attributed
        reason = "attribution to the source named before"
        inherited = true
      } else if let speaker = candidates.first, !speaker.isAnaphor, speaker.tokens.lowerBound == range.lowerBound,
                speaker.tokens.upperBound < range.upperBound, text.tokens[speaker.tokens.upperBound].mark == Typography.colon {
        // "Tichanowskaja: Alle Gefangenen freilassen" — a name and a colon open the speaker's words.
        voice = .indirect
        reason = "speaker and colon"
        events.append((speaker.tokens.lowerBound, speaker.entities))
        usedMentions += speaker.mentionIndexes
        if speaker.tokens.upperBound + 1 < range.upperBound {
          reported.append(TextSpan(start: text.tokens[speaker.tokens.upperBound + 1].span.start, end: sentence.span.end))
        }
      } else if !reportatives.isEmpty {
        // A hearsay marker ("podobno", "soll … haben", "якобы") passes on what others say.
        voice = .indirect
        reason = Self.reportativeReason
        inherited = true
      } else if let index = freeVerbs.first, verbHits[index].tokens.upperBound < range.upperBound,
                text.tokens[verbHits[index].tokens.upperBound].isWord {
        // "The ministry said the border would stay closed": speech by a source the registry does not know.
        voice = .indirect
        reason = "reporting verb with an unnamed speaker"
        reported.append(TextSpan(start: text.tokens[verbHits[index].tokens.upperBound].span.start, end: sentence.span.end))
      } else if contextual && (!moods.isEmpty || announcement) {
        voice = .indirect
        reason = announcement ? "content of the announcement before it" : "reported mood continues the report"
        reported.append(sentence.span)
        inherited = true
      }

      var speakers: [String] = []
      let byToken = events.ordered { $0.token < $1.token }
      for event in byToken where !(postposed.map { event.token >= $0 } ?? false) {
        for entity in event.entities where !speakers.contains(entity) { speakers.append(entity) }
      }
      for event in byToken {
        for entity in event.entities where !speakers.contains(entity) { speakers.append(entity) }
      }
      if voice.isReported && speakers.isEmpty && inherited && contextual {
        speakers = lastSpeakers
      }
      // Outer reporters first: a reporting clause after the content ("…, podaje administracja Putina") frames it.
      let ordered = events.ordered { first, second in
        let firstOuter = postposed.map { first.token >= $0 } ?? false, secondOuter = postposed.map { second.token >= $0 } ?? false
        return firstOuter != secondOuter ? firstOuter : first.token < second.token
      }
      var chain: [[String]] = []
      for event in ordered where chain.last != event.entities { chain.append(event.entities) }
      if chain.isEmpty && !speakers.isEmpty && voice.isReported { chain = inherited && speakers == lastSpeakers ? lastChain : [speakers] }

      for index in usedMentions {
        roles[index] = lexicons.isPerson(position: scan.mentions[index].entityPosition) ? .speaker : .attributed
      }
      if let reference = fragmentReference, voice == .attributed {
        let scope = category(reference) == "summary-reference" ? FragmentScope.paragraph : .sentence
        for index in fragmentContent(before: sentenceIndex, scope: scope, text: text, speeches: speeches) {
          let content = speeches[index]
          speeches[index] = SentenceSpeech(voice: .attributed, speakers: speakers, verbs: content.verbs, cues: content.cues,
                                           reported: [], quoted: [], chain: chain,
                                           reason: "content of the attribution fragment after it")
        }
      }
      speeches.append(SentenceSpeech(voice: voice, speakers: speakers, verbs: verbs, cues: cues,
                                     reported: reported.ordered(by: <), quoted: quoted.ordered(by: <), chain: chain, reason: reason))

      if voice.isReported && !speakers.isEmpty {
        lastSpeakers = speakers
        lastChain = chain
        lastReportedParagraph = sentence.paragraph
        if let person = speakers.last(where: lexicons.isPerson) { lastPerson = person }
      } else if voice == .assertion && sentence.paragraph > lastReportedParagraph + 1 {
        lastSpeakers = []
      }
      let lastUnit = text.document.utf16[sentence.utf16End - 1]
      announcement = verbs.contains { !$0.speakers.isEmpty } && voice == .indirect
        && (lastUnit == Typography.colon || !(Typography.sentenceEnds.contains(lastUnit) || Typography.quotationMarks.contains(lastUnit)
          || lastUnit == Typography.apostrophe))
    }

    var mentions: [ResolvedMention] = scan.mentions.enumerated().map { index, mention in
      ResolvedMention(entity: mention.entity, span: span(text, mention.tokens), sentence: mention.sentence,
                      role: roles[index] ?? .mentioned, isDescription: mention.isDescription, isAnaphor: false)
    }
    mentions += anaphorMentions
    var credits: [CreditChain] = []
    for (credit, creditMentions) in zip(text.credits, scan.creditMentions) {
      let chain = creditChain(credit, mentions: creditMentions, text: text)
      credits.append(chain.chain)
      for mention in creditMentions where mention.tokens.lowerBound >= chain.bodyStart {
        mentions.append(ResolvedMention(entity: mention.entity, span: span(text, mention.tokens), sentence: -1, role: .credit,
                                        isDescription: mention.isDescription, isAnaphor: false))
      }
    }
    mentions.sort { $0.span != $1.span ? $0.span < $1.span : $0.entity < $1.entity }
    let bylineEntities = byline.sorted().map { scan.mentions[$0].entity }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let layer = SpeechLayer(sentences: speeches, mentions: mentions, byline: bylineEntities, credits: credits)
    return AttributedArticle(text: text, scan: scan, speech: layer, lexicons: lexicons)
  }

  // MARK: - Helpers

  /// Per sentence, the range of the items that belong to it, given each item's sentence in ascending
  /// order (items of credit lines, sentence -1, belong to none). One pass, into one array; an item's
  /// sentence is read where the item is (a copy of a hit or mention retains what it holds).
  static func ranges<Item>(of items: [Item], sentences count: Int, sentence: (UnsafePointer<Item>) -> Int) -> [Range<Int>] {
    var result = [Range<Int>](copies: 0..<0, count: count)
    result.withUnsafeMutableBufferPointer { result in
      items.withUnsafeBufferPointer { items in
        var item = 0
        for index in 0..<count {
          while item < items.count && sentence(items.baseAddress! + item) < index { item += 1 }
          let start = item
          while item < items.count && sentence(items.baseAddress! + item) == index { item += 1 }
          result[index] = start..<item
        }
      }
    }
    return result
  }

  /// Clause-like quotations overlapping a span. Quotations are sorted by start and never leave their
  /// line, so only those starting between the line's start and the span's end can overlap it.
  static func quotations(_ all: [Quotation], overlapping span: TextSpan, lineStart: Int) -> [Quotation] {
    var index = all.partitioningIndex { $0.span.start >= lineStart }
    var result: [Quotation] = []
    while index < all.count && all[index].span.start < span.end {
      if all[index].kind == .quotation && all[index].span.overlaps(span) { result.append(all[index]) }
      index += 1
    }
    return result
  }

  /// A clause boundary: a dash, ",", ";", ":", "(" or ")" (a token's `mark`).
  static func isBoundary(_ mark: UInt16) -> Bool {
    switch mark {
    case Typography.comma, Typography.semicolon, Typography.colon, Typography.openingParenthesis, Typography.closingParenthesis: true
    default: Typography.isDash(mark)
    }
  }

  private func span(_ text: SegmentedText, _ tokens: Range<Int>) -> TextSpan {
    TextSpan(start: text.tokens[tokens.lowerBound].span.start, end: text.tokens[tokens.upperBound - 1].span.end)
  }

  /// Mentions joined into groups: mentions of one entity at most two words apart ("russische Präsident
  /// Wladimir Putin", "agencja prasowa BiełTA"),
  /// or mentions with one short lowercase word between them ("Łukaszenka i Putin").
  private func groups(_ indexes: [Int], scan: LexiconScan, text: SegmentedText) -> [Candidate] {
    var result: [Candidate] = []
    // The scan lists a sentence's mentions in text order already: sorted only when they are not.
    let starts = { (index: Int) in scan.mentions[index].tokens.lowerBound }
    let inOrder = indexes.indices.dropFirst().allSatisfy { starts(indexes[$0 - 1]) <= starts(indexes[$0]) }
    for index in inOrder ? indexes : indexes.sorted(by: { starts($0) < starts($1) }) {
      let mention = scan.mentions[index]
      if let last = result.last {
        let gap = last.tokens.upperBound..<mention.tokens.lowerBound
        let sameEntity = last.entities.count == 1 && last.entities[0] == mention.entity && gap.count <= 2
          && gap.allSatisfy { text.tokens[$0].isWord }
        let joins = gap.isEmpty || sameEntity || (gap.count == 1 && text.tokens[gap.lowerBound].isWord && {
          let folded = text.key(of: text.tokens[gap.lowerBound]).folded
          return folded.count <= 3 && folded == text.text(text.tokens[gap.lowerBound].span)
        }())
        if joins {
          var entities = last.entities
          if !entities.contains(mention.entity) { entities.append(mention.entity) }
          result[result.count - 1] = Candidate(tokens: last.tokens.lowerBound..<mention.tokens.upperBound, entities: entities,
                                               isAnaphor: false, mentionIndexes: last.mentionIndexes + [index])
          continue
        }
      }
      result.append(Candidate(tokens: mention.tokens, entities: [mention.entity], isAnaphor: false, mentionIndexes: [index]))
    }
    return result
  }

  private func chooseSpeaker(for verb: Range<Int>, in range: Range<Int>, candidates: [Candidate], text: SegmentedText,
                             language: Language, complementizers: [Int]) -> Candidate? {
    if let inside = candidates.first(where: { verb.contains($0.tokens.lowerBound) && $0.tokens.upperBound <= verb.upperBound }) {
      return inside  // a split verb around its subject: "fügte Putin hinzu"
    }
    let immediate = candidates.first { $0.tokens.lowerBound == verb.upperBound }
    if language != .en, let immediate { return immediate }
    let clauseStart = clauseStart(before: verb.lowerBound, in: range, text: text, complementizers: complementizers)
    if let first = candidates.first(where: { $0.tokens.lowerBound >= clauseStart && $0.tokens.upperBound <= verb.lowerBound }) {
      return first
    }
    if let immediate { return immediate }
    do {
      var end = verb.upperBound
      while end < range.upperBound && !complementizers.contains(end) && text.tokens[end].mark != Typography.comma { end += 1 }
      if let after = candidates.first(where: { $0.tokens.lowerBound >= verb.upperBound && $0.tokens.upperBound <= end }) {
        return after
      }
    }
    // "EU leaders, among them …, condemned the verdict": the sentence's subject, set off by an apposition.
    if let subject = candidates.first, !subject.isAnaphor, subject.tokens.upperBound <= verb.lowerBound,
       text.tokens[range.lowerBound..<subject.tokens.lowerBound].allSatisfy({ !$0.isWord }) {
      return subject
    }
    return nil
  }

  /// The first token of the clause that holds `token`: after the last punctuation boundary or complementizer.
  private func clauseStart(before token: Int, in range: Range<Int>, text: SegmentedText, complementizers: [Int]) -> Int {
    var position = token - 1
    while position >= range.lowerBound {
      if Self.isBoundary(text.tokens[position].mark) || complementizers.contains(position) { return position + 1 }
      position -= 1
    }
    return range.lowerBound
  }

  /// The token index of the boundary before a verb or cue that opens the last clause of the sentence,
  /// after some content ("…, podaje administracja Putina"; "… – mówił Łukaszenka"), if any.
  private func firstPostposed(verbs: [LexiconHit], reportCues: [LexiconHit], in range: Range<Int>, text: SegmentedText) -> Int? {
    // The first such event in text order: the one that starts first.
    var first: Int?
    func consider(_ event: Range<Int>) {
      let before = event.lowerBound - 1
      guard before > range.lowerBound + 2, Self.isBoundary(text.tokens[before].mark) else { return }
      guard text.tokens[before].mark != Typography.openingParenthesis else { return }
      // The reporting clause runs to the end: no further boundary-led clause with content after it.
      if first.map({ event.lowerBound < $0 }) ?? true { first = event.lowerBound }
    }
    for index in verbs.indices { consider(verbs[index].tokens) }
    for index in reportCues.indices { consider(reportCues[index].tokens) }
    return first
  }

  /// A paragraph that is only registry names of outlets (first or last body paragraph) is a byline.
  private func bylineMentions(_ text: SegmentedText, scan: LexiconScan, mentionRanges: [Range<Int>]) -> Set<Int> {
    var result: Set<Int> = []
    // The first paragraph and the last (once, when they are one), if it is one sentence naming only
    // outlets: outlets are looked up first, as most mentions are not of outlets.
    func consider(_ paragraph: Paragraph) {
      guard paragraph.sentences.count == 1 else { return }
      let sentenceIndex = paragraph.sentences.lowerBound
      let indexes = mentionRanges[sentenceIndex]
      guard !indexes.isEmpty, indexes.allSatisfy({ lexicons.isOutlet(position: scan.mentions[$0].entityPosition) }) else { return }
      var covered = Set<Int>()
      for index in indexes { covered.formUnion(scan.mentions[index].tokens) }
      let words = text.sentences[sentenceIndex].tokens.filter { text.tokens[$0].isWord }
      if words.allSatisfy({ covered.contains($0) }) { result.formUnion(indexes) }
    }
    guard let first = text.paragraphs.first else { return result }
    consider(first)
    if text.paragraphs.count > 1 { consider(text.paragraphs[text.paragraphs.count - 1]) }
    return result
  }

  /// How far back an attribution fragment reaches: "Об этом …" names the source of the sentence before,
  /// "Tego wszystkiego …" ("all this") that of the paragraph before.
  /// The reason of a sentence marked as hearsay only by a reportative word; an attribution fragment
  /// after it names its source.
  static let reportativeReason = "reportative marker"
  /// The reason of a sentence in the outlet's own voice.
  static let assertionReason = "no quotation, reporting verb or attribution cue"

  enum FragmentScope { case sentence, paragraph }

  /// Whether a back-reference is bound to a reporting verb or cue. A phrase ("об этом", "o tym") may stand
  /// inside the cue, next to the verb or a few words away in its clause ("Пра гэта агенцтву паведамілі").
  /// A single word ("das", "informację") is as often an article or the object's own head, so it counts
  /// only as the topic opening the sentence right before the verb ("Das teilte … mit").
  static func isBound(_ reference: Range<Int>, to anchor: Range<Int>, sentence: Range<Int>, names: [Range<Int>],
                      text: SegmentedText) -> Bool {
    guard reference.filter({ text.tokens[$0].isWord }).count > 1 else {
      return reference.lowerBound == sentence.lowerBound && reference.upperBound == anchor.lowerBound
        && !names.contains { $0.contains(reference.upperBound) }
    }
    if reference.overlaps(anchor) { return true }
    let gap = reference.upperBound <= anchor.lowerBound ? reference.upperBound..<anchor.lowerBound : anchor.upperBound..<reference.lowerBound
    return gap.count <= 3 && gap.allSatisfy { text.tokens[$0].isWord }
  }

  /// The sentences an attribution fragment refers back to: the outlet's own sentences just before it
  /// (or hearsay without a source), skipping intertitles, up to the previous report or the title.
  private func fragmentContent(before sentenceIndex: Int, scope: FragmentScope, text: SegmentedText,
                               speeches: [SentenceSpeech]) -> [Int] {
    var result: [Int] = []
    var index = sentenceIndex - 1
    while index >= 0 {
      let sentence = text.sentences[index]
      guard sentence.paragraph >= 0 else { break }
      let paragraph = text.paragraphs[sentence.paragraph]
      let lastUnit = text.document.utf16[sentence.utf16End - 1]
      let ended = Typography.sentenceEnds.contains(lastUnit) || Typography.quotationMarks.contains(lastUnit)
      if paragraph.sentences.count == 1 && !ended {
        index -= 1
        continue  // an intertitle or a caption between the content and its source
      }
      if let first = result.first, text.sentences[first].paragraph != sentence.paragraph { break }
      let speech = speeches[index]
      guard speech.voice == .assertion || speech.reason == Self.reportativeReason else { break }
      result.append(index)
      if scope == .sentence { break }
      index -= 1
    }
    return result
  }

  /// Credits inside body lines, which are no one's speech: an outlet joined to others by "/" or set off
  /// by "|" ("PAP/EPA", "/TASS/", "Moskau dpa |"), and any registry name after a credit marker ending
  /// in a colon ("(Photo: AP)", "фота: БелТА").
  private func inlineCreditMentions(_ text: SegmentedText, scan: LexiconScan, mentionRanges: [Range<Int>]) -> Set<Int> {
    var result: Set<Int> = []
    let isSeparator = { (mark: UInt16) in mark == Typography.slash || mark == Typography.verticalBar }
    // Read once, not per sentence: each read of a class's list retains it.
    let credits = text.lexicon.flatMap { lexicon in lexicon.indexes[.boilerplate].map { (index: $0, categories: lexicon.categories[.boilerplate] ?? []) } }
    let terms = text.terms
    for (sentenceIndex, indexes) in mentionRanges.enumerated() where !indexes.isEmpty {
      let range = text.sentences[sentenceIndex].tokens
      for index in indexes {
        let tokens = scan.mentions[index].tokens
        guard lexicons.isOutlet(position: scan.mentions[index].entityPosition) else { continue }
        let before = tokens.lowerBound > range.lowerBound ? text.tokens[tokens.lowerBound - 1].mark : 0
        let after = tokens.upperBound < range.upperBound ? text.tokens[tokens.upperBound].mark : 0
        if isSeparator(before) || isSeparator(after) { result.insert(index) }
      }
      // Most sentences have no token a credit phrase can start with (the scan noted which may).
      guard let (index, categories) = credits, let terms,
            index.mayMatch(startMask: scan.sentenceStartMasks[sentenceIndex], fills: nil) else { continue }
      var position = range.lowerBound
      while position < range.upperBound {
        defer { position += 1 }
        guard text.tokens[position].isWord,
              let match = index.longestMatch(at: position, limit: range.upperBound, terms: terms, fills: nil),
              categories[match.payload] == "credit" else { continue }
        let colon = text.tokens[match.tokens.upperBound - 1].mark == Typography.colon ? match.tokens.upperBound - 1
          : match.tokens.upperBound < range.upperBound && text.tokens[match.tokens.upperBound].mark == Typography.colon ? match.tokens.upperBound : nil
        guard let colon else { continue }
        var end = colon + 1
        while end < range.upperBound && text.tokens[end].mark != Typography.closingParenthesis { end += 1 }
        for mention in indexes where scan.mentions[mention].tokens.lowerBound > colon && scan.mentions[mention].tokens.upperBound <= end {
          result.insert(mention)
        }
        position = end - 1
      }
    }
    return result
  }

  /// Splits a credit line after its prefix at "/" and ",".
  private func creditChain(_ credit: CreditSpan, mentions: [SourceMention], text: SegmentedText) -> (chain: CreditChain, bodyStart: Int) {
    var parts: [String] = []
    var entities: [String?] = []
    var current: [Int] = []
    var tokensInParts: [[Int]] = []
    let lexicon = text.lexicon
    var start = credit.tokens.lowerBound
    if let lexicon, let terms = text.terms, let index = lexicon.indexes[.boilerplate],
       let match = index.longestMatch(at: start, limit: credit.tokens.upperBound, terms: terms, fills: nil) {
      start = match.tokens.upperBound
    }
    for token in start..<credit.tokens.upperBound {
      let mark = text.tokens[token].mark
      if mark == Typography.slash || mark == Typography.comma || mark == Typography.verticalBar {
        if !current.isEmpty { tokensInParts.append(current) }
        current = []
      } else if !(mark == Typography.colon && current.isEmpty) {
        current.append(token)
      }
    }
    if !current.isEmpty { tokensInParts.append(current) }
    for part in tokensInParts {
      let first = text.tokens[part.first!], last = text.tokens[part.last!]
      parts.append(text.text(utf16: Int(first.utf16Start), Int(last.utf16End)))
      entities.append(mentions.first { Set($0.tokens).isSubset(of: Set(part)) }?.entity)
    }
    return (CreditChain(span: credit.span, parts: parts, entities: entities), start)
  }
}

private extension Array {
  /// Sorted, as `sorted(by:)` sorts; a list of none or one (most lists of a sentence) is returned as
  /// it is, without the copy and the call of a sort.
  func ordered(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
    count < 2 ? self : sorted(by: areInIncreasingOrder)
  }
}
