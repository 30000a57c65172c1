/// Every word, stem and shape that the patterns of one language use, numbered as terms. A token is
/// looked up once per distinct form (see `TermCache`); the phrase tries then walk term numbers.
///
/// Matching policy: a pattern word matches a token with the same folded key; a stem matches a token
/// whose folded key starts with it; a shape matches by its rule. Names (registry aliases and naming
/// variants) also match through the loose key — words of four letters or more for whole words — so
/// "Lukaszence" or "Lukašenko" meet "Łukaszence" and "Лукашенко". General vocabulary does not, as
/// diacritics tell words apart there ("konnte"/"könnte", "ze"/"że").
final class Vocabulary: @unchecked Sendable {
  private var words: [String: Int32] = [:]
  private var looseWords: [String: [Int32]] = [:]
  private var stems: [String: Int32] = [:]
  private var foldedStemTrie = ScalarTrie()
  private var looseStemTrie = ScalarTrie()
  private var shapeTerms: [String: Int32] = [:]
  private(set) var shapes: [(term: Int32, shape: WordShape)] = []
  private(set) var count: Int32 = 0

  private func next() -> Int32 {
    defer { count += 1 }
    return count
  }

  private var looseWordTerms: Set<Int32> = []
  private var looseStemTerms: Set<Int32> = []

  func term(word key: FoldedKey, loose: Bool) -> Int32 {
    let term = words[key.folded] ?? next()
    words[key.folded] = term
    if loose && key.loose.unicodeScalars.count >= 4 && looseWordTerms.insert(term).inserted { looseWords[key.loose, default: []].append(term) }
    return term
  }

  func term(stem key: FoldedKey, loose: Bool) -> Int32 {
    if let known = stems[key.folded] {
      if loose && looseStemTerms.insert(known).inserted { looseStemTrie.insert(key.loose, term: known) }
      return known
    }
    let term = next()
    stems[key.folded] = term
    foldedStemTrie.insert(key.folded, term: term)
    if loose && looseStemTerms.insert(term).inserted { looseStemTrie.insert(key.loose, term: term) }
    return term
  }

  /// The term of a named shape, or nil when the language defines no such shape.
  func term(shape name: String) -> Int32? { shapeTerms[name] }

  func define(shape name: String, _ shape: WordShape) {
    guard shapeTerms[name] == nil else { return }
    let term = next()
    shapeTerms[name] = term
    shapes.append((term, shape))
  }

  /// All terms a token with this key matches, sorted.
  func terms(for key: FoldedKey) -> [Int32] {
    var found: [Int32] = []
    if let term = words[key.folded] { found.append(term) }
    if key.loose.unicodeScalars.count >= 4, let terms = looseWords[key.loose] { found.append(contentsOf: terms) }
    foldedStemTrie.collect(key.folded, into: &found)
    looseStemTrie.collect(key.loose, into: &found)
    if !shapes.isEmpty {
      let scalars = key.folded.unicodeScalars.map(\.value)
      for (term, shape) in shapes where shape.matches(key.folded, scalars: scalars) { found.append(term) }
    }
    if found.count > 1 {
      found.sort()
      var unique: [Int32] = []
      for term in found where unique.last != term { unique.append(term) }
      return unique
    }
    return found
  }
}

/// Stems in a trie over Unicode scalars: walking a word once yields every stem that is a prefix of it,
/// without building prefix strings. Edges live in one open-addressing table keyed by (node, scalar),
/// so a step costs a multiply and a compare rather than a dictionary lookup per node.
struct ScalarTrie {
  /// `(node + 1) << 32 | scalar` per slot, 0 for an empty slot.
  private var edgeKeys = [UInt64](repeating: 0, count: 64)
  private var edgeTargets = [Int32](repeating: 0, count: 64)
  private var edgeCount = 0
  private var terms: [[Int32]] = [[]]

  var isEmpty: Bool { terms.count == 1 }

  private static func key(_ node: Int, _ scalar: UInt32) -> UInt64 { UInt64(node + 1) << 32 | UInt64(scalar) }

