/// Finding indexes by analyzer, each list in order: every score, index and flag reads one analyzer's
/// findings, so one pass sorts them out and none scans them all.
struct FindingsByAnalyzer {
  private(set) var sourcing: [Int] = []
  private(set) var voice: [Int] = []
  private(set) var reportingVerbs: [Int] = []
  private(set) var hedging: [Int] = []
  private(set) var loadedTerms: [Int] = []
  private(set) var naming: [Int] = []

  init(_ findings: [Finding]) {
    var start = 0
    while start < findings.count {
      // The pipeline lists each analyzer's findings together: a run is sorted out at once.
      var end = start + 1
      while end < findings.count && findings[end].analyzer == findings[start].analyzer { end += 1 }
      switch findings[start].analyzer {
      case SourcingAnalyzer.id: sourcing.append(contentsOf: start..<end)
      case VoiceAnalyzer.id: voice.append(contentsOf: start..<end)
      case ReportingVerbAnalyzer.id: reportingVerbs.append(contentsOf: start..<end)
      case HedgeAnalyzer.id: hedging.append(contentsOf: start..<end)
      case LoadedTermAnalyzer.id: loadedTerms.append(contentsOf: start..<end)
      case NamingAnalyzer.id: naming.append(contentsOf: start..<end)
      default: break
      }
      start = end
    }
  }
}

/// What the registry says about the speakers of a sentence, looked up once per sentence for the
/// scores, indices and flags that ask.
struct SpeakerTraits: OptionSet {
  let rawValue: UInt8

  static let stateAffiliated = SpeakerTraits(rawValue: 1 << 0)
  static let anonymous = SpeakerTraits(rawValue: 1 << 1)
  /// An independent, opposition, NGO or international voice: one that can counter an official line.
  static let counterVoice = SpeakerTraits(rawValue: 1 << 2)

  /// The traits any of the speakers has.
  init(speakers: [String], lexicons: LexiconSet) {
    var traits: SpeakerTraits = []
    for speaker in speakers {
      // Fields read in place: copying an entity would retain all of its strings and tables.
      guard let position = lexicons.entityPosition(speaker) else { continue }
      if lexicons.entities[position].stateAffiliated { traits.insert(.stateAffiliated) }
      let kind = lexicons.entities[position].kind
      if kind == "anonymous" { traits.insert(.anonymous) }
      if SourceEntity.counterVoiceKinds.contains(kind) { traits.insert(.counterVoice) }
    }
    self = traits
  }

  init(rawValue: UInt8) { self.rawValue = rawValue }
}

/// The title and body sentences (a byline excluded) that every rate is computed over, with their
/// speakers' traits and the voice finding of each sentence.
struct AnalyzedSentences {
  let sentences: [Profile.SentenceInfo]
  /// Parallel to `sentences`.
  let traits: [SpeakerTraits]
  /// Their words: the denominator of every rate.
  let words: Int
  /// By sentence index (of all sentences): whether the sentence is analyzed, and its voice finding
  /// (the last, should there be several).
  private let analyzed: [Bool]
  private let voiceFindings: [Int?]

  init(all: [Profile.SentenceInfo], findings: [Finding], byAnalyzer: FindingsByAnalyzer, lexicons: LexiconSet) {
    // Most articles have no byline sentence: they share the array rather than copy it. The loops go by
    // position and read members in place: iterating sentences copies each, a dozen retains.
    sentences = all.indices.contains { all[$0].reason == "byline" } ? all.filter { $0.reason != "byline" } : all
    let sentences = self.sentences
    var traits: [SpeakerTraits] = []
    traits.reserveCapacity(sentences.count)
    var words = 0
    var analyzed = [Bool](copies: false, count: all.count)
    for position in sentences.indices {
      traits.append(SpeakerTraits(speakers: sentences[position].speakers, lexicons: lexicons))
      words += sentences[position].words
      analyzed[sentences[position].index] = true
    }
    self.traits = traits
    self.words = words
    self.analyzed = analyzed
    var voiceFindings = [Int?](copies: nil, count: all.count)
    for index in byAnalyzer.voice where voiceFindings.indices.contains(findings[index].sentence) {
      voiceFindings[findings[index].sentence] = index
    }
    self.voiceFindings = voiceFindings
  }

  func isAnalyzed(_ sentence: Int) -> Bool { analyzed.indices.contains(sentence) && analyzed[sentence] }

  func voiceFinding(of sentence: Int) -> Int? { voiceFindings.indices.contains(sentence) ? voiceFindings[sentence] : nil }

  /// A mask over sentence indexes, for filtering findings by their sentence.
  func mask(_ sentences: some Sequence<Int>) -> SentenceMask {
    var marked = [Bool](copies: false, count: analyzed.count)
    for sentence in sentences where marked.indices.contains(sentence) { marked[sentence] = true }
    return SentenceMask(marked: marked)
  }
}

/// A set of sentence indexes as flags: findings are filtered by it one lookup each, without hashing.
struct SentenceMask {
  fileprivate let marked: [Bool]

  func contains(_ sentence: Int) -> Bool { marked.indices.contains(sentence) && marked[sentence] }
}
