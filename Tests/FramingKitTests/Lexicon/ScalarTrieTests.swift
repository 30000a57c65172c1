@testable import FramingKit
import Testing

/// The stem trie and the word map find their slots by hashes of prefixes and words; whatever the
/// hashes do, what they answer must be exactly what a plain comparison of scalars answers.
@Suite struct ScalarTrieTests {
  private static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

  @Test func stemsMatchEveryInflectedFormAndWordsOnlyThemselves() {
    let trie = ScalarTrie()
    trie.insert(Self.scalars("kreml"), term: 0, exact: false)
    trie.insert(Self.scalars("łukaszen"), term: 1, exact: false)
    trie.insert(Self.scalars("łukaszence"), term: 2, exact: true)
    trie.insert(Self.scalars("кремл"), term: 3, exact: false)
    trie.insert(Self.scalars("kreml"), term: 4, exact: true)
    // A term given twice to one node is found once.
    trie.insert(Self.scalars("kreml"), term: 0, exact: false)
    trie.insert(Self.scalars("kreml"), term: 4, exact: true)
    let found = { (form: String) -> [Int32] in
      var terms: [Int32] = []
      trie.collect(Self.scalars(form), into: &terms)
      return terms.sorted()
    }
    #expect(found("kreml") == [0, 4])
    #expect(found("kremla") == [0])
    #expect(found("kremlu") == [0])
    #expect(found("łukaszenka") == [1])
    #expect(found("łukaszence") == [1, 2])
    #expect(found("łukaszenką") == [1])
    #expect(found("кремля") == [3])
    #expect(found("krem") == [])
    #expect(found("łukasz") == [])
    #expect(found("") == [])
  }

  /// Thousands of stems and words over a four-letter alphabet share long prefixes and make the table
  /// grow many times; every form is checked against a scan of all entries.
  @Test func collectEqualsAPlainScanOnManyOverlappingEntries() {
    var random = SplitMix(seed: 7)
    let alphabet: [UInt32] = [0x61, 0x62, 0x0105, 0x0431]
    let word = { (random: inout SplitMix) -> [UInt32] in
      (0..<(1 + Int(random.next() % 9))).map { _ in alphabet[Int(random.next() % 4)] }
    }
    let trie = ScalarTrie()
    var entries: [(scalars: [UInt32], term: Int32, exact: Bool)] = []
    for term in 0..<3000 {
      let entry = (scalars: word(&random), term: Int32(term), exact: random.next() % 2 == 0)
      entries.append(entry)
      trie.insert(entry.scalars, term: entry.term, exact: entry.exact)
    }
    for _ in 0..<3000 {
      let form = word(&random) + word(&random)
      var found: [Int32] = []
      trie.collect(form, into: &found)
      let expected = entries.filter { entry in
        entry.exact ? entry.scalars == form : form.starts(with: entry.scalars)
      }.map(\.term)
      #expect(found.sorted() == expected.sorted(), "form \(form)")
    }
  }