  private func slot(for key: UInt64) -> Int {
    let mask = edgeKeys.count - 1
    var slot = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> 32) & mask
    while edgeKeys[slot] != 0 && edgeKeys[slot] != key { slot = (slot + 1) & mask }
    return slot
  }

  private func child(_ node: Int, _ scalar: UInt32) -> Int? {
    let slot = slot(for: Self.key(node, scalar))
    return edgeKeys[slot] == 0 ? nil : Int(edgeTargets[slot])
  }

  mutating func insert(_ stem: String, term: Int32) {
    var node = 0
    for scalar in stem.unicodeScalars {
      if let next = child(node, scalar.value) {
        node = next
        continue
      }
      terms.append([])
      let made = terms.count - 1
      let key = Self.key(node, scalar.value)
      let slot = slot(for: key)
      edgeKeys[slot] = key
      edgeTargets[slot] = Int32(made)
      edgeCount += 1
      if edgeCount * 2 > edgeKeys.count { grow() }
      node = made
    }
    if !terms[node].contains(term) { terms[node].append(term) }
  }

  private mutating func grow() {
    let keys = edgeKeys, targets = edgeTargets
    edgeKeys = [UInt64](repeating: 0, count: keys.count * 2)
    edgeTargets = [Int32](repeating: 0, count: keys.count * 2)
    for (key, target) in zip(keys, targets) where key != 0 {
      let slot = slot(for: key)
      edgeKeys[slot] = key
      edgeTargets[slot] = target
    }
  }

  func collect(_ word: String, into found: inout [Int32]) {
    guard !isEmpty else { return }
    var node = 0
    for scalar in word.unicodeScalars {
      guard let next = child(node, scalar.value) else { return }
      node = next
      if !terms[node].isEmpty { found.append(contentsOf: terms[node]) }
    }
  }
}

/// A compiled set of patterns (one lexicon kind of one language, or the registry's names in one
/// language): a trie over terms, with slot and gap edges. Within one index the longest match wins;
/// at equal length, the entry listed first. Matching never leaves the token range it is given
/// (a sentence), and costs time linear in the number of tokens (pattern length is bounded).
final class PhraseIndex: @unchecked Sendable {
  struct Node {
    var edges: [Int32: Int32] = [:]
    var slots: [(kind: SlotKind, child: Int32)] = []
    var gap: Int32 = -1
    /// Index of the payload (entry) that ends here, or -1.
    var terminal: Int32 = -1
  }

  /// A match: which payload, which tokens, and which registry mentions filled its slots.
  struct Match: Hashable {
    let payload: Int
    let tokens: Range<Int>
    let fills: [Int]
  }

  private var nodes: [Node] = [Node()]
  /// By term number: whether some pattern starts with the term (most tokens start nothing, and an
  /// array answers that faster than the root's edge dictionary).
  private var startTerms: [Bool] = []
  let vocabulary: Vocabulary
  private(set) var hasSlots = false

  /// Whether this index holds names, which also match through loose keys.
  let matchesLoosely: Bool

  init(vocabulary: Vocabulary, matchesLoosely: Bool = false) {
    self.vocabulary = vocabulary
    self.matchesLoosely = matchesLoosely
  }

  private func child(of node: Int32, term: Int32) -> Int32 {
    if let next = nodes[Int(node)].edges[term] { return next }
    if node == 0 {
      while startTerms.count <= Int(term) { startTerms.append(false) }
      startTerms[Int(term)] = true
    }
    nodes.append(Node())
    let next = Int32(nodes.count - 1)
    nodes[Int(node)].edges[term] = next
    return next
  }

  /// Adds a pattern for a payload. Returns false when the pattern uses a shape the vocabulary lacks.
  @discardableResult
  func insert(_ pattern: Pattern, payload: Int) -> Bool {
    var node: Int32 = 0
    for element in pattern.elements {
      switch element {
      case .word(let key): node = child(of: node, term: vocabulary.term(word: key, loose: matchesLoosely))
      case .stem(let key): node = child(of: node, term: vocabulary.term(stem: key, loose: matchesLoosely))
      case .shape(let name):
        guard let term = vocabulary.term(shape: name) else { return false }
        node = child(of: node, term: term)
      case .slot(let kind):
        hasSlots = true
        if let existing = nodes[Int(node)].slots.first(where: { $0.kind == kind }) {
          node = existing.child
        } else {
          nodes.append(Node())
          let next = Int32(nodes.count - 1)
          nodes[Int(node)].slots.append((kind, next))
          node = next
        }
      case .gap:
        if nodes[Int(node)].gap < 0 {
          nodes.append(Node())
          nodes[Int(node)].gap = Int32(nodes.count - 1)
        }
        node = nodes[Int(node)].gap
      }
    }
    let terminal = nodes[Int(node)].terminal
    if terminal < 0 || Int(terminal) > payload { nodes[Int(node)].terminal = Int32(payload) }
    return true
  }

