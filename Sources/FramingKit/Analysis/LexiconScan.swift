/// Raw lexicon hits of one article: every registry mention and every entry of every kind that fires,
/// sentence by sentence. The analyzers read these; the benchmark times them.
public struct LexiconHit: Hashable, Sendable {
  public let kind: LexiconKind
  /// Index of the entry in its file (for `.sources`, of the entity).
  public let entry: Int
  public let sentence: Int
  public let tokens: Range<Int>
  /// Indexes into `LexiconScan.mentions` of the mentions that filled slots.
  public let fills: [Int]
}

/// A registry mention found in the text.
public struct SourceMention: Hashable, Sendable {
  public let entity: String
  public let sentence: Int
  public let tokens: Range<Int>
  /// True when matched by a description ("rzecznik Kremla") rather than a name.
  public let isDescription: Bool
  /// The entity's position in the registry (`LexiconSet.entities`).
  let entityPosition: Int
}

public struct LexiconScan: Sendable {
  public let mentions: [SourceMention]
  public let hits: [LexiconHit]
  /// Registry mentions inside each credit line (sentence -1).
  public let creditMentions: [[SourceMention]]
  /// Per sentence, its tokens' start masks OR'ed: the phrase indexes with a pattern that may start in
  /// it (empty when the text has no lexicon). Later stages that match an index over sentences ask it.
  let sentenceStartMasks: [UInt32]

  /// Kinds scanned per sentence (abbreviations, boilerplate, function words and shapes are used by the text layer).
  static let scannedKinds: [LexiconKind] = [.hedges, .reportingVerbs, .attribution, .clauseMarkers, .loaded, .naming]

  public init(_ text: SegmentedText, lexicons: LexiconSet) {
    guard let compiled = text.lexicon, let terms = text.terms else {
      mentions = []
      hits = []
      creditMentions = text.credits.map { _ in [] }
      sentenceStartMasks = []
      return
    }
    creditMentions = text.credits.map { credit in
      compiled.sourceIndex.matches(in: credit.tokens, terms: terms).map { match in
        let name = compiled.sourceNames[match.payload]
        return SourceMention(entity: lexicons.entities[name.entity].id, sentence: -1, tokens: match.tokens,
                             isDescription: name.isDescription, entityPosition: name.entity)
      }
    }
    var mentions: [SourceMention] = []
    var hits: [LexiconHit] = []
    hits.reserveCapacity(text.tokens.count / 8 + 4)
    // The tokens of a sentence where a walk of some index may find something (see `PhraseIndex.forEachMatch`).
    var candidates: [Int32] = []
    var sentenceStartMasks: [UInt32] = []
    sentenceStartMasks.reserveCapacity(text.sentences.count)
    for (sentenceIndex, sentence) in text.sentences.enumerated() {
      // The phrase indexes with a pattern that may start at some token of the sentence, and those
      // whose walk from some token may find something (most tokens that start a pattern are not
      // followed by a word that goes on with it).
      var startMask: UInt32 = 0, walkMask: UInt32 = 0
      let limit = sentence.tokens.upperBound
      candidates.removeAll(keepingCapacity: true)
      for token in sentence.tokens {
        let mask = terms.startMask(token)
        guard mask != 0 else { continue }
        startMask |= mask
        let walks = terms.walkMask(from: token, limit: limit)
        walkMask |= walks
        if walks != 0 { candidates.append(Int32(token)) }
      }
      sentenceStartMasks.append(startMask)
      let firstMention = mentions.count
      if compiled.sourceIndex.mayMatch(startMask: walkMask, fills: nil) {
        candidates.withUnsafeBufferPointer { candidates in
          compiled.sourceIndex.forEachMatch(candidates: candidates, limit: limit, terms: terms, fills: nil) { match in
            let name = compiled.sourceNames[match.payload]
            mentions.append(SourceMention(entity: lexicons.entities[name.entity].id, sentence: sentenceIndex, tokens: match.tokens,
                                          isDescription: name.isDescription, entityPosition: name.entity))
          }
        }
      }
      var fills: SlotFills?
      if mentions.count > firstMention {
        var starts: [Int] = [], found: [SlotFills.Fill] = []
        starts.reserveCapacity(mentions.count - firstMention)
        found.reserveCapacity(mentions.count - firstMention)
        for index in firstMention..<mentions.count {
          starts.append(mentions[index].tokens.lowerBound)
          found.append(SlotFills.Fill(index: index, end: mentions[index].tokens.upperBound,
                                      isPerson: lexicons.isPerson(position: mentions[index].entityPosition)))
        }
        fills = SlotFills(starts: starts, fills: found)
      }
      // Patterns led by a slot may start wherever a mention does (a mention's first token mostly has
      // a start mask of its own, as it starts a name).
      if let fills {
        for start in fills.startTokens {
          let token = Int32(start)
          let position = candidates.partitioningIndex { $0 >= token }
          if position == candidates.count || candidates[position] != token { candidates.insert(token, at: position) }
        }
      }
      candidates.withUnsafeBufferPointer { candidates in
        for (kind, index) in compiled.scannedIndexes {
          let slotted = index.hasSlots ? fills : nil
          guard index.mayMatch(startMask: walkMask, fills: slotted) else { continue }
          index.forEachMatch(candidates: candidates, limit: limit, terms: terms, fills: slotted) { match in
            hits.append(LexiconHit(kind: kind, entry: match.payload, sentence: sentenceIndex, tokens: match.tokens, fills: match.fills))
          }
        }
      }
    }
    self.mentions = mentions
    self.hits = hits
    self.sentenceStartMasks = sentenceStartMasks
  }
}