  @Test func wordMapAnswersWholeWordsOnly() {
    let map = ScalarMap()
    map[Self.scalars("und")] |= 1
    map[Self.scalars("и")] |= 2
    map[Self.scalars("і")] |= 4
    map[Self.scalars("и")] |= 8
    #expect(map[Self.scalars("und")] == 1)
    #expect(map[Self.scalars("и")] == 10)
    #expect(map[Self.scalars("і")] == 4)
    #expect(map[Self.scalars("un")] == 0)
    #expect(map[Self.scalars("unde")] == 0)
    #expect(map[Self.scalars("undeutlich")] == 0)

    var random = SplitMix(seed: 11)
    var expected: [[UInt32]: UInt8] = [:]
    for _ in 0..<5000 {
      let word = (0..<(1 + Int(random.next() % 6))).map { _ in UInt32(0x430 + random.next() % 5) }
      let value = UInt8(1 + random.next() % 200)
      map[word] = value
      expected[word] = value
    }
    for (word, value) in expected { #expect(map[word] == value) }
    #expect(map[[0x430, 0x430, 0x430, 0x430, 0x430, 0x430, 0x430]] == 0)
    // Words not in the map, many of whose filter bits are set by others, answer 0; found by the same
    // lookups a prefetch makes first.
    for _ in 0..<20000 {
      let word = (0..<(1 + Int(random.next() % 6))).map { _ in UInt32(0x430 + random.next() % 6) }
      word.withUnsafeBufferPointer { map.prefetch($0) }
      #expect(map[word] == expected[word] ?? 0, "\(word)")
    }
  }
}

extension ScalarTrieTests {
  /// The edge table finds exactly each node's own children: labels a multiple of 64 apart, labels
  /// past the root's direct array, nodes with many numbers between them.
  @Test func edgesSharingALabelBitFindOnlyTheirOwnChildren() {
    let edges = EdgeTable()
    edges.add(7, 1, target: 100)
    edges.add(7, 65, target: 101)
    edges.add(0, 0x0600, target: 102)
    edges.add(300, 2, target: 103)
    #expect(edges.child(7, 1) == 100)
    #expect(edges.child(7, 65) == 101)
    #expect(edges.child(7, 129) == -1)
    #expect(edges.child(7, 2) == -1)
    #expect(edges.child(0, 0x0600) == 102)
    #expect(edges.child(0, 0x0640) == -1)
    #expect(edges.child(300, 2) == 103)
    #expect(edges.child(300, 66) == -1)
    #expect(edges.child(8, 1) == -1)
    #expect(edges.child(5000, 1) == -1)
  }
}

extension ScalarTrieTests {
  /// A phrase index tests a token's terms against its node's label bits (a label modulo 64) before
  /// the edge table: after "head", the words of its own patterns match, and words whose terms share
  /// a bit with them (their terms are numbered between theirs, by other patterns) do not.
  @Test func phraseStepsTurnAwayOnlyTermsThatAreNotChildren() throws {
    let folder = KeyFolder()
    let index = PhraseIndex(vocabulary: Vocabulary())
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let words: [String] = (0..<160).map { number in
      let first: Character = letters[number / 26], second: Character = letters[number % 26]
      return "z\(first)\(second)"
    }
    for (number, word) in words.enumerated() {
      let pattern = try Pattern.parse(number % 2 == 0 ? "head \(word)" : "other \(word)", folder: folder, allowElements: true)
      #expect(index.insert(pattern, payload: number))
    }
    let cache = TermCache(vocabulary: index.vocabulary)
    for (number, word) in words.enumerated() {
      let forms = ["Head", word].map { form in Array(form.utf16).withUnsafeBufferPointer { folder.id(of: $0) } }
      let terms = TokenTerms(forms: forms, keys: folder.store, cache: cache)
      let match = index.longestMatch(at: 0, limit: 2, terms: terms, fills: nil)
      #expect(match?.payload == (number % 2 == 0 ? number : nil), "\(word)")
      #expect(match == nil || match?.tokens == 0..<2, "\(word)")
    }
  }
}

extension ScalarTrieTests {
  /// A walk is skipped when the token's terms lead only to nodes that neither end a pattern nor go on
  /// by a gap, and the next token has no term among their labels. What is skipped must be exactly what
  /// a walk would not have found: across two indexes over one vocabulary, with a gap, and at the end
  /// of the range.
  @Test func walksSkippedByTheNextTokenFindNothing() throws {
    let folder = KeyFolder()
    let vocabulary = Vocabulary()
    let phrases = PhraseIndex(vocabulary: vocabulary), singles = PhraseIndex(vocabulary: vocabulary)
    for (payload, text) in ["w ocenie", "w opinii", "nie … się"].enumerated() {
      #expect(phrases.insert(try Pattern.parse(text, folder: folder, allowElements: true), payload: payload))
    }
    #expect(singles.insert(try Pattern.parse("w", folder: folder, allowElements: true), payload: 0))
    let cache = TermCache(vocabulary: vocabulary)
    let match = { (index: PhraseIndex, text: String, limit: Int?) -> Range<Int>? in
      let words = text.split(separator: " ").map(String.init)
      let forms = words.map { form in Array(form.utf16).withUnsafeBufferPointer { folder.id(of: $0) } }
      let terms = TokenTerms(forms: forms, keys: folder.store, cache: cache)
      return index.longestMatch(at: 0, limit: limit ?? words.count, terms: terms, fills: nil)?.tokens
    }
    #expect(match(phrases, "W ocenie rządu", nil) == 0..<2)
    #expect(match(phrases, "w opinii", nil) == 0..<2)
    #expect(match(phrases, "w domu", nil) == nil)
    #expect(match(phrases, "w ocenie", 1) == nil)
    #expect(match(phrases, "nie wiem czy się", nil) == 0..<4)
    #expect(match(phrases, "nie się", nil) == 0..<2)
    #expect(match(phrases, "nie wiem", nil) == nil)
    #expect(match(singles, "w domu", nil) == 0..<1)
    #expect(match(singles, "w ocenie", nil) == 0..<1)
    #expect(match(singles, "w", nil) == 0..<1)
  }
}

extension ScalarTrie {
  /// `collect(_:into:)` for scalars in an array, as the tests hold them.
  func collect(_ scalars: [UInt32], into found: inout [Int32]) {
    scalars.withUnsafeBufferPointer { collect($0, into: &found) }
  }
}