  /// The longest match starting at token `start`, within `limit`.
  func longestMatch(at start: Int, limit: Int, terms: TokenTerms, fills: SlotFills?) -> Match? {
    // Fast path: most tokens start nothing, so answer without allocating.
    if nodes[0].slots.isEmpty || fills == nil {
      guard start < limit, terms[start].contains(where: { Int($0) < startTerms.count && startTerms[Int($0)] }) else { return nil }
    }
    var best: Match?
    var stack: [(node: Int32, position: Int, fills: [Int])] = [(0, start, [])]
    while let (nodeIndex, position, used) = stack.popLast() {
      let node = nodes[Int(nodeIndex)]
      if node.terminal >= 0, position > start {
        let candidate = Match(payload: Int(node.terminal), tokens: start..<position, fills: used)
        if let current = best {
          if position > current.tokens.upperBound
            || (position == current.tokens.upperBound && candidate.payload < current.payload) {
            best = candidate
          }
        } else {
          best = candidate
        }
      }
      guard position < limit else { continue }
      if !node.edges.isEmpty {
        for term in terms[position] {
          if let next = node.edges[term] { stack.append((next, position + 1, used)) }
        }
      }
      if !node.slots.isEmpty, let fills {
        for (kind, next) in node.slots {
          for fill in fills.starting(at: position, kind: kind) where fill.end <= limit {
            stack.append((next, fill.end, used + [fill.index]))
          }
        }
      }
      if node.gap >= 0 {
        for skip in 0...Pattern.maximumGap where position + skip < limit {
          stack.append((node.gap, position + skip, used))
        }
      }
    }
    return best
  }

  /// Non-overlapping matches in a token range, left to right, longest first at each position.
  func matches(in range: Range<Int>, terms: TokenTerms, fills: SlotFills? = nil) -> [Match] {
    var result: [Match] = []
    var position = range.lowerBound
    while position < range.upperBound {
      if let match = longestMatch(at: position, limit: range.upperBound, terms: terms, fills: fills) {
        result.append(match)
        position = match.tokens.upperBound
      } else {
        position += 1
      }
    }
    return result
  }
}

/// The terms of every token of a document for one language's vocabulary (flat storage).
struct TokenTerms {
  private var flat: [Int32] = []
  private var offsets: [Int32] = [0]

  init(forms: [Int32], keys: [FoldedKey], cache: TermCache) {
    flat.reserveCapacity(forms.count)
    offsets.reserveCapacity(forms.count + 1)
    for form in forms {
      flat.append(contentsOf: cache.terms(form: form, key: keys[Int(form)]))
      offsets.append(Int32(flat.count))
    }
  }

  subscript(token: Int) -> ArraySlice<Int32> { flat[Int(offsets[token])..<Int(offsets[token + 1])] }
}

/// Per-worker memo of `Vocabulary.terms(for:)` by form number, so each distinct form is looked up once.
final class TermCache {
  let vocabulary: Vocabulary
  private var cache: [[Int32]?] = []

  init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

  func terms(form: Int32, key: FoldedKey) -> [Int32] {
    let index = Int(form)
    if index < cache.count, let known = cache[index] { return known }
    while cache.count <= index { cache.append(nil) }
    let found = vocabulary.terms(for: key)
    cache[index] = found
    return found
  }
}

/// Registry mentions available to fill slots, by the token where they start.
struct SlotFills {
  struct Fill {
    let index: Int
    let end: Int
    let isPerson: Bool
  }

  private var byStart: [Int: [Fill]] = [:]

  init(_ fills: [(start: Int, fill: Fill)]) {
    for (start, fill) in fills { byStart[start, default: []].append(fill) }
  }

  func starting(at token: Int, kind: SlotKind) -> [Fill] {
    guard let fills = byStart[token] else { return [] }
    return kind == .person ? fills.filter(\.isPerson) : fills
  }
}
